"""Domain errors services and policies raise; views and the API map them, never re-check."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


class NotFound(Http404):
    """The record does not exist *or* the actor may not know it exists: one answer for both
    (DESIGN.md principle 1), so Django and DRF turn it into a 404."""


class Refused(PermissionDenied):
    """The actor may see the record but not do this to it (e.g. a partner changing a phase)."""
