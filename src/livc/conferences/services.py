"""Writes on case conferences, and the access-log entries of exports. Each write checks
its own policy (NotFound when the user may not see the conference or case, Refused when
they may see it but not do this), checks the workflow state and its input with the rules
the forms show, is atomic and appends to the access log itself."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.access.errors import Refused
from livc.audit.models import AccessLogEntry
from livc.cases import policies as case_policies
from livc.cases import workflow as case_workflow
from livc.cases.models import Case, Participant
from livc.core.dates import date_problem
from livc.organisations.selectors import cell_memberships
from livc.trajectories.services import create_action

from . import policies, selectors, workflow
from .models import (
    AgendaItem,
    AgreedAction,
    Attendance,
    Attestation,
    Conference,
    Invitation,
    Minutes,
    StatusChange,
)
from .trail import log as _log
from .trail import log_item as _log_item

A = AccessLogEntry.Action
S = Conference.Status
PLACE_LENGTH = 200
ACTION_LENGTH = 1000


@dataclass(frozen=True)
class ActionLine:
    """One agreed action as entered in the minutes."""

    organisation: object
    description: str
    due_on: datetime.date | None = None


def _require(conference: Conference, allowed, *, message: str) -> None:
    if not allowed(conference.status):
        raise ValidationError(message)


def _locked(conference: Conference) -> Conference:
    """Re-read the conference under a row lock so concurrent requests see one status."""
    fresh = Conference.objects.select_for_update().get(pk=conference.pk)
    conference.status = fresh.status
    return conference


def _managed(user, conference: Conference) -> Conference:
    """The coordinator's services: NotFound for those who do not see the conference,
    Refused for those who see it but do not run it."""
    policies.ensure_visible(user, conference)
    if not policies.can_manage(user, conference):
        raise Refused(_("Only the cell's coordinator runs the conference."))
    return conference


def _date(errors: dict, field: str, day, *, today: datetime.date, future: bool = False):
    problem = date_problem(day, today=today, future=future)
    if problem:
        errors.setdefault(field, problem)


@transaction.atomic
def conference_plan(
    *,
    user,
    cell,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    today: datetime.date | None = None,
) -> Conference:
    if not policies.can_plan(user, cell.pk):
        raise Refused(_("Only the cell's coordinator plans conferences."))
    errors: dict = {}
    _date(
        errors,
        "starts_at",
        timezone.localdate(starts_at),
        today=today or timezone.localdate(),
        future=True,
    )
    if ends_at <= starts_at:
        errors["ends_at"] = _("The conference must end after it starts.")
    if not place.strip():
        errors["place"] = _("Give the place of the conference.")
    elif len(place.strip()) > PLACE_LENGTH:
        errors["place"] = _("Keep it to %(max)s characters.") % {"max": PLACE_LENGTH}
    if errors:
        raise ValidationError(errors)
    conference = Conference.objects.create(
        cell=cell, starts_at=starts_at, ends_at=ends_at, place=place.strip()
    )
    StatusChange.objects.create(conference=conference, to_status=conference.status, by=user)
    _log(user, conference, A.CREATE, "conference", conference.pk)
    return conference


@transaction.atomic
def agenda_add(*, user, conference: Conference, case: Case) -> AgendaItem:
    _managed(user, conference)
    _require(
        _locked(conference),
        workflow.agenda_open,
        message=_("The agenda can only change while the conference is planned."),
    )
    if case.cell_id != conference.cell_id:
        raise ValidationError(_("Only cases of this cell can be put on the agenda."))
    case_policies.ensure_visible(user, case)
    if not case_workflow.on_agenda(case.phase):
        raise ValidationError(_("A closed case cannot be put on the agenda."))
    if conference.items.filter(case=case).exists():
        raise ValidationError(_("This case is already on the agenda."))
    last = conference.items.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem.objects.create(conference=conference, case=case, position=(last or 0) + 1)
    _log_item(user, item, A.CREATE)
    return item


@transaction.atomic
def agenda_remove(*, user, item: AgendaItem) -> None:
    """Take a case off the agenda; its invitations go with it."""
    _managed(user, item.conference)
    _require(
        _locked(item.conference),
        workflow.agenda_open,
        message=_("The agenda can only change while the conference is planned."),
    )
    _log_item(user, item, A.UPDATE, reason="removed from the agenda")
    item.delete()


@transaction.atomic
def invitations_set(*, user, item: AgendaItem, invitees) -> list[Invitation]:
    """Make `invitees` exactly the users invited to this item."""
    _managed(user, item.conference)
    _require(
        _locked(item.conference),
        workflow.agenda_open,
        message=_("Invitations can only change while the conference is planned."),
    )
    refused = [invitee for invitee in invitees if not policies.may_be_invited(invitee, item)]
    if refused:
        raise ValidationError(
            _(
                "Only members of organisations taking part in the case, who can read the "
                "case, can be invited to it."
            )
        )
    keep = {invitee.pk for invitee in invitees}
    item.invitations.exclude(user__in=keep).delete()
    existing = set(item.invitations.values_list("user_id", flat=True))
    Invitation.objects.bulk_create(
        Invitation(item=item, user_id=pk) for pk in sorted(keep - existing)
    )
    _log_item(user, item, A.UPDATE, reason="invitations")
    return list(item.invitations.all())


@transaction.atomic
def attestation_record(*, user, conference: Conference) -> Attestation:
    """The user's own attestation of purpose and confidentiality (art. 458ter Criminal
    Code), for a conference they see. Recording it twice keeps the first timestamp."""
    policies.ensure_visible(user, conference)
    membership = next((m for m in cell_memberships(user) if m.cell_id == conference.cell_id), None)
    attestation, created = Attestation.objects.get_or_create(
        conference=conference,
        user=user,
        defaults={"organisation_id": membership.organisation_id if membership else None},
    )
    if created:
        _log(user, conference, A.ATTEST, "attestation", attestation.pk)
    return attestation


@transaction.atomic
def attendance_set(*, user, conference: Conference, attendees) -> None:
    """Make `attendees` exactly the users recorded as present."""
    _managed(user, conference)
    _require(
        _locked(conference),
        workflow.attendance_open,
        message=_("Attendance can no longer change once the minutes are approved."),
    )
    keep = {attendee.pk for attendee in attendees}
    allowed = set(
        selectors.attendance_candidates(conference=conference).values_list("pk", flat=True)
    )
    if keep - allowed:
        raise ValidationError(
            _("Only invitees and the cell's coordinator and chair can be recorded as present.")
        )
    conference.attendances.exclude(user__in=keep).delete()
    existing = set(conference.attendances.values_list("user_id", flat=True))
    Attendance.objects.bulk_create(
        Attendance(conference=conference, user_id=pk) for pk in sorted(keep - existing)
    )
    _log(user, conference, A.UPDATE, "conference", conference.pk, reason="attendance")


def _check_minutes(item, decisions, next_review_on, actions, today) -> None:
    errors: dict = {}
    if not decisions.strip():
        errors["decisions"] = _("Write the decisions before saving.")
    _date(errors, "next_review_on", next_review_on, today=today, future=True)
    participating = set(
        item.case.participants.filter(status__in=Participant.ACTIVE).values_list(
            "organisation_id", flat=True
        )
    )
    problems = []
    if any(line.organisation.pk not in participating for line in actions):
        problems.append(_("Actions can only be agreed for organisations in the case."))
    if any(not line.description.strip() for line in actions):
        problems.append(_("Describe each agreed action."))
    if any(len(line.description.strip()) > ACTION_LENGTH for line in actions):
        problems.append(_("Keep each action to %(max)s characters.") % {"max": ACTION_LENGTH})
    for line in actions:
        problem = date_problem(line.due_on, today=today, future=True)
        if problem:
            problems.append(_("Due date of an agreed action: %(problem)s") % {"problem": problem})
            break
    if problems:
        errors["actions"] = problems
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def minutes_save(
    *,
    user,
    item: AgendaItem,
    decisions: str,
    next_review_on: datetime.date | None,
    actions: list[ActionLine],
    today: datetime.date | None = None,
) -> Minutes:
    """Write or rewrite an item's minutes; `actions` replace the item's agreed actions."""
    _managed(user, item.conference)
    _require(
        _locked(item.conference),
        workflow.minutes_open,
        message=_("Minutes can be written once the conference is held, until they are approved."),
    )
    _check_minutes(item, decisions, next_review_on, actions, today or timezone.localdate())
    minutes, created = Minutes.objects.update_or_create(
        item=item,
        defaults={"decisions": decisions, "next_review_on": next_review_on, "written_by": user},
    )
    item.agreed_actions.all().delete()
    AgreedAction.objects.bulk_create(
        AgreedAction(
            item=item,
            organisation=line.organisation,
            description=line.description.strip(),
            due_on=line.due_on,
        )
        for line in actions
    )
    _log_item(user, item, A.CREATE if created else A.UPDATE, "minutes", minutes.pk)
    return minutes


@transaction.atomic
def conference_transition(*, user, conference: Conference, to_status: str) -> Conference:
    """Move the conference along the workflow table, with a dated row.

    Marking it held needs an agenda and a start in the past; approving the minutes needs
    minutes for every item.
    """
    _managed(user, conference)
    from_status = _locked(conference).status
    if not workflow.is_allowed(from_status, to_status):
        raise ValidationError(
            _("A conference cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": _status_label(to_status)}
        )
    if to_status == workflow.HELD:
        if not conference.items.exists():
            raise ValidationError(_("Put at least one case on the agenda first."))
        if conference.starts_at > timezone.now():
            raise ValidationError(_("The conference has not started yet."))
    if to_status == workflow.APPROVED and conference.items.filter(minutes__isnull=True).exists():
        raise ValidationError(_("Write the minutes of every agenda item before approving."))
    Conference.objects.filter(pk=conference.pk).update(status=to_status)
    conference.status = to_status
    if to_status == workflow.APPROVED:
        _agreed_actions_to_plans(user=user, conference=conference)
    StatusChange.objects.create(
        conference=conference, from_status=from_status, to_status=to_status, by=user
    )
    _log(
        user,
        conference,
        A.TRANSITION,
        "conference",
        conference.pk,
        reason=f"{from_status}→{to_status}",
    )
    return conference


def _status_label(status: str) -> str:
    return S(status).label if status in S.values else status


def conference_mark_held(*, user, conference: Conference) -> Conference:
    return conference_transition(user=user, conference=conference, to_status=workflow.HELD)


def conference_approve(*, user, conference: Conference) -> Conference:
    return conference_transition(user=user, conference=conference, to_status=workflow.APPROVED)


AGREED_ACTION_DEFAULT_DAYS = 14


def _agreed_actions_to_plans(*, user, conference: Conference) -> None:
    """Approved minutes become work: each agreed action becomes an action of the case's plan.

    Runs inside the approval's transaction, so an action that cannot be created (its
    organisation no longer takes part) refuses the approval and nothing is half-written.
    """
    default_due = timezone.localdate() + datetime.timedelta(days=AGREED_ACTION_DEFAULT_DAYS)
    for item in conference.items.select_related("case"):
        for agreed in selectors.agreed_actions_for(item):
            create_action(
                user=user,
                case=item.case,
                organisation=agreed.organisation,
                description=agreed.description,
                due_on=agreed.due_on or default_due,
            )


# Exports: every file with item content leaves a trace.


def minutes_exported(*, user, conference: Conference, items: list[AgendaItem]) -> None:
    """The minutes PDF showed `items`: their minutes, or for an item without minutes
    (written outside the services) the item itself. Never fails on missing minutes."""
    policies.ensure_visible(user, conference)
    with transaction.atomic():
        for item in items:
            minutes = getattr(item, "minutes", None)
            if minutes is None:
                _log_item(user, item, A.EXPORT)
            else:
                _log_item(user, item, A.EXPORT, "minutes", minutes.pk)


def calendar_exported(*, user, conference: Conference) -> None:
    policies.ensure_visible(user, conference)
    _log(user, conference, A.EXPORT, "conference_calendar", conference.pk)
