"""Writes on cases. Each service checks its own policy (NotFound when the user may not read
the case, Refused when they may read it but not do this), validates its input with the
rules the forms show (ValidationError, keyed by field where one field is at fault), is
atomic and appends to the access log itself. Views and the API only map these errors."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.access.actor import actor_for
from livc.access.errors import NotFound, Refused
from livc.audit.models import AccessLogEntry
from livc.core.dates import add_months, date_problem
from livc.core.locking import save_if_unchanged
from livc.organisations.models import Membership
from livc.privacy.crypto import blind_index, blind_indexes
from livc.privacy.national_number import normalise_national_number

from . import policies, selectors, trail, workflow
from .choices import ClosureReason, Outcome, Phenomenon, PreventionLevel
from .models import (
    AftercareCheckin,
    AssessmentNote,
    Case,
    CaseCounter,
    Participant,
    ParticipantMember,
    PhaseChange,
    Subject,
)

A = AccessLogEntry.Action
REASON_LENGTH = 300  # the reason fields' max_length

_log = trail.log


def subject_indexes(first_name: str, last_name: str, birth_date: datetime.date, nn: str):
    """The indexes to store for an identity (newest blind-index key)."""
    return (
        blind_index(first_name, last_name, birth_date.isoformat()),
        blind_index(normalise_national_number(nn)) if nn else "",
    )


def subject_lookup_indexes(
    first_name: str, last_name: str, birth_date: datetime.date | str, nn: str
) -> tuple[list[str], list[str]]:
    """The indexes to look an identity up by (`name_index__in=`, `national_number_index__in=`):
    one per configured blind-index key, so records written before a key rotation match."""
    birth = birth_date if isinstance(birth_date, str) else birth_date.isoformat()
    numbers = blind_indexes(normalise_national_number(nn)) if nn else []
    return blind_indexes(first_name, last_name, birth), numbers


def subject_create(*, cell, first_name, last_name, birth_date, national_number, municipality):
    name_index, nn_index = subject_indexes(first_name, last_name, birth_date, national_number)
    return Subject.objects.create(
        cell=cell,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date.isoformat(),
        national_number=national_number,
        municipality=municipality,
        name_index=name_index,
        national_number_index=nn_index,
    )


def _next_code(cell, year: int) -> str:
    counter, _created = CaseCounter.objects.get_or_create(cell=cell, year=year)
    CaseCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    return f"{cell.code}-{year}-{counter.last:04d}"


# Checks shared by the services -----------------------------------------------------------


def _refuse(message: str = "") -> Refused:
    return Refused(message or _("You may not do this on this case."))


def _choice(errors: dict, field: str, value, choices) -> None:
    if value not in choices:
        errors[field] = _(
            "Select a valid choice. %(value)s is not one of the available choices."
        ) % {"value": value}


def _date(errors: dict, field: str, day, *, today: datetime.date, future: bool = False):
    problem = date_problem(day, today=today, future=future)
    if problem:
        errors[field] = problem


def _reason(errors: dict, field: str, text: str, *, required: str = "") -> None:
    if required and not (text or "").strip():
        errors[field] = required
    elif len(text or "") > REASON_LENGTH:
        errors[field] = _("Keep it to %(max)s characters.") % {"max": REASON_LENGTH}


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _managed(user, case: Case) -> Case:
    """The coordinator's services: NotFound for a non-reader, Refused for other readers."""
    policies.ensure_visible(user, case)
    if not policies.can_manage(user, case):
        raise _refuse(_("Only the cell's coordinator can do this."))
    return case


# Cases ------------------------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    user,
    subject: Subject,
    phenomenon,
    prevention_level,
    reporting_organisation=None,
    reporter=None,
    opened_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Case:
    """Open a case in preparation; the reporting organisation is invited to it."""
    if not policies.can_open(user, subject.cell_id):
        raise _refuse(_("Only the cell's coordinator can open a case."))
    today = today or timezone.localdate()
    opened_on = opened_on or today
    errors: dict = {}
    _choice(errors, "phenomenon", phenomenon, Phenomenon.values)
    _choice(errors, "prevention_level", prevention_level, PreventionLevel.values)
    # Bounded, not pinned to the wall clock: a caller with its own clock (intake's `now`)
    # opens the case on its own today.
    _date(errors, "opened_on", opened_on, today=today, future=True)
    _raise(errors)
    case = Case.objects.create(
        cell=subject.cell,
        code=_next_code(subject.cell, opened_on.year),
        subject=subject,
        phenomenon=phenomenon,
        prevention_level=prevention_level,
        opened_on=opened_on,
    )
    PhaseChange.objects.create(case=case, to_phase=case.phase, by=user)
    if reporting_organisation is not None:
        participant = Participant.objects.create(case=case, organisation=reporting_organisation)
        if reporter is not None:
            ParticipantMember.objects.create(participant=participant, user=reporter)
    _log(user, case, A.CREATE)
    return case


def _bump(case: Case, version: int, **fields) -> None:
    save_if_unchanged(
        case,
        version,
        message=_(
            "Someone else changed this case while you were editing. Reload it and redo "
            "your change; nothing was saved."
        ),
        **fields,
    )


EDITABLE = (
    "phenomenon",
    "prevention_level",
    "case_director",
    "consent",
    "consent_by_guardian",
    "informed_on",
    "not_informed_reason",
)


def _check_update(case: Case, fields: dict, today: datetime.date) -> None:
    """The rules of the case's own data, on the values the case will have after the
    update (a partial update is checked against what it keeps)."""
    errors: dict = {}
    if "phenomenon" in fields:
        _choice(errors, "phenomenon", fields["phenomenon"], Phenomenon.values)
    if "prevention_level" in fields:
        _choice(errors, "prevention_level", fields["prevention_level"], PreventionLevel.values)
    if "consent" in fields:
        _choice(errors, "consent", fields["consent"], Case.Consent.values)
    informed_on = fields.get("informed_on", case.informed_on)
    reason = fields.get("not_informed_reason", case.not_informed_reason) or ""
    _date(errors, "informed_on", fields.get("informed_on"), today=today)
    _reason(errors, "not_informed_reason", reason)
    if informed_on and reason.strip():
        errors["not_informed_reason"] = _(
            "Give either the date the subject was informed or the reason not to."
        )
    director = fields.get("case_director", case.case_director)
    director_id = getattr(director, "pk", director)
    # Keeping the director one already has never blocks an edit; a new one must qualify.
    if (
        director_id is not None
        and director_id != case.case_director_id
        and not selectors.case_director_choices(case=case).filter(pk=director_id).exists()
    ):
        errors["case_director"] = _(
            "The case director must be a named member of an organisation taking part in the case."
        )
    _raise(errors)


@transaction.atomic
def case_update(
    *, user, case: Case, version: int, today: datetime.date | None = None, **fields
) -> Case:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {unknown}")
    policies.ensure_visible(user, case)
    if not policies.can_edit(user, case):
        raise _refuse(_("Only the coordinator and the case director can edit the case."))
    _check_update(case, fields, today or timezone.localdate())
    _bump(case, version, **fields)
    _log(user, case, A.UPDATE)
    return case


@transaction.atomic
def case_change_phase(
    *,
    user,
    case: Case,
    to_phase: str,
    version: int,
    reason: str = "",
    today: datetime.date | None = None,
) -> Case:
    """Move a case along the workflow table; closing and reopening have their own services."""
    _managed(user, case)
    if to_phase not in Case.Phase.values:
        raise ValidationError({"to_phase": _("Choose a phase.")})
    if workflow.is_closed(to_phase) or workflow.is_closed(case.phase):
        raise ValidationError(_("Use closure or reopening for this change."))
    if not workflow.is_allowed(case.phase, to_phase):
        raise ValidationError(
            _("A case cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Case.Phase(case.phase).label, "to": Case.Phase(to_phase).label}
        )
    errors: dict = {}
    _reason(errors, "reason", reason)
    _raise(errors)
    from_phase = case.phase
    _bump(case, version, phase=to_phase)
    PhaseChange.objects.create(
        case=case, from_phase=from_phase, to_phase=to_phase, by=user, reason=reason
    )
    if to_phase == workflow.AFTERCARE:
        today = today or timezone.localdate()
        AftercareCheckin.objects.bulk_create(
            AftercareCheckin(case=case, due_on=add_months(today, months))
            for months in settings.LIVC_AFTERCARE_MONTHS
        )
    _log(user, case, A.TRANSITION, reason=f"{from_phase}→{to_phase}")
    return case


@transaction.atomic
def case_close(
    *,
    user,
    case: Case,
    version: int,
    reason: str,
    outcome: str,
    today: datetime.date | None = None,
) -> Case:
    _managed(user, case)
    if not reason or not outcome:
        raise ValidationError(_("Closing a case needs a reason and an outcome."))
    errors: dict = {}
    _choice(errors, "reason", reason, ClosureReason.values)
    _choice(errors, "outcome", outcome, Outcome.values)
    _raise(errors)
    if not workflow.can_close(case.phase):
        raise ValidationError(_("This case is already closed."))
    from_phase = case.phase
    _bump(
        case,
        version,
        phase=workflow.CLOSED,
        closure_reason=reason,
        closure_outcome=outcome,
        closed_on=today or timezone.localdate(),
    )
    PhaseChange.objects.create(
        case=case, from_phase=from_phase, to_phase=workflow.CLOSED, by=user, reason=reason
    )
    # Imported here: trajectories builds on cases, not the other way round.
    from livc.trajectories.services import actions_cancel_open

    actions_cancel_open(user=user, case=case)  # a closed case leaves no open actions
    _log(user, case, A.TRANSITION, reason=f"{from_phase}→closed")
    return case


@transaction.atomic
def case_reopen(*, user, case: Case, version: int, reason: str) -> Case:
    _managed(user, case)
    if not workflow.can_reopen(case.phase):
        raise ValidationError(_("Only a closed case can be reopened."))
    if not reason.strip():
        raise ValidationError(_("Reopening a case needs a reason."))
    errors: dict = {}
    _reason(errors, "reason", reason)
    _raise(errors)
    _bump(
        case,
        version,
        phase=workflow.REOPENED,
        closure_reason="",
        closure_outcome="",
        closed_on=None,
    )
    PhaseChange.objects.create(
        case=case,
        from_phase=workflow.CLOSED,
        to_phase=workflow.REOPENED,
        by=user,
        reason=reason,
    )
    _log(user, case, A.TRANSITION, reason="closed→active (reopened)")
    return case


# Participants -----------------------------------------------------------------------------


@transaction.atomic
def participant_invite(*, user, case: Case, organisation, members) -> Participant:
    """Invite `organisation` to the case, naming `members` (partners or information
    officers of that organisation in the cell, the only ones who then read the case)."""
    _managed(user, case)
    if not policies.can_invite(user, case):
        raise ValidationError(_("A closed case takes no new participants. Reopen it first."))
    in_cell = Membership.objects.filter(
        cell=case.cell_id, organisation=organisation, is_active=True
    )
    if not in_cell.exists():
        raise ValidationError({"organisation": _("This organisation has no members in the cell.")})
    nameable = set(in_cell.filter(role__in=policies.NAMEABLE).values_list("user_id", flat=True))
    if {m.pk for m in members} - nameable:
        raise ValidationError(
            {
                "members": _(
                    "Named members must be partners or information officers of this "
                    "organisation in the cell."
                )
            }
        )
    participant, created = Participant.objects.get_or_create(case=case, organisation=organisation)
    if not created and participant.status not in Participant.ACTIVE:
        participant.status, participant.decline_reason = Participant.Status.INVITED, ""
        participant.save(update_fields=["status", "decline_reason"])
    for member in members:
        ParticipantMember.objects.get_or_create(participant=participant, user=member)
    _log(user, case, A.UPDATE, object_type="participant", object_id=participant.pk)
    return participant


def _speaking_for(user, participant: Participant) -> Participant:
    """NotFound unless the user answers for the participant's organisation in its cell."""
    if not policies.speaks_for(user, participant):
        raise NotFound
    return participant


@transaction.atomic
def participant_decline(*, user, participant: Participant, reason: str) -> Participant:
    """An organisation declines to take part (Flemish decree 2021: right, not duty)."""
    _speaking_for(user, participant)
    errors: dict = {}
    _reason(errors, "reason", reason, required=_("Give the reason your organisation declines."))
    _raise(errors)
    if not policies.can_decline(user, participant):
        raise ValidationError(_("Your organisation no longer takes part in this case."))
    participant.status, participant.decline_reason = Participant.Status.DECLINED, reason
    participant.save(update_fields=["status", "decline_reason"])
    _log(
        user,
        participant.case,
        A.DECLINE,
        reason="",
        object_type="participant",
        object_id=participant.pk,
    )
    return participant


@transaction.atomic
def participant_accept(*, user, participant: Participant) -> Participant:
    """The organisation takes part. Accepting twice changes nothing."""
    _speaking_for(user, participant)
    if participant.status == Participant.Status.PARTICIPATING:
        return participant
    if not policies.can_accept(user, participant):
        raise ValidationError(_("Your organisation no longer takes part in this case."))
    participant.status = Participant.Status.PARTICIPATING
    participant.save(update_fields=["status"])
    _log(user, participant.case, A.UPDATE, object_type="participant", object_id=participant.pk)
    return participant


# Notes, LTF, check-ins --------------------------------------------------------------------


@transaction.atomic
def note_add(*, user, case: Case, text: str, organisation=None) -> AssessmentNote:
    """A signed assessment; by default on behalf of the organisation the user acts for in
    the case's cell (the same capacity the access log records)."""
    policies.ensure_visible(user, case)
    if not policies.can_add_note(user, case):
        raise _refuse(_("You are not a member of this case's cell."))
    if not text.strip():
        raise ValidationError({"text": _("Write the assessment before saving.")})
    if organisation is not None and not policies.acts_for(user, case, organisation):
        raise ValidationError(_("You can only sign on behalf of your own organisation."))
    organisation_id = (
        organisation.pk if organisation else actor_for(user, case.cell_id).organisation_id
    )
    note = AssessmentNote.objects.create(
        case=case, author=user, organisation_id=organisation_id, text=text
    )
    _log(user, case, A.CREATE, object_type="note", object_id=note.pk)
    return note


@transaction.atomic
def ltf_record(
    *,
    user,
    case: Case,
    known: bool,
    checked_on: datetime.date,
    today: datetime.date | None = None,
) -> Case:
    """The information officer's hit / no-hit; no police data are copied."""
    policies.ensure_visible(user, case)
    if not policies.can_record_ltf(user, case):
        raise _refuse(_("Only the information officer records the LTF check."))
    errors: dict = {}
    _date(errors, "checked_on", checked_on, today=today or timezone.localdate())
    _raise(errors)
    Case.objects.filter(pk=case.pk).update(ltf_known=known, ltf_checked_on=checked_on)
    case.ltf_known, case.ltf_checked_on = known, checked_on
    _log(user, case, A.UPDATE, reason="LTF")
    return case


@transaction.atomic
def checkin_done(
    *,
    user,
    checkin: AftercareCheckin,
    done_on: datetime.date,
    note: str = "",
    today: datetime.date | None = None,
):
    """Record that an aftercare check-in took place (date and optional note)."""
    case = checkin.case
    policies.ensure_visible(user, case)
    if not policies.can_record_checkin(user, case):
        raise _refuse(_("Only the cell's coordinator can do this."))
    if checkin.done_on is not None:
        raise ValidationError(_("This check-in was already recorded."))
    errors: dict = {}
    _date(errors, "done_on", done_on, today=today or timezone.localdate())
    _raise(errors)
    checkin.done_on, checkin.note = done_on, note
    checkin.save(update_fields=["done_on", "note"])
    _log(user, case, A.UPDATE, object_type="checkin", object_id=checkin.pk)
    return checkin


def case_viewed(*, user, case: Case) -> None:
    """A read of the case's content outside its pages (their selectors log their own)."""
    policies.ensure_visible(user, case)
    trail.viewed(user, case)
