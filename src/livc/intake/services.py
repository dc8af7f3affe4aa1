"""Writes on signals and consultations; each appends to the access log."""

import datetime
from dataclasses import dataclass

import holidays
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.cases import services as case_services
from livc.cases.models import Case, Subject
from livc.access.actor import actor_for
from livc.organisations.models import Cell

from . import workflow
from .models import Consultation, Signal, SignalTransition

A = AccessLogEntry.Action


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """`days` working days after `start`: Monday to Friday, Belgian public holidays skipped."""
    current, left = start, days
    public_holidays = holidays.country_holidays("BE", years=range(start.year, start.year + 2))
    while left > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in public_holidays:
            left -= 1
    return current


def _log(user, signal: Signal, action: str, reason: str = "") -> None:
    record(
        actor=actor_for(user, signal.cell_id),
        action=action,
        object_type="signal",
        object_id=signal.pk,
        object_ref=signal.reference,
        reason=reason,
    )


@dataclass(frozen=True)
class Identity:
    first_name: str
    last_name: str
    birth_date: datetime.date
    national_number: str
    municipality: object


@transaction.atomic
def signal_register(
    *,
    user,
    cell: Cell,
    organisation,
    identity: Identity,
    received_on,
    observation: str,
    behaviours: list[str],
    behaviour_other: str,
    phenomenon: str,
    prevention_level: str,
    urgency: str,
    reporter_type: str = "organisation",
    consultation: Consultation | None = None,
) -> Signal:
    subject = case_services.subject_create(
        cell=cell,
        first_name=identity.first_name,
        last_name=identity.last_name,
        birth_date=identity.birth_date,
        national_number=identity.national_number,
        municipality=identity.municipality,
    )
    signal = Signal.objects.create(
        cell=cell,
        reference=f"tmp-{timezone.now().timestamp()}",
        reported_by=user,
        reporter_type=reporter_type,
        reporting_organisation=organisation,
        received_on=received_on,
        observation=observation,
        behaviours=behaviours,
        behaviour_other=behaviour_other,
        phenomenon=phenomenon,
        prevention_level=prevention_level,
        urgency=urgency,
        subject=subject,
        screening_due=add_working_days(received_on, settings.LIVC_SCREENING_DAYS),
    )
    signal.reference = f"S-{cell.code}-{signal.pk:06d}"
    signal.save(update_fields=["reference"])
    SignalTransition.objects.create(signal=signal, to_status=signal.status, by=user)
    if consultation is not None:
        consultation.signal = signal
        consultation.save(update_fields=["signal"])
    _log(user, signal, A.CREATE)
    return signal


@dataclass(frozen=True)
class KnownSubject:
    """Screening hint: the same person seen before. Across cells only the cell is named."""

    same_cell: list[dict]
    other_cells: list[str]


def known_matches(*, signal: Signal) -> KnownSubject:
    """Re-signal detection by blind index: other subjects are compared by index only, under
    every configured key (a key rotation may be under way), never decrypted."""
    subject = signal.subject
    names, numbers = case_services.subject_lookup_indexes(
        subject.first_name, subject.last_name, subject.birth_date, subject.national_number
    )
    match = Subject.objects.exclude(pk=subject.pk).filter(name_index__in=names)
    if numbers:
        match = match | Subject.objects.exclude(pk=subject.pk).filter(
            national_number_index__in=numbers
        )
    same, other = [], set()
    for found in match.select_related("cell").prefetch_related("cases", "signals"):
        if found.cell_id == signal.cell_id:
            same.extend(
                {"kind": "case", "ref": c.code, "state": c.get_phase_display(), "pk": c.pk}
                for c in found.cases.all()
            )
            same.extend(
                {
                    "kind": "signal",
                    "ref": s.reference,
                    "state": s.get_status_display(),
                    "pk": s.pk,
                }
                for s in found.signals.all()
            )
        else:
            other.add(found.cell.name)
    return KnownSubject(same, sorted(other))


def signal_viewed(*, user, signal: Signal) -> None:
    _log(user, signal, A.VIEW)


@transaction.atomic
def signal_screen(
    *, user, signal: Signal, outcome: str, reason: str, existing_case: Case | None = None
) -> Signal:
    """Decide on a signal. Opening a case creates it (or links an open one of the subject)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this decision.")})
    if not workflow.is_allowed(signal.status, outcome):
        raise ValidationError(_("This signal has already been screened."))
    from_status = signal.status
    signal.status = outcome
    signal.screening_reason = reason
    signal.screened_by = user
    signal.screened_at = timezone.now()
    if outcome == Signal.Status.CASE_OPENED:
        signal.case = existing_case or case_services.case_open(
            user=user,
            subject=signal.subject,
            phenomenon=signal.phenomenon,
            prevention_level=signal.prevention_level,
            reporting_organisation=signal.reporting_organisation,
            reporter=signal.reported_by,
        )
    signal.save()
    SignalTransition.objects.create(
        signal=signal, from_status=from_status, to_status=outcome, by=user
    )
    _log(user, signal, A.TRANSITION, reason=f"{from_status}→{outcome}")
    return signal


@transaction.atomic
def consultation_ask(*, user, cell: Cell, organisation, question: str, phenomenon: str = ""):
    consultation = Consultation.objects.create(
        cell=cell,
        asked_by=user,
        organisation=organisation,
        question=question,
        phenomenon=phenomenon,
    )
    record(
        actor=actor_for(user, cell.pk),
        action=A.CREATE,
        object_type="consultation",
        object_id=consultation.pk,
    )
    return consultation


@transaction.atomic
def consultation_answer(*, user, consultation: Consultation, answer: str) -> Consultation:
    if not answer.strip():
        raise ValidationError({"answer": _("Write an answer before saving.")})
    consultation.answer = answer
    consultation.answered_by = user
    consultation.answered_at = timezone.now()
    consultation.save(update_fields=["answer", "answered_by", "answered_at"])
    record(
        actor=actor_for(user, consultation.cell_id),
        action=A.UPDATE,
        object_type="consultation",
        object_id=consultation.pk,
    )
    return consultation
