"""Reads on charters: current versions, history, and who accepted what."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from livc.accounts.models import User
from livc.organisations.models import Cell, Membership

from .models import CharterAcceptance, CharterVersion

KINDS = list(CharterVersion.Kind)


def current_versions(*, cell: Cell) -> dict[str, CharterVersion]:
    """The highest-numbered version of each kind published for the cell (one query)."""
    newer = CharterVersion.objects.filter(
        cell=OuterRef("cell"), kind=OuterRef("kind"), number__gt=OuterRef("number")
    )
    versions = (
        CharterVersion.objects.filter(cell=cell)
        .exclude(Exists(newer))
        .select_related("cell", "published_by")
    )
    return {version.kind: version for version in versions}


def history(*, cell: Cell) -> QuerySet[CharterVersion]:
    return (
        CharterVersion.objects.filter(cell=cell)
        .select_related("published_by")
        .order_by("-published_at", "-id")
    )


def previous_version(*, version: CharterVersion) -> CharterVersion | None:
    return (
        CharterVersion.objects.filter(
            cell=version.cell_id, kind=version.kind, number__lt=version.number
        )
        .order_by("-number")
        .first()
    )


def acceptances_of(*, user, versions) -> dict[int, CharterAcceptance]:
    """The user's acceptances of `versions`, by version id."""
    return {
        a.version_id: a
        for a in CharterAcceptance.objects.filter(user=user, version__in=list(versions))
    }


def cell_members(*, cell: Cell) -> QuerySet[User]:
    """Active users holding an active role in the cell, by name."""
    return (
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(cell=cell, is_active=True).values("user_id"),
        )
        .only("pk", "full_name", "email")
        .order_by("full_name", "pk")
    )


def not_accepted_all(members: QuerySet[User], versions: list[CharterVersion]) -> QuerySet[User]:
    """Members who have not yet accepted one of `versions`."""
    missing = Q()
    for version in versions:
        missing |= ~Exists(CharterAcceptance.objects.filter(version=version, user=OuterRef("pk")))
    return members.filter(missing) if versions else members.none()


@dataclass
class MemberRow:
    """One member on the acceptance overview: their capacities in the cell and, per current
    version (in the order of the columns), their acceptance or None."""

    user: User
    memberships: list[Membership] = field(default_factory=list)
    acceptances: list[CharterAcceptance | None] = field(default_factory=list)


def member_rows(
    *, cell: Cell, users: list[User], versions: list[CharterVersion]
) -> list[MemberRow]:
    """Rows for one page of members: two queries whatever the page size."""
    rows = {user.pk: MemberRow(user) for user in users}
    memberships = (
        Membership.objects.filter(cell=cell, is_active=True, user__in=rows)
        .select_related("organisation")
        .order_by("role")
    )
    for membership in memberships:
        rows[membership.user_id].memberships.append(membership)
    accepted = {
        (a.user_id, a.version_id): a
        for a in CharterAcceptance.objects.filter(version__in=versions, user__in=rows)
    }
    for row in rows.values():
        row.acceptances = [accepted.get((row.user.pk, v.pk)) for v in versions]
    return list(rows.values())


def acceptance_counts(*, members: QuerySet[User], versions: list[CharterVersion]) -> dict[int, int]:
    """How many current members accepted each version (one query)."""
    counts = (
        CharterAcceptance.objects.filter(version__in=versions, user__in=members.values("pk"))
        .values("version")
        .annotate(n=Count("user", distinct=True))
    )
    found = {row["version"]: row["n"] for row in counts}
    return {version.pk: found.get(version.pk, 0) for version in versions}
