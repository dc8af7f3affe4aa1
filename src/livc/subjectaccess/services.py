"""Searches, exports and data-subject requests. Each call appends to the access log.

Callers authorise (policies); services validate input and state and raise
`ValidationError`, keyed by field where one field is at fault.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.cases.models import Subject
from livc.access.actor import actor_for
from livc.cases.services import subject_lookup_indexes
from livc.core.dates import add_months

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
    by_name = bool(first_name and last_name and birth_date)
    if not by_name and not national_number:
        raise ValidationError(
            _("Give first name, last name and birth date, or the national register number.")
        )
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
    for cell_id in sorted(policies.coordinator_cells(user)):
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
    reason = f"subject access export ({fmt})"
    ref = subject_request.reference if subject_request else ""
    if subject_request is not None:
        reason += f" for {subject_request.reference}"
    _log_subject(user, subject, A.EXPORT, reason=reason, ref=ref)
    return export.subject_data(subject)


# Requests ---------------------------------------------------------------------------------


def _check_received_on(received_on: datetime.date) -> None:
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date cannot be in the future.")})


@transaction.atomic
def request_create(
    *,
    user,
    cell,
    kind: str,
    received_on: datetime.date,
    description: str,
    subject: Subject | None = None,
) -> SubjectRequest:
    """Record a request; the answer is due one month after receipt."""
    _check_received_on(received_on)
    if not description.strip():
        raise ValidationError({"description": _("Write what the person asks.")})
    if kind not in SubjectRequest.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of request.")})
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
) -> SubjectRequest:
    """Record the decision once. A refusal or partial grant needs its reason."""
    errors = {}
    if decision not in (D.GRANTED, D.PARTIALLY, D.REFUSED):
        errors["decision"] = _("Choose the decision.")
    if decision in SubjectRequest.NEEDS_REASON and not reason.strip():
        errors["decision_reason"] = _(
            "Give the reason: the person must be told why the request is not fully granted."
        )
    if decided_on > timezone.localdate():
        errors["decided_on"] = _("The date cannot be in the future.")
    elif decided_on < subject_request.received_on:
        errors["decided_on"] = _("The decision cannot come before the request was received.")
    if errors:
        raise ValidationError(errors)
    locked = SubjectRequest.objects.select_for_update().get(pk=subject_request.pk)
    if not locked.is_pending:
        raise ValidationError(_("This request has already been decided."))
    subject_request.decision = decision
    subject_request.decision_reason = reason.strip()
    subject_request.decided_on = decided_on
    subject_request.decided_by = user
    subject_request.save(update_fields=["decision", "decision_reason", "decided_on", "decided_by"])
    _log_request(user, subject_request, A.TRANSITION, reason=f"pending→{decision}")
    return subject_request


def request_viewed(*, user, subject_request: SubjectRequest) -> None:
    _log_request(user, subject_request, A.VIEW)
