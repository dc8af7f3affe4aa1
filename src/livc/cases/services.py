"""Writes on cases. Each service is atomic and appends to the access log itself."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.access.actor import actor_for
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.core.dates import add_months
from livc.core.locking import save_if_unchanged
from livc.privacy.crypto import blind_index, blind_indexes
from livc.privacy.national_number import normalise_national_number

from . import workflow
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


def _log(user, case: Case, action: str, reason: str = "", object_type="case", object_id=None):
    record(
        actor=actor_for(user, case.cell_id),
        action=action,
        object_type=object_type,
        object_id=object_id or case.pk,
        object_ref=case.code,
        case_id=case.pk,
        reason=reason,
    )


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
) -> Case:
    """Open a case in preparation; the reporting organisation is invited to it."""
    opened_on = opened_on or timezone.localdate()
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


@transaction.atomic
def case_update(*, user, case: Case, version: int, **fields) -> Case:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {unknown}")
    _bump(case, version, **fields)
    _log(user, case, A.UPDATE)
    return case


@transaction.atomic
def case_change_phase(*, user, case: Case, to_phase: str, version: int, reason: str = "") -> Case:
    """Move a case along the workflow table; closing and reopening have their own services."""
    if to_phase == Case.Phase.CLOSED or case.phase == Case.Phase.CLOSED:
        raise ValidationError(_("Use closure or reopening for this change."))
    if not workflow.is_allowed(case.phase, to_phase):
        raise ValidationError(
            _("A case cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Case.Phase(case.phase).label, "to": Case.Phase(to_phase).label}
        )
    from_phase = case.phase
    _bump(case, version, phase=to_phase)
    PhaseChange.objects.create(
        case=case, from_phase=from_phase, to_phase=to_phase, by=user, reason=reason
    )
    if to_phase == Case.Phase.AFTERCARE:
        today = timezone.localdate()
        AftercareCheckin.objects.bulk_create(
            AftercareCheckin(case=case, due_on=add_months(today, months))
            for months in settings.LIVC_AFTERCARE_MONTHS
        )
    _log(user, case, A.TRANSITION, reason=f"{from_phase}→{to_phase}")
    return case


@transaction.atomic
def case_close(*, user, case: Case, version: int, reason: str, outcome: str) -> Case:
    if not reason or not outcome:
        raise ValidationError(_("Closing a case needs a reason and an outcome."))
    if not workflow.is_allowed(case.phase, Case.Phase.CLOSED):
        raise ValidationError(_("This case is already closed."))
    from_phase = case.phase
    _bump(
        case,
        version,
        phase=Case.Phase.CLOSED,
        closure_reason=reason,
        closure_outcome=outcome,
        closed_on=timezone.localdate(),
    )
    PhaseChange.objects.create(
        case=case, from_phase=from_phase, to_phase=Case.Phase.CLOSED, by=user, reason=reason
    )
    # Imported here: trajectories builds on cases, not the other way round.
    from livc.trajectories.services import actions_cancel_open

    actions_cancel_open(user=user, case=case)  # a closed case leaves no open actions
    _log(user, case, A.TRANSITION, reason=f"{from_phase}→closed")
    return case


@transaction.atomic
def case_reopen(*, user, case: Case, version: int, reason: str) -> Case:
    if case.phase != Case.Phase.CLOSED:
        raise ValidationError(_("Only a closed case can be reopened."))
    if not reason.strip():
        raise ValidationError(_("Reopening a case needs a reason."))
    _bump(
        case,
        version,
        phase=Case.Phase.ACTIVE,
        closure_reason="",
        closure_outcome="",
        closed_on=None,
    )
    PhaseChange.objects.create(
        case=case, from_phase=Case.Phase.CLOSED, to_phase=Case.Phase.ACTIVE, by=user, reason=reason
    )
    _log(user, case, A.TRANSITION, reason="closed→active (reopened)")
    return case


@transaction.atomic
def participant_invite(*, user, case: Case, organisation, members) -> Participant:
    if organisation.memberships.filter(cell=case.cell, is_active=True).count() == 0:
        raise ValidationError(_("This organisation has no members in the cell."))
    outsiders = {m.pk for m in members} - set(
        organisation.memberships.filter(cell=case.cell, is_active=True).values_list(
            "user_id", flat=True
        )
    )
    if outsiders:
        raise ValidationError(_("Named members must be members of this organisation in the cell."))
    participant, created = Participant.objects.get_or_create(case=case, organisation=organisation)
    if not created and participant.status not in Participant.ACTIVE:
        participant.status, participant.decline_reason = Participant.Status.INVITED, ""
        participant.save(update_fields=["status", "decline_reason"])
    for member in members:
        ParticipantMember.objects.get_or_create(participant=participant, user=member)
    _log(user, case, A.UPDATE, object_type="participant", object_id=participant.pk)
    return participant


@transaction.atomic
def participant_decline(*, user, participant: Participant, reason: str) -> Participant:
    """An organisation declines to take part (Flemish decree 2021: right, not duty)."""
    if not reason.strip():
        raise ValidationError(_("Give the reason your organisation declines."))
    if participant.status not in Participant.ACTIVE:
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
    participant.status = Participant.Status.PARTICIPATING
    participant.save(update_fields=["status"])
    _log(user, participant.case, A.UPDATE, object_type="participant", object_id=participant.pk)
    return participant


@transaction.atomic
def note_add(*, user, case: Case, text: str, organisation=None) -> AssessmentNote:
    """A signed assessment; by default on behalf of the organisation the user acts for in
    the case's cell (the same capacity the access log records)."""
    if not text.strip():
        raise ValidationError(_("Write the assessment before saving."))
    organisation_id = (
        organisation.pk if organisation else actor_for(user, case.cell_id).organisation_id
    )
    if organisation_id is None:
        raise ValidationError(_("You are not a member of this case's cell."))
    note = AssessmentNote.objects.create(
        case=case, author=user, organisation_id=organisation_id, text=text
    )
    _log(user, case, A.CREATE, object_type="note", object_id=note.pk)
    return note


@transaction.atomic
def ltf_record(*, user, case: Case, known: bool, checked_on: datetime.date) -> Case:
    """The information officer's hit / no-hit; no police data are copied."""
    if checked_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    Case.objects.filter(pk=case.pk).update(ltf_known=known, ltf_checked_on=checked_on)
    case.ltf_known, case.ltf_checked_on = known, checked_on
    _log(user, case, A.UPDATE, reason="LTF")
    return case


@transaction.atomic
def checkin_done(*, user, checkin: AftercareCheckin, done_on: datetime.date, note: str = ""):
    """Record that an aftercare check-in took place (date and optional note)."""
    if done_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    checkin.done_on, checkin.note = done_on, note
    checkin.save(update_fields=["done_on", "note"])
    _log(user, checkin.case, A.UPDATE, object_type="checkin", object_id=checkin.pk)
    return checkin


def case_viewed(*, user, case: Case) -> None:
    _log(user, case, A.VIEW)
