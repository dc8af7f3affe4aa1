"""Who may read, publish and oversee a cell's charters, and which texts a member still has
to accept before reaching case data. Refusal looks like absence (404)."""

from django.db.models import Exists, OuterRef
from django.http import Http404

from livc.organisations.models import Cell, Role
from livc.organisations.selectors import cell_memberships, cells_with_role

from .models import CharterAcceptance, CharterVersion

_PENDING_CACHE = "_livc_pending_charters"
# Reading order: the rules of the consultation, then the commitments of its members.
KIND_ORDER = list(CharterVersion.Kind.values)


def member_cells(user) -> set[int]:
    """The cells in which the user holds any cell role."""
    return {m.cell_id for m in cell_memberships(user)}


def pending_charters(user) -> list[CharterVersion]:
    """The current versions of the charters of the user's cells that the user has not
    accepted, by cell name and kind.

    One query (none for a user without cell roles), cached on the user object for the
    request; `forget_pending(user)` drops the cache after an acceptance.
    """
    cached = getattr(user, _PENDING_CACHE, None)
    if cached is not None:
        return cached
    cells = member_cells(user)
    if not cells:
        pending = []
    else:
        newer = CharterVersion.objects.filter(
            cell=OuterRef("cell"), kind=OuterRef("kind"), number__gt=OuterRef("number")
        )
        accepted = CharterAcceptance.objects.filter(version=OuterRef("pk"), user=user)
        pending = sorted(
            CharterVersion.objects.filter(cell__in=cells)
            .exclude(Exists(newer))
            .exclude(Exists(accepted))
            .select_related("cell"),
            key=lambda v: (v.cell.name, KIND_ORDER.index(v.kind)),
        )
    setattr(user, _PENDING_CACHE, pending)
    return pending


def forget_pending(user) -> None:
    if hasattr(user, _PENDING_CACHE):
        delattr(user, _PENDING_CACHE)


def can_read(user, cell_id: int) -> bool:
    """Every member of the cell reads its charters and their history."""
    return cell_id in member_cells(user)


def can_publish(user, cell_id: int) -> bool:
    return cell_id in cells_with_role(user, Role.COORDINATOR)


def can_see_acceptances(user, cell_id: int) -> bool:
    return cell_id in cells_with_role(user, Role.COORDINATOR, Role.DPO)


def access_cell(user, cell_id: int) -> Cell:
    """The cell if the user is one of its members, else 404."""
    if not can_read(user, cell_id):
        raise Http404
    cell = Cell.objects.filter(pk=cell_id, is_active=True).first()
    if cell is None:
        raise Http404
    return cell


def access_version(user, version_id: int) -> CharterVersion:
    """The version if the user is a member of its cell, else 404 (whether or not it exists)."""
    version = (
        CharterVersion.objects.filter(pk=version_id, cell__in=member_cells(user))
        .select_related("cell", "published_by")
        .first()
    )
    if version is None:
        raise Http404
    return version
