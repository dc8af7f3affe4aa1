"""Who sees which conference and which of its items (DESIGN.md → Access model).

- The coordinator of the cell plans and runs conferences and sees every item.
- The chair of the cell sees every conference and every item, once attested.
- Anyone else sees a conference only when invited to one of its items, and then only the
  items they are invited to, of cases their organisation takes part in (invited or
  participating) and that `visible_cases` lets them read, once attested.
- Refusal looks like absence (404).

Services ask the same questions as the pages (`can_<verb>`, `conference_actions`), so a
page offers exactly what its service accepts.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from livc.access.actor import has_role
from livc.access.errors import NotFound
from livc.cases.models import Participant
from livc.cases.policies import visible_cases
from livc.organisations.models import Role
from livc.organisations.selectors import cell_memberships, cells_with_role

from . import workflow
from .models import AgendaItem, Attendance, Attestation, Conference, Invitation, Minutes

FULL_VIEW = (Role.COORDINATOR, Role.CHAIR)
# Set on a conference fetched through `visible_conferences` for one user, so that the
# services handed that object for the same user need not ask the database again.
_VIEWER = "_livc_visible_to"


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
    """The conference if the user may see it, else NotFound (whether or not it exists)."""
    conference = visible_conferences(user).select_related("cell").filter(pk=conference_id).first()
    if conference is None:
        raise NotFound
    setattr(conference, _VIEWER, user.pk)
    return conference


def ensure_visible(user, conference: Conference) -> Conference:
    """NotFound unless the user may see `conference`; free after `access_conference`."""
    viewer = getattr(user, "pk", None)
    if viewer is not None and getattr(conference, _VIEWER, None) == viewer:
        return conference
    if not visible_conferences(user).filter(pk=conference.pk).exists():
        raise NotFound
    setattr(conference, _VIEWER, viewer)
    return conference


def can_list(user) -> bool:
    """The conference list is for every member of a cell (it may well be empty)."""
    return bool(cell_memberships(user))


def planning_cells(user) -> set[int]:
    """Cells in which the user plans conferences: those they coordinate."""
    return cells_with_role(user, Role.COORDINATOR)


def can_plan(user, cell_id: int) -> bool:
    return cell_id in planning_cells(user)


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


@dataclass(frozen=True)
class ConferenceActions:
    """What the user may do with one conference now: the pages offer exactly these."""

    manage: bool
    edit_agenda: bool
    edit_invitations: bool
    record_attendance: bool
    write_minutes: bool
    mark_held: bool
    approve: bool
    download_minutes: bool
    minutes_expected: bool


def conference_actions(user, conference: Conference, *, download: bool | None = None):
    """Role and workflow state together. `download`: whether the user may download the
    minutes once approved, when the caller already knows (it costs a query)."""
    manage = can_manage(user, conference)
    status = conference.status
    final = workflow.minutes_final(status)
    if final and download is None:
        download = can_download_minutes(user, conference)
    return ConferenceActions(
        manage=manage,
        edit_agenda=manage and workflow.agenda_open(status),
        edit_invitations=manage and workflow.agenda_open(status),
        record_attendance=manage and workflow.attendance_open(status),
        write_minutes=manage and workflow.minutes_open(status),
        mark_held=manage and workflow.is_allowed(status, workflow.HELD),
        approve=manage and workflow.is_allowed(status, workflow.APPROVED),
        download_minutes=final and bool(download),
        minutes_expected=workflow.minutes_expected(status),
    )


def access_minutes(user, minutes_id: int) -> Minutes:
    """The minutes of an agenda item if the user may read that item on the conference page:
    the conference is theirs, they have attested, and the item is one of theirs."""
    minutes = (
        Minutes.objects.filter(pk=minutes_id)
        .select_related("item__case__cell", "item__case__subject__municipality")
        .first()
    )
    if minutes is None:
        raise NotFound
    conference = access_conference(user, minutes.item.conference_id)
    if must_attest_first(user, conference):
        raise NotFound
    if not visible_items(user, conference).filter(pk=minutes.item_id).exists():
        raise NotFound
    # And whoever reads the minutes of an item reads its case: the case's own policy too
    # (with the charter gate), whatever the conference policy lets through.
    if not visible_cases(user).filter(pk=minutes.item.case_id).exists():
        raise NotFound
    return minutes
