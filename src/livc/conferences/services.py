"""Writes on case conferences, and the access-log entries of reads. Each write is atomic,
checks the workflow state and appends to the access log itself. Callers check who may act
(policies); services check what the conference's state allows."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.cases.models import Case, Participant
from livc.access.actor import actor_for
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

A = AccessLogEntry.Action
S = Conference.Status


@dataclass(frozen=True)
class ActionLine:
    """One agreed action as entered in the minutes."""

    organisation: object
    description: str
    due_on: datetime.date | None = None


def _log(user, conference: Conference, action: str, object_type: str, object_id: int, **kw):
    record(
        actor=actor_for(user, conference.cell_id),
        action=action,
        object_type=object_type,
        object_id=object_id,
        **kw,
    )


def _log_item(
    user, item: AgendaItem, action: str, object_type="conference_item", object_id=None, reason=""
):
    """Entries about an item carry its case (id and code), so they show in the case's log."""
    _log(
        user,
        item.conference,
        action,
        object_type,
        object_id or item.pk,
        object_ref=item.case.code,
        case_id=item.case_id,
        reason=reason,
    )


def _require(conference: Conference, *statuses: str, message: str) -> None:
    if conference.status not in statuses:
        raise ValidationError(message)


def _locked(conference: Conference) -> Conference:
    """Re-read the conference under a row lock so concurrent requests see one status."""
    fresh = Conference.objects.select_for_update().get(pk=conference.pk)
    conference.status = fresh.status
    return conference


@transaction.atomic
def conference_plan(
    *, user, cell, starts_at: datetime.datetime, ends_at: datetime.datetime, place: str
) -> Conference:
    if ends_at <= starts_at:
        raise ValidationError(_("The conference must end after it starts."))
    conference = Conference.objects.create(
        cell=cell, starts_at=starts_at, ends_at=ends_at, place=place.strip()
    )
    StatusChange.objects.create(conference=conference, to_status=conference.status, by=user)
    _log(user, conference, A.CREATE, "conference", conference.pk)
    return conference


@transaction.atomic
def agenda_add(*, user, conference: Conference, case: Case) -> AgendaItem:
    _require(
        _locked(conference),
        S.PLANNED,
        message=_("The agenda can only change while the conference is planned."),
    )
    if case.cell_id != conference.cell_id:
        raise ValidationError(_("Only cases of this cell can be put on the agenda."))
    if case.phase == Case.Phase.CLOSED:
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
    _require(
        _locked(item.conference),
        S.PLANNED,
        message=_("The agenda can only change while the conference is planned."),
    )
    _log_item(user, item, A.UPDATE, reason="removed from the agenda")
    item.delete()


@transaction.atomic
def invitations_set(*, user, item: AgendaItem, invitees) -> list[Invitation]:
    """Make `invitees` exactly the users invited to this item."""
    _require(
        _locked(item.conference),
        S.PLANNED,
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
    Code). Recording it twice keeps the first timestamp."""
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
    _require(
        _locked(conference),
        S.PLANNED,
        S.HELD,
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


@transaction.atomic
def minutes_save(
    *,
    user,
    item: AgendaItem,
    decisions: str,
    next_review_on: datetime.date | None,
    actions: list[ActionLine],
) -> Minutes:
    """Write or rewrite an item's minutes; `actions` replace the item's agreed actions."""
    _require(
        _locked(item.conference),
        S.HELD,
        message=_("Minutes can be written once the conference is held, until they are approved."),
    )
    if not decisions.strip():
        raise ValidationError(_("Write the decisions before saving."))
    participating = set(
        item.case.participants.filter(status__in=Participant.ACTIVE).values_list(
            "organisation_id", flat=True
        )
    )
    if any(line.organisation.pk not in participating for line in actions):
        raise ValidationError(_("Actions can only be agreed for organisations in the case."))
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
    from_status = _locked(conference).status
    if not workflow.is_allowed(from_status, to_status):
        raise ValidationError(
            _("A conference cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )
    if to_status == S.HELD:
        if not conference.items.exists():
            raise ValidationError(_("Put at least one case on the agenda first."))
        if conference.starts_at > timezone.now():
            raise ValidationError(_("The conference has not started yet."))
    if to_status == S.MINUTES_APPROVED and conference.items.filter(minutes__isnull=True).exists():
        raise ValidationError(_("Write the minutes of every agenda item before approving."))
    Conference.objects.filter(pk=conference.pk).update(status=to_status)
    conference.status = to_status
    if to_status == S.MINUTES_APPROVED:
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


# Reads: every view of item content, minutes and exports leaves a trace.


def items_viewed(*, user, items: list[AgendaItem], minutes_shown: bool = True) -> None:
    """A page showed these items (and, if `minutes_shown`, their minutes)."""
    with transaction.atomic():
        for item in items:
            _log_item(user, item, A.VIEW)
            minutes = getattr(item, "minutes", None) if minutes_shown else None
            if minutes is not None:
                _log_item(user, item, A.VIEW, "minutes", minutes.pk)


def conference_viewed(*, user, conference: Conference, items: list[AgendaItem]) -> None:
    """The conference page was shown, with `items` and their minutes."""
    with transaction.atomic():
        _log(user, conference, A.VIEW, "conference", conference.pk)
        items_viewed(user=user, items=items)


def minutes_exported(*, user, conference: Conference, items: list[AgendaItem]) -> None:
    with transaction.atomic():
        for item in items:
            _log_item(user, item, A.EXPORT, "minutes", item.minutes.pk)


def calendar_exported(*, user, conference: Conference) -> None:
    _log(user, conference, A.EXPORT, "conference_calendar", conference.pk)
