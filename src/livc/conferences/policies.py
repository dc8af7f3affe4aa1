"""Who sees which conference and which of its items (DESIGN.md → Access model).

- The coordinator of the cell plans and runs conferences and sees every item.
- The chair of the cell sees every conference and every item, once attested.
- Anyone else sees a conference only when invited to one of its items, and then only the
  items they are invited to, of cases their organisation takes part in (invited or
  participating) and that `visible_cases` lets them read, once attested.
- Refusal looks like absence (404).
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from livc.cases.models import Participant
from livc.access.actor import has_role
from livc.cases.policies import visible_cases
from livc.organisations.models import Role
from livc.organisations.selectors import cell_memberships, cells_with_role

from .models import AgendaItem, Attendance, Attestation, Conference, Invitation

FULL_VIEW = (Role.COORDINATOR, Role.CHAIR)


def _organisations_in(user, cell_id: int) -> set[int]:
    return {m.organisation_id for m in cell_memberships(user) if m.cell_id == cell_id}


def visible_conferences(user) -> QuerySet[Conference]:
    """Conferences of the user's cells where they are coordinator or chair, or invited."""
    memberships = cell_memberships(user)
    if not memberships:
        return Conference.objects.none()
    invited = Invitation.objects.filter(user=user).values("item__conference_id")
    return Conference.objects.filter(
        Q(cell__in=cells_with_role(user, *FULL_VIEW))
        | Q(cell__in={m.cell_id for m in memberships}, pk__in=invited)
    )


def access_conference(user, conference_id: int) -> Conference:
    """The conference if the user may see it, else 404 (whether or not it exists)."""
    conference = visible_conferences(user).select_related("cell").filter(pk=conference_id).first()
    if conference is None:
        raise Http404
    return conference


def can_manage(user, conference: Conference) -> bool:
    """Plan, edit the agenda, invite, record attendance, write and approve the minutes."""
    return has_role(user, conference.cell_id, Role.COORDINATOR)


def has_attested(user, conference: Conference) -> bool:
    return Attestation.objects.filter(conference=conference, user=user).exists()


def must_attest_first(user, conference: Conference) -> bool:
    """True while the user may not see item content yet. The coordinator prepares the
    agenda before anyone attests, so they are not held back; everyone else is."""
    return not can_manage(user, conference) and not has_attested(user, conference)


def visible_items(user, conference: Conference) -> QuerySet[AgendaItem]:
    """The items whose content the user may read, ignoring the attestation gate (callers
    check `must_attest_first`)."""
    items = conference.items.select_related("case", "minutes")
    if has_role(user, conference.cell_id, *FULL_VIEW):
        return items
    organisations = _organisations_in(user, conference.cell_id)
    # One filter() call, so both participant conditions apply to the same participant row.
    allowed = AgendaItem.objects.filter(
        conference=conference,
        invitations__user=user,
        case__in=visible_cases(user),
        case__participants__organisation__in=organisations,
        case__participants__status__in=Participant.ACTIVE,
    )
    return items.filter(pk__in=allowed.values("pk"))


def readable_items(user, conference: Conference) -> list[AgendaItem]:
    """The items to show the user now: nothing before their attestation."""
    if must_attest_first(user, conference):
        return []
    return list(visible_items(user, conference))


def may_be_invited(user, item: AgendaItem) -> bool:
    """An invitee belongs to the cell on behalf of an organisation taking part in the case,
    and can read the case."""
    return (
        item.case.participants.filter(
            organisation__in=_organisations_in(user, item.case.cell_id),
            status__in=Participant.ACTIVE,
        ).exists()
        and visible_cases(user).filter(pk=item.case_id).exists()
    )


def can_download_minutes(user, conference: Conference) -> bool:
    """The coordinator, and each attendee recorded as present, for their own items."""
    return (
        can_manage(user, conference)
        or Attendance.objects.filter(conference=conference, user=user).exists()
    )
