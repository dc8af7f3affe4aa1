"""Who may see the coverage overview (monitoring:coverage and its CSV/JSON exports).

The overview holds no personal data: municipalities, cell names and counts, and which
mandatory roles a cell lacks (never who holds a role). It is still an internal management
view, so it is shown to the roles that steer or organise the cells, not to every member:

- supervisors (regional or federal): following the coverage of their territory is their job;
- administrators (and superusers): they create cells and assign municipalities;
- coordinators and chairs of any active cell: to see their cell among its neighbours and
  to find the cells around them (intermunicipal cooperation).

Information officers, partners and DPOs get a 404, like every page a role may not use:
they have no task that needs it. Every role sees the whole country; a supervisor's region
is a default filter only, not a limit, since nothing here is confidential.
"""

from livc.organisations.models import Membership, Role
from livc.organisations.selectors import active_roles

COVERAGE_ROLES = frozenset({Role.COORDINATOR, Role.CHAIR, Role.SUPERVISOR, Role.ADMINISTRATOR})


def can_see_coverage(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or bool(active_roles(user) & COVERAGE_ROLES)


def default_region_id(user) -> int | None:
    """The region a supervisor oversees, when they oversee exactly one (a default filter)."""
    if Role.SUPERVISOR not in active_roles(user):
        return None
    regions = set(
        Membership.objects.filter(
            user=user, role=Role.SUPERVISOR, is_active=True, region__isnull=False
        ).values_list("region_id", flat=True)
    )
    return regions.pop() if len(regions) == 1 else None
