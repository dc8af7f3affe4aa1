"""Writes on retention: a cell's periods and legal holds. Atomic, audited. Each checks its
policy (NotFound outside the user's retention cells, Refused for what the DPO only reads)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.access.actor import actor_for
from livc.access.errors import NotFound, Refused
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.cases.models import Case
from livc.core.dates import date_problem
from livc.core.locking import ConcurrentEditError, save_if_unchanged
from livc.intake.models import Signal

from . import policies
from .models import LegalHold, RetentionOverride
from .rules import bounds_errors

A = AccessLogEntry.Action


def _concurrent() -> str:
    return _(
        "Someone else changed the retention periods while you were editing. Reload the "
        "page and redo your change; nothing was saved."
    )


@transaction.atomic
def override_save(
    *,
    user,
    cell,
    out_of_scope_months: int | None,
    closed_case_months: int | None,
    version: int,
) -> RetentionOverride:
    """Set the cell's own periods (None: the deployment's default). `version` is the one
    the form was loaded with (0 when the cell had no override yet). Values outside the
    deployment's bounds are refused with a ValidationError keyed by field."""
    if cell.pk not in policies.retention_cells(user):
        raise NotFound
    if not policies.can_edit_policy(user, cell.pk):
        raise Refused
    errors = bounds_errors(
        out_of_scope_months=out_of_scope_months, closed_case_months=closed_case_months
    )
    if errors:
        raise ValidationError(errors)
    values = {
        "out_of_scope_months": out_of_scope_months,
        "closed_case_months": closed_case_months,
        "updated_by": user,
    }
    override = RetentionOverride.objects.filter(cell=cell).first()
    if override is None:
        if version != 0:
            raise ConcurrentEditError(_concurrent())
        try:
            with transaction.atomic():
                override = RetentionOverride.objects.create(cell=cell, **values)
        except IntegrityError as error:  # created by someone else meanwhile
            raise ConcurrentEditError(_concurrent()) from error
    else:
        save_if_unchanged(override, version, message=_concurrent(), **values)
    record(
        actor=actor_for(user, cell.pk),
        action=A.UPDATE,
        object_type="retention_policy",
        object_id=cell.pk,
        reason=f"out_of_scope={out_of_scope_months or '-'} closed_case={closed_case_months or '-'}",
    )
    return override


def _lock(case: Case | None, signal: Signal | None) -> None:
    """Lock the rows a purge would lock, so a hold and a purge never cross."""
    if signal is not None:
        list(Signal.objects.select_for_update().filter(pk=signal.pk))
        case = case or signal.case
    if case is not None:
        list(Case.objects.select_for_update().filter(pk=case.pk))


@transaction.atomic
def legal_hold_place(
    *,
    user,
    case: Case | None = None,
    signal: Signal | None = None,
    reason: str,
    until: datetime.date | None = None,
    today: datetime.date | None = None,
) -> LegalHold:
    """Hold one case or one signal: the purge leaves it (and what follows it) alone while
    the hold is active. NotFound unless the user manages retention in its cell."""
    if (case is None) == (signal is None):
        raise ValueError("a legal hold is on exactly one case or one signal")
    if (case or signal).cell_id not in policies.retention_cells(user):
        raise NotFound
    today = today or timezone.localdate()
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for the hold (no names).")
    if until is not None and until < today:
        errors["until"] = _("The end of the hold cannot lie in the past.")
    elif problem := date_problem(until, today=today, future=True):
        errors["until"] = problem
    if errors:
        raise ValidationError(errors)
    _lock(case, signal)
    target = case or signal
    reference = case.code if case else signal.reference
    hold = LegalHold.objects.create(
        cell_id=target.cell_id,
        case=case,
        signal=signal,
        reference=reference,
        reason=reason.strip(),
        until=until,
        placed_by=user,
    )
    record(
        actor=actor_for(user, target.cell_id),
        action=A.CREATE,
        object_type="legal_hold",
        object_id=hold.pk,
        object_ref=reference,
        case_id=case.pk if case else signal.case_id,
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, user, hold: LegalHold) -> LegalHold:
    """End a hold now; the record becomes purgeable again if it is past retention."""
    if hold.cell_id not in policies.retention_cells(user):
        raise NotFound
    updated = LegalHold.objects.filter(pk=hold.pk, lifted_at__isnull=True).update(
        lifted_at=timezone.now(), lifted_by=user
    )
    if not updated:
        raise ValidationError(_("This hold was already lifted."))
    hold.refresh_from_db()
    record(
        actor=actor_for(user, hold.cell_id),
        action=A.UPDATE,
        object_type="legal_hold",
        object_id=hold.pk,
        object_ref=hold.reference,
        case_id=hold.case_id
        or (Signal.objects.filter(pk=hold.signal_id).values_list("case_id", flat=True).first()),
        reason="lifted",
    )
    return hold
