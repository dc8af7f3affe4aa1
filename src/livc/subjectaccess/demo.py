"""Demo data: one pending rectification request in the Mechelen demo cell.

Runs after the case-work seeding (it needs the cell's coordinator and a subject) and is
idempotent: a cell that already has requests gets none.
"""

import datetime

from django.utils import timezone

from livc.organisations.models import Cell, Membership, Role

from . import services
from .models import SubjectRequest

DESCRIPTION = (
    "De betrokkene meldt per brief dat de geboortedatum in het dossier niet klopt en vraagt "
    "die te verbeteren. Kopie van de identiteitskaart bijgevoegd."
)


def seed_subject_requests() -> int:
    """Returns the number of requests created (0 or 1)."""
    cell = Cell.objects.filter(code="MEC").first()
    if cell is None or SubjectRequest.objects.filter(cell=cell).exists():
        return 0
    coordinator = (
        Membership.objects.filter(cell=cell, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    subject = cell.subjects.order_by("pk").first()
    if coordinator is None or subject is None:
        return 0
    services.request_create(
        user=coordinator.user,
        cell=cell,
        kind=SubjectRequest.Kind.RECTIFICATION,
        received_on=timezone.localdate() - datetime.timedelta(days=10),
        description=DESCRIPTION,
        subject=subject,
    )
    return 1
