"""Writes on signals and consultations; each checks its policy, validates its input and
appends to the access log. Errors: NotFound/Refused (livc.access.errors) for who may act,
ValidationError keyed by argument name for what they submit (forms and the API map it)."""

import datetime
from dataclasses import dataclass

import holidays
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.access.actor import actor_for
from livc.access.errors import Refused
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.cases import services as case_services
from livc.cases.choices import Behaviour, Phenomenon, PreventionLevel, Urgency
from livc.cases.models import Case
from livc.core.dates import date_problem
from livc.organisations.models import Cell
from livc.privacy.national_number import validate_national_number

from . import policies, workflow
from .models import Consultation, ReporterType, Signal, SignalTransition

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


def _choice_problem(value, choices, message: str) -> str:
    return "" if value in choices else message


def _reporter_problems(user, cell: Cell, organisation) -> dict:
    """Refused when the user reports in no role in the cell; a field error when they do,
    but not on behalf of `organisation`."""
    if not policies.can_report_in(user, cell.pk):
        raise Refused
    if organisation is None or not policies.reports_for(user, cell.pk, organisation.pk):
        return {"organisation": _("You do not report on behalf of this organisation in this cell.")}
    return {}


def _identity_problems(identity: Identity, today: datetime.date) -> tuple[dict, str]:
    """Errors by field, and the national register number as its 11 digits ("" if none)."""
    errors = {}
    if not (identity.first_name or "").strip():
        errors["first_name"] = _("Give the first name.")
    if not (identity.last_name or "").strip():
        errors["last_name"] = _("Give the last name.")
    birth_date = identity.birth_date
    if birth_date is None:
        errors["birth_date"] = _("Give the birth date.")
    elif problem := date_problem(birth_date, today=today):
        errors["birth_date"] = problem
        birth_date = None  # do not compare the number with an impossible date
    if identity.municipality is None:
        errors["municipality"] = _("Choose the municipality of residence.")
    number = ""
    if (identity.national_number or "").strip():
        try:
            number = validate_national_number(identity.national_number, birth_date, today=today)
        except ValidationError as error:
            errors["national_number"] = error.messages
    return errors, number


def _signal_problems(
    *, received_on, observation, behaviours, behaviour_other, phenomenon, prevention_level,
    urgency, reporter_type, today,
) -> dict:  # fmt: skip
    errors = {}
    if received_on is None:
        errors["received_on"] = _("Give the date of the signal.")
    elif problem := date_problem(received_on, today=today):
        errors["received_on"] = problem
    if not (observation or "").strip():
        errors["observation"] = _("Describe what was observed.")
    if any(value not in Behaviour.values for value in behaviours):
        errors["behaviours"] = _("Choose the observed behaviour from the list.")
    elif Behaviour.OTHER in behaviours and not (behaviour_other or "").strip():
        errors["behaviour_other"] = _("Describe the other behaviour.")
    for name, value, choices, message in (
        ("reporter_type", reporter_type, ReporterType.values, _("Choose who reported it.")),
        ("phenomenon", phenomenon, Phenomenon.values, _("Choose the phenomenon.")),
        (
            "prevention_level",
            prevention_level,
            PreventionLevel.values,
            _("Choose the prevention level."),
        ),
        ("urgency", urgency, Urgency.values, _("Choose the urgency.")),
    ):
        if problem := _choice_problem(value, choices, message):
            errors[name] = problem
    return errors


def _consultation_problems(user, consultation: Consultation | None, cell: Cell) -> dict:
    """Converting a consultation is its cell's coordinator's decision (NotFound/Refused);
    it must be of the same cell and not converted yet."""
    if consultation is None:
        return {}
    policies.check_decides(user, consultation)
    if consultation.cell_id != cell.pk:
        return {"consultation": _("This consultation was asked in another cell.")}
    if consultation.signal_id is not None:
        return {"consultation": _("This consultation was already turned into a signal.")}
    return {}


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
    today: datetime.date | None = None,
) -> Signal:
    """Register a signal on behalf of one of the user's organisations in `cell`.

    Refused when the user holds no reporting role in the cell; NotFound/Refused when a
    consultation to convert is not theirs to convert; ValidationError keyed by argument
    (`organisation`, `consultation`, the identity's fields, ...) for anything implausible.
    """
    today = today or timezone.localdate()
    behaviours = list(behaviours or [])
    errors = _reporter_problems(user, cell, organisation)
    errors |= _consultation_problems(user, consultation, cell)
    errors |= _signal_problems(
        received_on=received_on,
        observation=observation,
        behaviours=behaviours,
        behaviour_other=behaviour_other,
        phenomenon=phenomenon,
        prevention_level=prevention_level,
        urgency=urgency,
        reporter_type=reporter_type,
        today=today,
    )
    identity_errors, national_number = _identity_problems(identity, today)
    errors |= identity_errors
    if errors:
        raise ValidationError(errors)
    if consultation is not None:
        # Two coordinators converting the same consultation at once: one wins.
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.signal_id is not None:
            raise ValidationError(
                {"consultation": _("This consultation was already turned into a signal.")}
            )
    subject = case_services.subject_create(
        cell=cell,
        first_name=identity.first_name.strip(),
        last_name=identity.last_name.strip(),
        birth_date=identity.birth_date,
        national_number=national_number,
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


def signal_viewed(*, user, signal: Signal) -> None:
    _log(user, signal, A.VIEW)


def _existing_case_problem(signal: Signal, outcome: str, existing_case: Case | None) -> str:
    if existing_case is None:
        return ""
    if outcome != Signal.Status.CASE_OPENED:
        return _("Only a decision to open a case can join an existing case.")
    if existing_case.cell_id != signal.cell_id or existing_case.phase == Case.Phase.CLOSED:
        return _("Choose an open case of this cell.")
    return ""


@transaction.atomic
def signal_screen(
    *,
    user,
    signal: Signal,
    outcome: str,
    reason: str,
    existing_case: Case | None = None,
    now: datetime.datetime | None = None,
) -> Signal:
    """Decide on a signal. Opening a case creates it (or joins `existing_case`, an open case
    of the same cell). NotFound when the user may not read the signal, Refused when they
    may read but not screen it; ValidationError for the decision itself."""
    policies.check_screen(user, signal)
    now = now or timezone.now()
    errors = {}
    if outcome not in workflow.OUTCOMES:
        errors["outcome"] = _("Choose the decision.")
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for this decision.")
    if problem := _existing_case_problem(signal, outcome, existing_case):
        errors["existing_case"] = problem
    if errors:
        raise ValidationError(errors)
    from_status = (
        Signal.objects.select_for_update().values_list("status", flat=True).get(pk=signal.pk)
    )
    if not workflow.is_allowed(from_status, outcome):
        raise ValidationError(_("This signal has already been screened."))
    signal.status = outcome
    signal.screening_reason = reason
    signal.screened_by = user
    signal.screened_at = now
    if outcome == Signal.Status.CASE_OPENED:
        signal.case = existing_case or case_services.case_open(
            user=user,
            subject=signal.subject,
            phenomenon=signal.phenomenon,
            prevention_level=signal.prevention_level,
            reporting_organisation=signal.reporting_organisation,
            reporter=signal.reported_by,
            opened_on=timezone.localdate(now),
        )
    signal.save()
    SignalTransition.objects.create(
        signal=signal, from_status=from_status, to_status=outcome, by=user
    )
    _log(user, signal, A.TRANSITION, reason=f"{from_status}→{outcome}")
    return signal


def _log_consultation(user, consultation: Consultation, action: str) -> None:
    record(
        actor=actor_for(user, consultation.cell_id),
        action=action,
        object_type="consultation",
        object_id=consultation.pk,
    )


@transaction.atomic
def consultation_ask(
    *, user, cell: Cell, organisation, question: str, phenomenon: str = ""
) -> Consultation:
    """Ask the cell's coordinator for advice, on behalf of one of the user's organisations
    there (Refused when the user reports in no role in the cell)."""
    errors = _reporter_problems(user, cell, organisation)
    if not (question or "").strip():
        errors["question"] = _("Write your question.")
    if phenomenon and phenomenon not in Phenomenon.values:
        errors["phenomenon"] = _("Choose the phenomenon.")
    if errors:
        raise ValidationError(errors)
    consultation = Consultation.objects.create(
        cell=cell,
        asked_by=user,
        organisation=organisation,
        question=question,
        phenomenon=phenomenon,
    )
    _log_consultation(user, consultation, A.CREATE)
    return consultation


def consultation_viewed(*, user, consultation: Consultation) -> None:
    _log_consultation(user, consultation, A.VIEW)


@transaction.atomic
def consultation_answer(
    *, user, consultation: Consultation, answer: str, now: datetime.datetime | None = None
) -> Consultation:
    """Answer once, as the cell's coordinator (NotFound/Refused otherwise)."""
    policies.check_decides(user, consultation)
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write an answer before saving.")})
    answered = (
        Consultation.objects.select_for_update()
        .values_list("answered_at", flat=True)
        .get(pk=consultation.pk)
    )
    if answered is not None:
        raise ValidationError(_("This consultation has already been answered."))
    consultation.answer = answer
    consultation.answered_by = user
    consultation.answered_at = now or timezone.now()
    consultation.save(update_fields=["answer", "answered_by", "answered_at"])
    _log_consultation(user, consultation, A.UPDATE)
    return consultation
