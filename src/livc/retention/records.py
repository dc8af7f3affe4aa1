"""The retention of one record, as its page shows it: the retention date (or why it is
kept), which period applies, what it follows, and the active legal holds."""

import datetime
from dataclasses import dataclass, field

from django.db.models import DateField, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone

from livc.cases.models import Case
from livc.intake.models import Consultation, Signal
from livc.organisations.models import Cell

from .expressions import active_holds
from .models import RetentionOverride
from .rules import Periods, default_periods, periods_for, retention_date


@dataclass(frozen=True)
class Hold:
    reference: str
    reason: str
    until: datetime.date | None


@dataclass(frozen=True)
class RecordRetention:
    """What a record page says about retention.

    `state`: "until" (kept until `until`), "while_open" (a case, or what follows it, while
    the case is open: then `months` after closure), "in_screening" (a signal not yet
    screened: `months` after an out-of-scope decision), "follows_signal" (a consultation
    turned into a signal: kept as long as the signal).
    """

    state: str
    months: int
    today: datetime.date
    until: datetime.date | None = None
    follows: str = ""
    holds: list[Hold] = field(default_factory=list)

    # The questions the notice template asks, so no state literal appears in a template.
    @property
    def is_dated(self) -> bool:
        return self.state == "until"

    @property
    def while_case_open(self) -> bool:
        return self.state == "while_open"

    @property
    def while_screened(self) -> bool:
        return self.state == "in_screening"

    @property
    def follows_a_signal(self) -> bool:
        return self.state == "follows_signal"

    @property
    def waiting_for_purge(self) -> bool:
        return self.until is not None and self.until < self.today and not self.holds


def _periods_and_holds(cell_id: int, holds: Q, today: datetime.date):
    """The cell's periods and the active holds matching `holds`, in one query (a UNION:
    record pages are pinned to a query budget)."""
    columns = ("row_kind", "hold_reference", "hold_reason", "hold_until", "oos", "closed")
    null_int = Cast(Value(None), IntegerField())

    def override(field_name):
        values = RetentionOverride.objects.filter(cell=OuterRef("pk")).values(field_name)
        return Subquery(values[:1], output_field=IntegerField())

    periods_row = Cell.objects.filter(pk=cell_id).annotate(
        row_kind=Value(0),
        hold_reference=Value(""),
        hold_reason=Value(""),
        hold_until=Cast(Value(None), DateField()),
        oos=override("out_of_scope_months"),
        closed=override("closed_case_months"),
    )
    hold_rows = (
        active_holds(today)
        .filter(holds)
        .annotate(
            row_kind=Value(1),
            hold_reference=F("reference"),
            hold_reason=F("reason"),
            hold_until=F("until"),
            oos=null_int,
            closed=null_int,
        )
    )
    rows = list(
        periods_row.order_by()
        .values_list(*columns)
        .union(hold_rows.order_by().values_list(*columns), all=True)
        .order_by("row_kind", "hold_until", "hold_reference")
    )
    defaults = default_periods()
    _kind, _ref, _reason, _until, oos, closed = rows[0]
    periods = Periods(
        defaults.out_of_scope_months if oos is None else oos,
        defaults.closed_case_months if closed is None else closed,
    )
    return periods, [Hold(ref, reason, until) for _k, ref, reason, until, _o, _c in rows[1:]]


def case_retention(case: Case, today: datetime.date | None = None) -> RecordRetention:
    """One query: the cell's periods and the active holds on the case or its signals."""
    today = today or timezone.localdate()
    periods, holds = _periods_and_holds(
        case.cell_id, Q(case=case.pk) | Q(signal__case=case.pk), today
    )
    until = retention_date(case, periods)
    return RecordRetention(
        state="until" if until else "while_open",
        months=periods.closed_case_months,
        today=today,
        until=until,
        holds=holds,
    )


def signal_retention(signal: Signal, today: datetime.date | None = None) -> RecordRetention:
    """One query (the signal's case, if any, is expected loaded with it)."""
    today = today or timezone.localdate()
    condition = Q(signal=signal.pk)
    if signal.case_id:
        condition |= Q(case=signal.case_id) | Q(signal__case=signal.case_id)
    periods, holds = _periods_and_holds(signal.cell_id, condition, today)
    if signal.case_id:
        until = retention_date(signal.case, periods)
        state, months, follows = (
            "until" if until else "while_open",
            periods.closed_case_months,
            signal.case.code,
        )
    else:
        until = retention_date(signal, periods)
        state = "until" if until else "in_screening"
        months, follows = periods.out_of_scope_months, ""
    return RecordRetention(
        state=state, months=months, today=today, until=until, follows=follows, holds=holds
    )


def consultation_retention(
    consultation: Consultation, today: datetime.date | None = None
) -> RecordRetention:
    """One query. A consultation turned into a signal is kept as long as that signal; its
    date is not shown here, since the person who asked may not see the signal or case."""
    today = today or timezone.localdate()
    periods = periods_for(consultation.cell_id)
    if consultation.signal_id:
        return RecordRetention("follows_signal", periods.out_of_scope_months, today)
    return RecordRetention(
        "until",
        periods.out_of_scope_months,
        today,
        until=retention_date(consultation, periods),
    )
