"""Who sees which figures (DESIGN.md → Access model, "aggregated figures").

- Cell dashboard: the coordinator and the chair of a cell, for that cell, exact (the
  figures stay inside the cell). Other roles get a 404, like every page a role may not use.
- Supervisor dashboard: supervisors (regional: the cells of their region; federal, i.e. a
  supervisor membership without region: every cell), aggregates only, always suppressed.
  Asking for an area or a cell outside one's scope is a 404, like asking for one that does
  not exist.
Superusers get no bypass: figures come with a role. Neither page shows personal data, so
neither writes to the access log.
"""

from dataclasses import dataclass

from django.http import Http404

from livc.organisations.models import Membership, Role
from livc.organisations.selectors import active_roles, cells_with_role

CELL_DASHBOARD_ROLES = (Role.COORDINATOR, Role.CHAIR)


def cell_dashboard_cells(user) -> set[int]:
    return cells_with_role(user, *CELL_DASHBOARD_ROLES)


def can_see_cell_dashboard(user) -> bool:
    """For navigation: the user may open the cell dashboard of at least one cell."""
    return bool(cell_dashboard_cells(user))


def access_cell_dashboard(user, cell_id: int | None) -> int:
    """The requested cell if the user coordinates or chairs it, else their first; 404."""
    cells = cell_dashboard_cells(user)
    if not cells or (cell_id is not None and cell_id not in cells):
        raise Http404
    return cell_id if cell_id is not None else min(cells)


@dataclass(frozen=True)
class SupervisorScope:
    """The regions a supervisor oversees; `federal` means all cells, wherever they are."""

    federal: bool
    region_ids: frozenset[int]

    def covers_region(self, region_id: int | None) -> bool:
        return self.federal or region_id in self.region_ids


def can_see_supervisor_dashboard(user) -> bool:
    """For navigation: the user holds an active supervisor role."""
    return Role.SUPERVISOR in active_roles(user)


def supervisor_scope(user) -> SupervisorScope:
    """The user's supervisor scope; 404 for anyone who is not a supervisor."""
    if not can_see_supervisor_dashboard(user):
        raise Http404
    regions = list(
        Membership.objects.filter(user=user, role=Role.SUPERVISOR, is_active=True).values_list(
            "region_id", flat=True
        )
    )
    return SupervisorScope(
        federal=any(region is None for region in regions),
        region_ids=frozenset(region for region in regions if region is not None),
    )
