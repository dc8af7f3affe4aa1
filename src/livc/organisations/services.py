"""Writes on the organisations registry. Keyword-only; the acting user comes first."""

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from . import models, refnis
from .models import Cell, Membership

REGISTRY_MODELS = {
    "Region": models.Region,
    "Province": models.Province,
    "Arrondissement": models.Arrondissement,
    "Municipality": models.Municipality,
    "MunicipalityMerger": models.MunicipalityMerger,
}


def municipalities_import(
    *,
    admin_units: Path = refnis.ADMIN_UNITS_FILE,
    municipalities: Path = refnis.MUNICIPALITIES_FILE,
    mergers: Path = refnis.MERGERS_FILE,
) -> dict[str, int]:
    """Validate all files first, then upsert in one transaction (nothing half-written).

    Raises refnis.ReferenceDataError naming the file and row of the first problem.
    """
    units, municipality_rows, merger_rows = refnis.read_all(admin_units, municipalities, mergers)
    with transaction.atomic():
        return refnis.apply_reference_data(
            REGISTRY_MODELS, units, municipality_rows, merger_rows, timezone.localdate()
        )


@transaction.atomic
def cell_deactivate(*, actor, cell: Cell) -> Cell:
    """Dissolve a cell: its municipalities become free for another cell; memberships end."""
    cell.is_active = False
    cell.save(update_fields=["is_active"])
    cell.areas.update(is_active=False)
    Membership.objects.filter(cell=cell, is_active=True).update(is_active=False)
    return cell
