"""Which half-yearly updates a measure owes, and which are late (no queries: the callers
pass the updates they loaded).

A measure owes one update per half-year in which it runs inside the plan's period: from
its start (or the plan's) to its end (or the plan's), and no longer after it was
implemented or abandoned (the half-year in which that happened still gets its update).
Updates are owed while the plan is adopted; a draft plan owes none yet, and a closed plan
none any more (its updates stay on record). An update may be written once its half-year
has started; it is late when it is written after its due date, and overdue while it is
missing after that date.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from . import workflow
from .models import Measure, Plan, ProgressUpdate
from .periods import HalfYear, periods_between


@dataclass(frozen=True)
class Slot:
    """One half-year of one measure: the update written for it, or what is owed."""

    period: HalfYear
    update: ProgressUpdate | None
    today: datetime.date
    owed: bool = True

    @property
    def due_on(self) -> datetime.date:
        return self.update.due_on if self.update else self.period.due_on

    @property
    def submitted(self) -> bool:
        return self.update is not None

    @property
    def submitted_late(self) -> bool:
        return self.update is not None and self.update.is_late

    @property
    def overdue(self) -> bool:
        return self.owed and self.update is None and self.today > self.period.due_on

    @property
    def awaiting(self) -> bool:
        """Owed, its half-year started, not written yet and not late yet."""
        return self.owed and self.update is None and not self.overdue

    @property
    def days_late(self) -> int:
        if self.overdue:
            return (self.today - self.period.due_on).days
        if self.submitted_late:
            return (self.update.submitted_on - self.update.due_on).days
        return 0


def owed_periods(measure: Measure, plan: Plan, today: datetime.date) -> list[HalfYear]:
    """The half-years for which `measure` owes an update by `today` (started ones only)."""
    if not workflow.plan_takes_updates(plan.status):
        return []
    first = max(plan.period_start, measure.starts_on or plan.period_start)
    last = min(plan.period_end, measure.ends_on or plan.period_end, today)
    if measure.closed_on:
        last = min(last, measure.closed_on)
    return periods_between(first, last)


def slots(
    measure: Measure, plan: Plan, updates: Iterable[ProgressUpdate], today: datetime.date
) -> list[Slot]:
    """Every half-year of the measure that is owed or has an update, newest first."""
    written = {HalfYear(u.year, u.half): u for u in updates}
    owed = set(owed_periods(measure, plan, today))
    periods = sorted(owed | set(written), reverse=True)
    return [Slot(p, written.get(p), today, owed=p in owed) for p in periods]


def can_be_written(measure: Measure, plan: Plan, period: HalfYear, today) -> bool:
    """An update for `period` is owed and not written yet (the caller checks the latter)."""
    return period in owed_periods(measure, plan, today)
