"""Who may see and manage retention: the cell's coordinator and DPO, per cell.

Pages show codes, dates, types and cells only, never names or free text. Everyone else
gets a 404, like any record they may not see.
"""

from livc.access.errors import NotFound
from livc.organisations.models import Role
from livc.organisations.selectors import cells_with_role

from .models import LegalHold

MANAGERS = (Role.COORDINATOR, Role.DPO)


def retention_cells(user) -> set[int]:
    """Cells whose retention queue, holds, tombstones and policy the user sees."""
    return cells_with_role(user, *MANAGERS)


def can_use(user) -> bool:
    """Whether the retention pages exist for the user (navigation)."""
    return bool(retention_cells(user))


def can_edit_policy(user, cell_id: int) -> bool:
    """The coordinator sets the cell's periods; the DPO only reads them."""
    return cell_id in cells_with_role(user, Role.COORDINATOR)


def record_link_cells(user) -> set[int]:
    """Cells whose records the retention queue links to (their pages are the coordinator's;
    the DPO sees references only). The record pages apply the charter gate themselves."""
    return cells_with_role(user, Role.COORDINATOR)


def access_cells(user) -> set[int]:
    """The user's retention cells, or 404 when there are none."""
    cells = retention_cells(user)
    if not cells:
        raise NotFound
    return cells


def access_hold(user, hold_id: int) -> LegalHold:
    hold = (
        LegalHold.objects.filter(pk=hold_id, cell__in=retention_cells(user))
        .select_related("cell")
        .first()
    )
    if hold is None:
        raise NotFound
    return hold
