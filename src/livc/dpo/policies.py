"""Who may use the DPO tools and the register of processing. Refusal looks like absence.

The tools (access log search, statistics, chain integrity) are for the cell's DPO only;
the register of processing also for the cell's coordinator, who prepares it with the DPO.
Every check is per cell: a DPO of cell A sees nothing of cell B.
"""

from livc.access.errors import NotFound
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


def access_dpo_cells(user) -> set[int]:
    """The cells whose DPO tools the user uses; NotFound when there are none. The page's
    cell among them is chosen with `livc.access.switcher.chosen_cell`."""
    cells = dpo_cells(user)
    if not cells:
        raise NotFound
    return cells
