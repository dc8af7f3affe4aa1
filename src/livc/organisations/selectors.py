"""Reads on cells, organisations and memberships."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from .models import MANDATORY_ROLES, Cell, Membership, Municipality, Role

_MEMBERSHIPS_CACHE = "_livc_memberships"


def _active_memberships(user) -> list[Membership]:
    """All active memberships (active cells or none), in one query cached on the user.

    Every policy check of a request reads from this list, so a page costs one membership
    query however many checks it makes. Tests that change memberships mid-request must
    reload the user.
    """
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return []
    cached = getattr(user, _MEMBERSHIPS_CACHE, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True)
            .filter(Q(cell__isnull=True) | Q(cell__is_active=True))
            .select_related("organisation")
        )
        setattr(user, _MEMBERSHIPS_CACHE, cached)
    return cached


def cell_memberships(user) -> list[Membership]:
    """Active memberships in active cells."""
    return [m for m in _active_memberships(user) if m.cell_id is not None]


def above_cell_memberships(user) -> list[Membership]:
    """Active memberships not tied to a cell (supervisors, administrators and the roles
    above the cells), from the same cached list: no query beyond the first."""
    return [m for m in _active_memberships(user) if m.cell_id is None]


def cells_with_role(user, *roles: str) -> set[int]:
    return {m.cell_id for m in cell_memberships(user) if m.role in roles}


def active_roles(user) -> frozenset[str]:
    """The roles a user holds in active memberships."""
    return frozenset(m.role for m in _active_memberships(user))


def user_memberships(*, user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, is_active=True)
        .filter(Q(cell__isnull=True) | Q(cell__is_active=True))
        .select_related("cell", "organisation", "region")
        .order_by("cell__name", "role")
    )


def current_municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.filter(valid_until__isnull=True)


@dataclass
class Composition:
    cell: Cell
    members: dict[str, list[Membership]] = field(default_factory=dict)

    @property
    def missing_roles(self) -> list[Role]:
        return [role for role in MANDATORY_ROLES if not self.members.get(role)]

    @property
    def is_complete(self) -> bool:
        return not self.missing_roles

    def rows(self) -> list[tuple[Role, list[Membership]]]:
        return [(role, self.members.get(role, [])) for role in Role if role in self.members]


def cells_composition(*, cells: list[Cell]) -> list[Composition]:
    """The active members of each cell grouped by role, in one query for all cells."""
    compositions = {cell.pk: Composition(cell=cell) for cell in cells}
    memberships = (
        Membership.objects.filter(cell__in=compositions, is_active=True, user__is_active=True)
        .select_related("user", "organisation")
        .order_by("user__full_name")
    )
    for membership in memberships:
        compositions[membership.cell_id].members.setdefault(membership.role, []).append(membership)
    return list(compositions.values())


def cells_with_missing_roles() -> QuerySet[Cell]:
    """Active cells lacking a chair, a coordinator or an information officer."""
    annotations = {
        f"n_{role}": Count(
            "memberships",
            filter=Q(
                memberships__role=role,
                memberships__is_active=True,
                memberships__user__is_active=True,
            ),
        )
        for role in MANDATORY_ROLES
    }
    missing = Q()
    for role in MANDATORY_ROLES:
        missing |= Q(**{f"n_{role}": 0})
    return Cell.objects.filter(is_active=True).annotate(**annotations).filter(missing)


def incomplete_cells() -> list[tuple[Cell, list[Role]]]:
    """Each active cell missing a mandatory role, with the roles it misses (one query)."""
    return [
        (cell, [role for role in MANDATORY_ROLES if getattr(cell, f"n_{role}") == 0])
        for cell in cells_with_missing_roles()
    ]
