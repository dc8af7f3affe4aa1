"""The capacity in which a user acts in a cell, and the cells whose case data they may reach.

Everything here reads the memberships cached on the user object (one query a request) and,
for the charter gate, the pending charters (one more query, cached the same way).
"""

from livc.audit.services import Actor
from livc.organisations.models import Role
from livc.organisations.selectors import cell_memberships, cells_with_role

# Order of preference when one user holds several roles in the same cell.
ROLE_PRECEDENCE = (Role.COORDINATOR, Role.CHAIR, Role.INFORMATION_OFFICER, Role.PARTNER, Role.DPO)


def actor_for(user, cell_id: int | None) -> Actor:
    """The capacity (role, organisation) in which `user` acts in `cell_id`, for the access
    log. A user without a role there is recorded as themselves, with no role."""
    memberships = [m for m in cell_memberships(user) if m.cell_id == cell_id]
    memberships.sort(key=lambda m: ROLE_PRECEDENCE.index(m.role))
    if not memberships:
        return Actor(user_id=getattr(user, "pk", None), cell_id=cell_id)
    best = memberships[0]
    return Actor(user.pk, best.role, best.organisation_id, cell_id)


def has_role(user, cell_id: int | None, *roles: str) -> bool:
    return cell_id is not None and cell_id in cells_with_role(user, *roles)


def gated_cells(user) -> set[int]:
    """Cells in which the user still has a charter to accept. Nothing case-related of these
    cells is visible to them (the charter gate is a condition of every `visible_*`)."""
    # Imported here: charters is a feature app; only its acceptance state is read.
    from livc.charters.policies import pending_charters

    return {version.cell_id for version in pending_charters(user)}


def cleared_cells_with_role(user, *roles: str) -> set[int]:
    """`cells_with_role` less the cells whose charters the user has not accepted."""
    cells = cells_with_role(user, *roles)
    return cells - gated_cells(user) if cells else cells
