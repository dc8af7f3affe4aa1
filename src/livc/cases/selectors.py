"""Reads on cases, already scoped by policies. A selector that builds a page showing a
case's content logs the read itself, so every render is logged whatever its status."""

from django.db.models import Exists, OuterRef, QuerySet

from livc.accounts.models import User
from livc.audit.models import AccessLogEntry
from livc.organisations.models import Membership, Organisation, Role

from . import policies, trail
from .models import Case, Participant, ParticipantMember


def case_list(*, user, phase: str = "", code: str = "") -> QuerySet[Case]:
    cases = policies.visible_cases(user).select_related("cell")
    if phase:
        cases = cases.filter(phase=phase)
    if code:
        cases = cases.filter(code__icontains=code.strip())
    return cases.order_by("-opened_on", "-id")


def case_detail_context(*, user, case: Case) -> dict:
    """The case page's content for a reader of `case` (from `policies.access_case`): logs
    a view, whether the page answers 200 or comes back with a form's errors."""
    participants = list(
        case.participants.select_related("organisation").prefetch_related("members")
    )
    checkins = list(case.checkins.all())
    trail.viewed(user, case)
    return {
        "case": case,
        "actions": policies.case_actions(user, case),
        "participants": participants,
        "notes": case.notes.select_related("author", "organisation")[:50],
        "phase_changes": case.phase_changes.select_related("by"),
        "checkins": checkins,
        "next_checkin": next((c for c in checkins if c.done_on is None), None),
        "own_participations": policies.own_participations(user, participants),
    }


def case_edit_context(*, user, case: Case) -> dict:
    """The edit page shows the case's data: logged as a view on every render."""
    trail.viewed(user, case)
    return {"case": case}


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


def case_director_choices(*, case: Case, keep: int | None = None) -> QuerySet[User]:
    """Who may lead the trajectory: named members of the organisations taking part in the
    case (invited or participating) who are still partners or information officers of
    that organisation in the cell. Nobody else reads the case on behalf of a participant,
    so nobody else can direct it (never the DPO, never an outsider). `keep`: a director
    already in place, offered again so that other edits do not force a change."""
    still_member = Membership.objects.filter(
        user=OuterRef("user_id"),
        organisation=OuterRef("participant__organisation_id"),
        cell=case.cell_id,
        role__in=policies.NAMEABLE,
        is_active=True,
    )
    named = ParticipantMember.objects.filter(
        Exists(still_member),
        participant__case=case,
        participant__status__in=Participant.ACTIVE,
    ).values("user_id")
    eligible = User.objects.filter(pk__in=named, is_active=True)
    if keep is not None:
        eligible = eligible | User.objects.filter(pk=keep)
    return eligible.order_by("full_name")


def users_by_id(*, ids: set[int | None]) -> dict[int, User]:
    """Names for access-log rows, in one query."""
    return {user.pk: user for user in User.objects.filter(pk__in=[i for i in ids if i])}


def case_access_log(*, case: Case) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(case_id=case.pk).order_by("-id")
