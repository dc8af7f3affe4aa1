"""Optimistic locking shared by every editable record with a `version` column."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _


class ConcurrentEditError(Exception):
    """Someone else saved the record since it was loaded; nothing was written."""


def save_if_unchanged(obj: models.Model, version: int, *, message: str = "", **fields) -> None:
    """Write `fields` only if nobody saved `obj` since `version` was read; bump the version.

    Raises ConcurrentEditError (with `message`, or a generic one) when the row moved on.
    """
    updated = (
        type(obj)
        .objects.filter(pk=obj.pk, version=version)
        .update(version=F("version") + 1, updated_at=timezone.now(), **fields)
    )
    if not updated:
        raise ConcurrentEditError(
            message
            or _(
                "Someone else changed this while you were editing. Reload the page and redo "
                "your change; nothing was saved."
            )
        )
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.version = version + 1
