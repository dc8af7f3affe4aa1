"""Reads on case conferences, already scoped by policies. A selector that builds a page
showing item content logs the read itself, so every render is logged whatever its status
(a form that came back with errors too)."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects

from livc.accounts.models import User
from livc.cases import workflow as case_workflow
from livc.cases.models import Case, Participant, ParticipantMember
from livc.organisations.models import Membership, Organisation, Role

from . import policies, trail, workflow
from .models import AgendaItem, AgreedAction, Attestation, Conference, Invitation


def conference_list(*, user) -> QuerySet[Conference]:
    """The user's conferences, newest first, each marked `attested` for this user."""
    return (
        policies.visible_conferences(user)
        .select_related("cell")
        .annotate(attested=Exists(Attestation.objects.filter(conference=OuterRef("pk"), user=user)))
        .order_by("-starts_at", "-id")
    )


def conference_page(*, user, conference: Conference) -> dict:
    """The conference page for a user who sees `conference`: the items they may read now
    (none before their attestation) with their minutes, and what they may do. Logs the
    view of the conference and of each item shown."""
    manage = policies.can_manage(user, conference)
    attested = policies.has_attested(user, conference)
    gated = not manage and not attested  # as policies.must_attest_first, one query less
    items = with_minutes([] if gated else list(policies.visible_items(user, conference)))
    trail.conference_viewed(user, conference, items)
    return {
        "conference": conference,
        "items": items,
        "gated": gated,
        "attested": attested,
        "actions": policies.conference_actions(user, conference),
        "status_changes": conference.status_changes.select_related("by"),
    }


def invitations_page(*, user, conference: Conference) -> dict:
    """The agenda with who is and who may be invited; logs a view of each item (the page
    names the cases, not their minutes)."""
    items = list(conference.items.select_related("case"))
    trail.items_viewed(user, items, minutes_shown=False)
    return {
        "items": items,
        "candidates": invitation_candidates(conference=conference),
        "current": invitations_by_item(conference=conference),
        "actions": policies.conference_actions(user, conference, download=False),
    }


def minutes_page(*, user, item: AgendaItem, shows_minutes: bool) -> dict:
    """The minutes form of one item; logs a view of the item, and of its minutes when the
    page shows them (`shows_minutes`)."""
    actions = policies.conference_actions(user, item.conference, download=False)
    trail.items_viewed(user, [item], minutes_shown=shows_minutes and actions.write_minutes)
    return {"conference": item.conference, "item": item, "actions": actions}


def with_minutes(items: list[AgendaItem]) -> list[AgendaItem]:
    """Load the agreed actions (and their organisations) of `items` in one query."""
    prefetch_related_objects(
        items,
        Prefetch("agreed_actions", AgreedAction.objects.select_related("organisation")),
    )
    return items


def addable_cases(*, conference: Conference) -> QuerySet[Case]:
    """Cases of the cell that can still be put on the agenda."""
    return (
        Case.objects.filter(cell=conference.cell_id)
        .exclude(phase=case_workflow.CLOSED)
        .exclude(conference_items__conference=conference)
        .order_by("code")
    )


@dataclass
class Candidates:
    """Who may be invited to one item, and who is suggested (named members of the case)."""

    users: dict[int, tuple[User, Organisation]] = field(default_factory=dict)
    suggested: set[int] = field(default_factory=set)


def invitation_candidates(*, conference: Conference) -> dict[int, Candidates]:
    """Per item id: members of the cell whose organisation takes part in the item's case and
    who can read it (named partners; information officers of a participating police
    organisation). Three queries whatever the agenda's size."""
    items = list(conference.items.all())
    participants = list(
        Participant.objects.filter(
            case__in=[item.case_id for item in items], status__in=Participant.ACTIVE
        )
    )
    named = set(
        ParticipantMember.objects.filter(participant__in=participants).values_list(
            "participant_id", "user_id"
        )
    )
    memberships = Membership.objects.filter(
        cell=conference.cell_id,
        is_active=True,
        user__is_active=True,
        role__in=(Role.PARTNER, Role.INFORMATION_OFFICER),
        organisation__in={p.organisation_id for p in participants},
    ).select_related("user", "organisation")
    by_organisation: dict[int, list[Membership]] = {}
    for membership in memberships:
        by_organisation.setdefault(membership.organisation_id, []).append(membership)
    result = {item.pk: Candidates() for item in items}
    case_items = {item.case_id: result[item.pk] for item in items}
    for participant in participants:
        candidates = case_items[participant.case_id]
        for membership in by_organisation.get(participant.organisation_id, []):
            is_named = (participant.pk, membership.user_id) in named
            if is_named or membership.role == Role.INFORMATION_OFFICER:
                candidates.users[membership.user_id] = (membership.user, membership.organisation)
            if is_named:
                candidates.suggested.add(membership.user_id)
    return result


def invitations_by_item(*, conference: Conference) -> dict[int, list[User]]:
    result: dict[int, list[User]] = {}
    invitations = Invitation.objects.filter(item__conference=conference).select_related("user")
    for invitation in invitations.order_by("user__full_name"):
        result.setdefault(invitation.item_id, []).append(invitation.user)
    return result


def item_organisations(*, item: AgendaItem) -> QuerySet[Organisation]:
    """Organisations taking part in the item's case: those actions can be agreed for."""
    return Organisation.objects.filter(
        participations__case=item.case_id, participations__status__in=Participant.ACTIVE
    ).values("pk")


def attendance_candidates(*, conference: Conference) -> QuerySet[User]:
    """Those who may be recorded as present: the invitees, and the coordinators and chairs
    of the cell."""
    invited = Invitation.objects.filter(item__conference=conference).values("user_id")
    leads = Membership.objects.filter(
        cell=conference.cell_id, is_active=True, role__in=policies.FULL_VIEW
    ).values("user_id")
    return User.objects.filter(Q(pk__in=invited) | Q(pk__in=leads), is_active=True).order_by(
        "full_name"
    )


def attestations(*, conference: Conference) -> dict[int, Attestation]:
    return {a.user_id: a for a in conference.attestations.all()}


def agreed_actions_for(item: AgendaItem) -> QuerySet[AgreedAction]:
    """The final agreed actions of an agenda item, to be turned into plan actions.

    Contract for the trajectories app: returns the item's actions (organisation,
    description, due_on; organisation and item's case loaded) only once the conference's
    minutes are approved, empty before, because draft minutes can still change. The
    caller checks access to the case and records its own access-log entry.
    """
    if not workflow.minutes_final(item.conference.status):
        return AgreedAction.objects.none()
    return item.agreed_actions.select_related("organisation", "item__case").order_by("id")
