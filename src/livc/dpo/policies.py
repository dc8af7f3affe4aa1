"""Who may use the DPO tools and the register of processing. Refusal looks like absence.

The tools (access log search, statistics, chain integrity) are for the cell's DPO only;
the register of processing also for the cell's coordinator, who prepares it with the DPO.
Every check is per cell: a DPO of cell A sees nothing of cell B.
"""

from django.http import Http404

from livc.organisations.models import Role
from livc.organisations.selectors import cells_with_role


def dpo_cells(user) -> set[int]:
    return cells_with_role(user, Role.DPO)


def can_use_dpo_tools(user) -> bool:
    return bool(dpo_cells(user))


def can_verify_chain(user) -> bool:
    """Running the check reads the whole log (ids and hashes only): the DPO's job."""
    return can_use_dpo_tools(user)


def register_cells(user) -> set[int]:
    return cells_with_role(user, Role.DPO, Role.COORDINATOR)


def can_see_processing_register(user) -> bool:
    return bool(register_cells(user))


def _pick(cells: set[int], cell_id: int | None) -> int:
    if not cells or (cell_id is not None and cell_id not in cells):
        raise Http404
    return cell_id if cell_id is not None else min(cells)


def access_dpo_cell(user, cell_id: int | None) -> int:
    """The requested cell if the user is its DPO, else their first; 404 if none."""
    return _pick(dpo_cells(user), cell_id)


def access_register_cell(user, cell_id: int | None) -> int:
    """The requested cell if the user is its DPO or coordinator, else their first; 404."""
    return _pick(register_cells(user), cell_id)
