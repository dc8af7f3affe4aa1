"""Retention rules: how long each kind of record is kept, and until which date.

- Closed case: `closed_on` + the cell's closed-case period. An open case is kept while it
  is open. Its signals, minutes, agenda items, invitations, agreed actions and plan
  follow it.
- Signal screened out of scope (advice given, referred to regular care, withdrawn): the
  local date of `screened_at` + the cell's out-of-scope period. A signal that opened a
  case follows the case; a signal still in screening is kept.
- Anonymous consultation: the local date it was answered (or asked, when it never was)
  + the out-of-scope period, unless it was turned into a signal: then it follows that
  signal.

The record is purged from the day after its retention date. `retention_date` is the one
Python rule; `expressions` states the same rule in SQL for lists and the purge, and the
tests hold the two together.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.cases.models import Case
from livc.core.dates import add_months
from livc.intake.models import Consultation, Signal

OUT_OF_SCOPE_STATUSES = (
    Signal.Status.ADVISED,
    Signal.Status.REFERRED,
    Signal.Status.WITHDRAWN,
)


@dataclass(frozen=True)
class Periods:
    out_of_scope_months: int
    closed_case_months: int


def default_periods() -> Periods:
    return Periods(
        settings.LIVC_RETENTION_OUT_OF_SCOPE_MONTHS, settings.LIVC_RETENTION_CLOSED_CASE_MONTHS
    )


def bounds() -> dict[str, tuple[int, int]]:
    return {
        "out_of_scope_months": tuple(settings.LIVC_RETENTION_OUT_OF_SCOPE_BOUNDS),
        "closed_case_months": tuple(settings.LIVC_RETENTION_CLOSED_CASE_BOUNDS),
    }


def bounds_errors(**values: int | None) -> dict[str, str]:
    """Per field, the message for a value outside the deployment's bounds (None = default)."""
    errors = {}
    for field, value in values.items():
        low, high = bounds()[field]
        if value is not None and not low <= value <= high:
            errors[field] = _("Choose a period between %(low)d and %(high)d months.") % {
                "low": low,
                "high": high,
            }
    return errors


def periods_for(cell_id: int) -> Periods:
    """The cell's periods: its override where set, else the deployment's defaults (1 query)."""
    from .models import RetentionOverride

    base = default_periods()
    override = (
        RetentionOverride.objects.filter(cell=cell_id)
        .values("out_of_scope_months", "closed_case_months")
        .first()
    )
    if not override:
        return base
    return Periods(
        *(
            base_value if value is None else value
            for value, base_value in (
                (override["out_of_scope_months"], base.out_of_scope_months),
                (override["closed_case_months"], base.closed_case_months),
            )
        )
    )


def local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def retention_date(record, periods: Periods | None = None) -> datetime.date | None:
    """The last day a case, signal or consultation is kept; None while it must be kept
    (open case, signal in screening). `periods` defaults to the record's cell's."""
    periods = periods or periods_for(record.cell_id)
    if isinstance(record, Case):
        if record.phase != Case.Phase.CLOSED or record.closed_on is None:
            return None
        return add_months(record.closed_on, periods.closed_case_months)
    if isinstance(record, Signal):
        if record.case_id is not None:
            return retention_date(record.case, periods)
        if record.status in OUT_OF_SCOPE_STATUSES and record.screened_at:
            return add_months(local_date(record.screened_at), periods.out_of_scope_months)
        return None
    if isinstance(record, Consultation):
        if record.signal_id is not None:
            return retention_date(record.signal, periods)
        start = local_date(record.answered_at or record.asked_at)
        return add_months(start, periods.out_of_scope_months) if start else None
    raise TypeError(f"no retention rule for {type(record).__name__}")
