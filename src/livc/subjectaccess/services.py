"""Searches, exports and data-subject requests. Each call appends to the access log.

Each service checks its policy (NotFound when the record is not the user's to see,
Refused when it is but the act is not theirs), validates input and state and raises
`ValidationError`, keyed by field where one field is at fault.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.access.actor import actor_for
from livc.access.errors import NotFound, Refused
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.cases.models import Subject
from livc.cases.services import subject_lookup_indexes
from livc.core.dates import add_months, date_problem
from livc.privacy.national_number import validate_national_number

from . import export, policies
from .models import SubjectRequest

A = AccessLogEntry.Action
D = SubjectRequest.Decision


def one_month_after(day: datetime.date) -> datetime.date:
    """The answer deadline (GDPR art. 12(3), one month)."""
    return add_months(day, 1)


def _log_subject(user, subject: Subject, action: str, reason: str = "", ref: str = "") -> None:
    record(
        actor=actor_for(user, subject.cell_id),
        action=action,
        object_type="subject",
        object_id=subject.pk,
        object_ref=ref,
        reason=reason,
    )


def _log_request(user, subject_request: SubjectRequest, action: str, reason: str = "") -> None:
    record(
        actor=actor_for(user, subject_request.cell_id),
        action=action,
        object_type="subject_request",
        object_id=subject_request.pk,
        object_ref=subject_request.reference,
        reason=reason,
    )


# Finding a subject -------------------------------------------------------------------------


@transaction.atomic
def subject_search(
    *,
    user,
    first_name: str = "",
    last_name: str = "",
    birth_date: datetime.date | None = None,
    national_number: str = "",
) -> list[Subject]:
    """Subjects of the cells the user coordinates matching the details exactly.

    Matching goes through the blind indexes intake writes (name + birth date, and the
    national register number as already validated to its 11 digits), under every
    configured index key so a key rotation in progress misses nobody; a record matches
    on either. The search is logged once per cell searched (with the number
    found, never the details) and once per subject record found.
    """
    if not policies.can_search(user):
        raise NotFound
    by_name = bool(first_name and last_name and birth_date)
    if not by_name and not national_number:
        raise ValidationError(
            _("Give first name, last name and birth date, or the national register number.")
        )
    if national_number:
        try:
            national_number = validate_national_number(national_number)
        except ValidationError as error:
            raise ValidationError({"national_number": error.messages}) from error
    names, numbers = subject_lookup_indexes(
        first_name, last_name, birth_date or datetime.date.min, national_number
    )
    condition = Q(name_index__in=names) if by_name else Q()
    if numbers:
        condition |= Q(national_number_index__in=numbers)
    found = list(
        policies.searchable_subjects(user)
        .filter(condition)
        .select_related("cell", "municipality")
        .prefetch_related("cases", "signals")
        .order_by("created_at", "id")
    )
    for cell_id in sorted(policies.handled_cells(user)):
        count = sum(1 for subject in found if subject.cell_id == cell_id)
        record(
            actor=actor_for(user, cell_id),
            action=A.LIST,
            object_type="subject_search",
            object_id=user.pk,
            reason=f"subject access search: {count} found",
        )
    for subject in found:
        _log_subject(user, subject, A.VIEW, reason="subject access search")
    return found


def subject_viewed(*, user, subject: Subject) -> None:
    _log_subject(user, subject, A.VIEW, reason="subject access")


@transaction.atomic
def subject_export(
    *, user, subject: Subject, fmt: str, subject_request: SubjectRequest | None = None
) -> dict:
    """Log the export, then gather it: the export lists its own access-log entry."""
    _check_subject(user, subject)
    if subject_request is not None and (
        subject_request.subject_id != subject.pk
        or not policies.can_read_request(user, subject_request)
    ):
        raise NotFound
    reason = f"subject access export ({fmt})"
    ref = subject_request.reference if subject_request else ""
    if subject_request is not None:
        reason += f" for {subject_request.reference}"
    _log_subject(user, subject, A.EXPORT, reason=reason, ref=ref)
    return export.subject_data(subject)


# Requests ---------------------------------------------------------------------------------


# The GDPR applies from this day: no request under it can be older.
GDPR_START = datetime.date(2018, 5, 25)


def _check_subject(user, subject: Subject) -> None:
    if not policies.searchable_subjects(user).filter(pk=subject.pk).exists():
        raise NotFound


def _received_on_problem(received_on: datetime.date | None, today: datetime.date) -> str:
    if received_on is None:
        return _("Give the date the request was received.")
    if received_on < GDPR_START:
        return _("Check the date: the GDPR applies from 25 May 2018.")
    return date_problem(received_on, today=today)


@transaction.atomic
def request_create(
    *,
    user,
    cell,
    kind: str,
    received_on: datetime.date,
    description: str,
    subject: Subject | None = None,
    today: datetime.date | None = None,
) -> SubjectRequest:
    """Record a request, as the coordinator of `cell`; the answer is due one month after
    receipt."""
    if cell.pk not in policies.handled_cells(user):
        raise NotFound
    if subject is not None:
        _check_subject(user, subject)
    errors = {}
    if problem := _received_on_problem(received_on, today or timezone.localdate()):
        errors["received_on"] = problem
    if not (description or "").strip():
        errors["description"] = _("Write what the person asks.")
    if kind not in SubjectRequest.Kind.values:
        errors["kind"] = _("Choose the kind of request.")
    if errors:
        raise ValidationError(errors)
    if subject is not None and subject.cell_id != cell.pk:
        raise ValidationError(_("This person is not held by this cell."))
    subject_request = SubjectRequest.objects.create(
        cell=cell,
        subject=subject,
        kind=kind,
        received_on=received_on,
        due_on=one_month_after(received_on),
        description=description,
        handled_by=user,
    )
    _log_request(user, subject_request, A.CREATE)
    return subject_request


@transaction.atomic
def request_decide(
    *,
    user,
    subject_request: SubjectRequest,
    decision: str,
    decided_on: datetime.date,
    reason: str = "",
    today: datetime.date | None = None,
) -> SubjectRequest:
    """Record the decision once, as the coordinator of the request's cell. A refusal or
    partial grant needs its reason."""
    if not policies.visible_requests(user).filter(pk=subject_request.pk).exists():
        raise NotFound
    if not policies.can_read_request(user, subject_request):
        raise Refused
    today = today or timezone.localdate()
    errors = {}
    if decision not in (D.GRANTED, D.PARTIALLY, D.REFUSED):
        errors["decision"] = _("Choose the decision.")
    if decision in SubjectRequest.NEEDS_REASON and not (reason or "").strip():
        errors["decision_reason"] = _(
            "Give the reason: the person must be told why the request is not fully granted."
        )
    if decided_on is None:
        errors["decided_on"] = _("Give the date of the decision.")
    elif problem := date_problem(decided_on, today=today):
        errors["decided_on"] = problem
    elif decided_on < subject_request.received_on:
        errors["decided_on"] = _("The decision cannot come before the request was received.")
    if errors:
        raise ValidationError(errors)
    locked = SubjectRequest.objects.select_for_update().get(pk=subject_request.pk)
    if not locked.is_pending:
        raise ValidationError(_("This request has already been decided."))
    subject_request.decision = decision
    subject_request.decision_reason = (reason or "").strip()
    subject_request.decided_on = decided_on
    subject_request.decided_by = user
    subject_request.save(update_fields=["decision", "decision_reason", "decided_on", "decided_by"])
    _log_request(user, subject_request, A.TRANSITION, reason=f"pending→{decision}")
    return subject_request


def request_viewed(*, user, subject_request: SubjectRequest) -> None:
    _log_request(user, subject_request, A.VIEW)
