"""Indicators per set of cells and period, computed with aggregate queries.

The API (used by the dashboards, the half-yearly report and exports):

- `compute(*, cell_ids, period, today=None) -> Report`: every indicator of one period;
- `compute_series(*, cell_ids, periods, today=None) -> list[Report]`: the same for several
  periods (oldest first) in one pass: each query groups by period, so four periods cost
  the same number of queries as one (except "under way at the end", one per past period);
- `trend(*, cell_ids, periods, today=None) -> dict[code, list[value]]`: the headline value
  of each indicator per period.

A `Report` maps indicator codes (see `definitions.DEFINITIONS`) to `Figure`s. Figures are
exact, per-cell parts included: inside a cell they may be shown as they are; anything that
leaves a cell goes through `livc.monitoring.suppression.suppress` first. `today` is the day
"overdue" and "open at the end of a period not over yet" are judged on (default: today).

The number of queries does not depend on the amount of data: about 25 for four periods
(pinned in tests/monitoring/test_indicators.py).
"""

import datetime
from collections.abc import Iterable, Sequence

from django.utils import timezone

from ..definitions import DEFINITIONS
from ..periods import Period
from . import cases, cooperation, signals
from .base import Figure, Report, Row, Scope

__all__ = ["Figure", "Report", "Row", "compute", "compute_series", "trend"]

MODULES = (signals, cases, cooperation)


def compute_series(
    *,
    cell_ids: Iterable[int],
    periods: Sequence[Period],
    today: datetime.date | None = None,
) -> list[Report]:
    """One report per period, in the order given (periods must not overlap)."""
    ordered = sorted(periods, key=lambda p: p.start)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later.start <= earlier.end:
            raise ValueError(f"periods overlap: {earlier} and {later}")
    scope = Scope(
        cell_ids=tuple(sorted(set(cell_ids))),
        periods=tuple(periods),
        today=today or timezone.localdate(),
    )
    figures: dict[int, dict[str, Figure]] = {i: {} for i in range(len(periods))}
    for module in MODULES:
        for i, computed in module.compute(scope).items():
            figures[i].update((f.code, f) for f in computed)
    return [
        Report(
            period=period,
            cell_ids=scope.cell_ids,
            figures={code: figures[i][code] for code in DEFINITIONS},
            today=scope.today,
        )
        for i, period in enumerate(periods)
    ]


def compute(
    *, cell_ids: Iterable[int], period: Period, today: datetime.date | None = None
) -> Report:
    return compute_series(cell_ids=cell_ids, periods=[period], today=today)[0]


def trend(
    *,
    cell_ids: Iterable[int],
    periods: Sequence[Period],
    today: datetime.date | None = None,
) -> dict[str, list]:
    """The value of each indicator per period (unsuppressed: for use inside a cell)."""
    reports = compute_series(cell_ids=cell_ids, periods=periods, today=today)
    return {code: [r[code].value for r in reports] for code in DEFINITIONS}
