"""A reader who combines every published view, written independently of the audit: for
synthetic tables (cells in provinces in regions, a year's quarters, halves and whole), it
publishes the view of every unit exactly as a supervisor would get it, then works out by
linear programming (its own model, dense matrices, one LP per bound) how far each hidden
count can be narrowed.

Tables: per cell and quarter, signals counted by source and by level (two breakdowns of
the same signals: equal totals, which the reader uses), and cases under way at each
quarter's end by phase (a stock: a half-year shows its last quarter's count).
"""

import datetime
import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from livc.monitoring.indicators.base import Report, figure
from livc.monitoring.periods import Period
from livc.monitoring.publication import calendar_periods
from livc.monitoring.suppression import protect, tree

YEAR = 2025
TODAY = datetime.date(YEAR + 1, 2, 1)
FLOWS = {
    "signals_by_source": ("caw", "police", "school"),
    "signals_by_level": ("primary", "secondary"),
}
STOCKS = {"cases_active_at_end": ("preparation", "active", "aftercare")}
QUARTERS = [Period.quarter(YEAR, q) for q in range(1, 5)]


@dataclass
class Tables:
    """Exact counts: flows[cell][quarter][code][key], stocks[cell][quarter][code][key]."""

    hierarchy: dict[int, tuple[str, ...]]
    flows: dict
    stocks: dict

    @property
    def cells(self) -> list[int]:
        return sorted(self.hierarchy)

    def units(self) -> list[tuple[int, ...]]:
        """Every selection a reader can view: each cell, each area, everything."""
        units = {(cell,) for cell in self.cells} | {tuple(self.cells)}
        for path in self.hierarchy.values():
            for depth in range(1, len(path) + 1):
                units.add(tuple(c for c in self.cells if self.hierarchy[c][:depth] == path[:depth]))
        return sorted(units, key=lambda u: (len(u), u))

    def value(self, cell: int, period: Period, code: str, key: str) -> int:
        inside = [n for n, q in enumerate(QUARTERS) if period.start <= q.start <= period.end]
        if code in STOCKS:
            return self.stocks[cell][inside[-1]][code][key]
        return sum(self.flows[cell][n][code][key] for n in inside)

    def reports(self, cells) -> list[Report]:
        """The exact reports of these cells for the year's calendar periods."""
        reports = []
        for period in calendar_periods(YEAR):
            figures = {}
            for code, keys in {**FLOWS, **STOCKS}.items():
                rows = [(key, key, {c: n for c in cells
                                    if (n := self.value(c, period, code, key))})
                        for key in keys]  # fmt: skip
                figures[code] = figure(code, rows)
            reports.append(Report(period, tuple(cells), figures, today=TODAY))
        return reports

    def published(self) -> dict[tuple, object]:
        """(unit, period code, code) → the figure as published in that unit's view."""
        shown = {}
        for unit in self.units():
            for report in protect(self.reports(unit), tree(unit, self.hierarchy)):
                for code, fig in report.figures.items():
                    shown[unit, report.period.code, code] = fig
        return shown


def _atoms(tables: Tables):
    """Variables: (cell, code, key, quarter) for flows, (cell, code, key, quarter end) for
    stocks: the counts a reader does not know."""
    names = []
    for cell in tables.cells:
        for n in range(4):
            names += [(cell, code, key, n) for code, keys in {**FLOWS, **STOCKS}.items()
                      for key in keys]  # fmt: skip
    return {name: j for j, name in enumerate(names)}


def _terms(index, unit, period: Period, code: str, keys) -> list[int]:
    inside = [n for n, q in enumerate(QUARTERS) if period.start <= q.start <= period.end]
    quarters = inside[-1:] if code in STOCKS else inside
    return [index[c, code, k, n] for c in unit for k in keys for n in quarters]


def intervals(tables: Tables, shown: dict) -> list[tuple]:
    """(unit, period, code, quantity, true value, low, high) for every hidden value whose
    true count is 1 to 4, as a reader derives it (whole numbers)."""
    index = _atoms(tables)
    rows, rhs, targets = [], [], []
    periods = {p.code: p for p in calendar_periods(YEAR)}
    for (unit, code_p, code), fig in shown.items():
        period, keys = periods[code_p], {**FLOWS, **STOCKS}[code]
        quantities = [("total", keys, fig.total, fig.total_hidden)]
        quantities += [(r.key, (r.key,), r.count, r.hidden) for r in fig.breakdown]
        for name, qkeys, count, hidden in quantities:
            terms = _terms(index, unit, period, code, qkeys)
            truth = sum(tables.value(c, period, code, k) for c in unit for k in qkeys)
            if not hidden:
                assert count == truth and not 1 <= count <= 4, (unit, code_p, code, name)
                rows.append(terms)
                rhs.append(count)
            elif 1 <= truth <= 4:
                targets.append(((unit, code_p, code, name, truth), terms))
    for cell in tables.cells:  # two breakdowns of the same signals: equal totals
        for n in range(4):
            source = [index[cell, "signals_by_source", k, n] for k in FLOWS["signals_by_source"]]
            level = [index[cell, "signals_by_level", k, n] for k in FLOWS["signals_by_level"]]
            rows.append((source, level))
            rhs.append(0)
    matrix = np.zeros((len(rows), len(index)))
    for r, terms in enumerate(rows):
        plus, minus = terms if isinstance(terms, tuple) else (terms, [])
        matrix[r, plus] += 1
        matrix[r, minus] -= 1
    found, done = [], {}
    for label, terms in targets:
        key = tuple(sorted(terms))
        if key not in done:
            done[key] = bounds(matrix, np.array(rhs, dtype=float), terms, len(index))
        found.append((*label, *done[key]))
    return found


def bounds(matrix, rhs, terms, size) -> tuple[int, float]:
    """The whole-number [min, max] of the sum of `terms` subject to matrix @ x == rhs."""
    objective = np.zeros(size)
    objective[terms] = 1
    bounds = []
    for sense in (1, -1):
        result = linprog(sense * objective, A_eq=matrix, b_eq=rhs, bounds=(0, None),
                         method="highs")  # fmt: skip
        assert result.status in (0, 3), result.message
        bounds.append(sense * result.fun if result.status == 0 else math.inf)
    low, high = bounds
    return math.ceil(low - 1e-6), high if math.isinf(high) else math.floor(high + 1e-6)


def safe(low, high) -> bool:
    """The protection rule: holds 0 or a number of 5 or more, and is 5 or more wide."""
    return (low <= 0 or high >= 5) and high - low >= 5
