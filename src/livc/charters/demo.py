"""Demo charters: version 1 of both texts for each demo cell, accepted by every member but
one Mechelen partner, so the gate can be seen. Idempotent."""

from django.db import transaction

from livc.organisations.models import Cell, Membership, Role

from . import selectors, services
from .demo_texts import TEXTS
from .models import CharterVersion

DEMO_CELLS = ("MEC", "VMZ", "VER")
# This demo user meets the gate on their first visit to case data.
NOT_ACCEPTED = "partner.mec@demo.livc.test"


@transaction.atomic
def seed_charters(*, leave_out: str = NOT_ACCEPTED) -> int:
    """Publish what is missing and record the missing acceptances of every member except
    the user with e-mail `leave_out`; returns how many records (versions and acceptances)
    were created."""
    created = 0
    for cell in Cell.objects.filter(code__in=DEMO_CELLS, is_active=True).order_by("code"):
        coordinator = (
            Membership.objects.filter(cell=cell, role=Role.COORDINATOR, is_active=True)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if coordinator is None:
            continue
        texts = TEXTS.get(cell.language, TEXTS["nl"])
        current = selectors.current_versions(cell=cell)
        for kind in CharterVersion.Kind:
            if kind not in current:
                current[kind] = services.charter_publish(
                    user=coordinator.user,
                    cell=cell,
                    kind=kind,
                    text=texts[kind].format(cell=cell.name),
                    based_on=0,
                )
                created += 1
        versions = list(current.values())
        for user in selectors.cell_members(cell=cell).exclude(email=leave_out):
            accepted = selectors.acceptances_of(user=user, versions=versions)
            missing = [v for v in versions if v.pk not in accepted]
            if missing:
                services.charters_accept(user=user, versions=missing)
                created += len(missing)
    return created
