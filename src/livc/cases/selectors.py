"""Reads on cases, already scoped by policies."""

from django.db.models import QuerySet

from livc.accounts.models import User
from livc.audit.models import AccessLogEntry
from livc.organisations.models import Membership, Organisation, Role

from . import policies
from .models import Case


def case_list(*, user, phase: str = "", code: str = "") -> QuerySet[Case]:
    cases = policies.visible_cases(user).select_related("cell")
    if phase:
        cases = cases.filter(phase=phase)
    if code:
        cases = cases.filter(code__icontains=code.strip())
    return cases.order_by("-opened_on", "-id")


def case_detail_context(*, user, case: Case) -> dict:
    participants = list(
        case.participants.select_related("organisation").prefetch_related("members")
    )
    checkins = list(case.checkins.all())
    return {
        "participants": participants,
        "notes": case.notes.select_related("author", "organisation")[:50],
        "phase_changes": case.phase_changes.select_related("by"),
        "checkins": checkins,
        "next_checkin": next((c for c in checkins if c.done_on is None), None),
        "own_participations": [p for p in participants if policies.can_decline(user, p)],
    }


def invitable(*, case: Case):
    """Organisations with members in the case's cell, and those members."""
    memberships = Membership.objects.filter(
        cell=case.cell_id, is_active=True, role__in=(Role.PARTNER, Role.INFORMATION_OFFICER)
    )
    organisations = Organisation.objects.filter(
        pk__in=memberships.values("organisation_id")
    ).order_by("name")
    users = User.objects.filter(pk__in=memberships.values("user_id")).order_by("full_name")
    return organisations, users


def case_director_choices(*, case: Case) -> QuerySet[User]:
    """Active members of the case's cell: who may lead the trajectory."""
    return (
        User.objects.filter(memberships__cell=case.cell_id, memberships__is_active=True)
        .distinct()
        .order_by("full_name")
    )


def users_by_id(*, ids: set[int | None]) -> dict[int, User]:
    """Names for access-log rows, in one query."""
    return {user.pk: user for user in User.objects.filter(pk__in=[i for i in ids if i])}


def case_access_log(*, case: Case) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(case_id=case.pk).order_by("-id")
