"""Small-count suppression for every figure that leaves a cell (supervisor views, exports,
reports). Pure functions on `Report` / `Figure`; the result holds no per-cell parts.

Rules (threshold 5):

1. Primary: a count from 1 to 4 is hidden. Zero is shown: "nothing happened" is the usual
   practice and says nothing about a person.
2. Across cells: a count over several units (cells, or the provinces and regions above
   them, see `hierarchy`) minus the units that show it leaves the sum of what they hide,
   down to the hidden cells' values ("pieces": a unit shown inside a hidden one can be
   subtracted too). The count is hidden unless those pieces stay hidden in the sum: at
   least two, adding up to 5 or more, neither all 1 nor all 4. So a region's total never
   reveals its one small cell, a region is hidden when one of its two provinces is (the
   region minus the other would give it), and a region with a single cell is exactly as
   protected as that cell.
3. Secondary, inside a breakdown whose rows add up to the total: while the hidden rows add
   up to between 1 and 4 (the total minus the visible rows would reveal them), or to no
   more than one each, the next smallest visible non-zero row is hidden too, preferring a
   row some unit hides as well (a row every unit shows could be rebuilt by adding them
   up); with no row left to hide, the total is hidden. When the total itself is hidden,
   at least one non-zero row is hidden so that the rows cannot rebuild it.
4. A share is hidden when its denominator or any row of its numerator is hidden; a median
   when the number of observations behind it is hidden.

5. Audit (audit.py, audit_model.py): rules 2 and 3 look at one breakdown at a time, so a
   reader combining them could still work a value out in two steps (a region hides one
   row of 25 to protect a cell's 3: the total minus the rows it shows gives the 25, minus
   the other cells' rows gives the 3). After rules 1-4, for every hidden value from 1 to 4
   the interval a reader can derive from everything the unit and the units under it
   publish (all breakdowns and totals, and the relations between indicators) is computed
   by linear programming; while one is narrower than 5 or holds neither 0 nor a number of
   5 or more, the unit hides the smallest value it shows among those the narrowing rests
   on, until none is.
6. Periods inside periods (across_periods.py): a half-year or a year shows a count only
   where each of its parts shows it, so that no period can be subtracted from another;
   each period without parts (a quarter) is audited on its own.

Every hidden value is shown with the same marker, "<5", defined in the legend as "fewer
than 5, or hidden so that a number below 5 cannot be worked out": a separate marker for
secondary suppression would tell a reader which hidden row is small (e.g. total 6 = one
"<5" and one hidden ≥ 5 gives 1).

The pattern of a unit (cell, province, region) depends only on the cells under it (and on
the periods given together), so it is the same whether the unit is viewed alone or as
part of a larger selection: a reader comparing views of a region and of its provinces or
cells finds the same hidden values, and the audit of a unit covers every view under it.
Units are evaluated from the cells up, and a unit only ever hides its own values: hiding
all of them leaves the units under it exactly as protected as they were on their own.
Residual risk: views that are not units of one tree (two supervisors' "all my regions"
over different sets of regions) are not audited together.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from .across_periods import hide_from_parts, parts_of
from .audit import merge, protect_owner
from .audit_model import Model
from .definitions import Unit
from .indicators.base import Figure, Report
from .periods import Period
from .units import Hierarchy, Node, tree

__all__ = ["LEGEND", "MARKER", "Node", "protect", "suppress", "suppress_figure", "tree"]

THRESHOLD = 5
MARKER = _("<5")
LEGEND = _(
    "<5: fewer than 5, or hidden so that a number below 5 cannot be worked out from the "
    "other figures."
)
TOTAL = "total"


def is_small(count: int) -> bool:
    return 1 <= count < THRESHOLD


@dataclass
class _Pattern:
    values: dict[str, int]
    hidden: set[str]
    # What a reader cannot rebuild from visible figures when a quantity is hidden here:
    # the hidden cells' values under this unit. None for a cell: its own value.
    pieces: dict[str, list[int]] | None = None

    def pieces_of(self, q: str) -> list[int]:
        return [self.values[q]] if self.pieces is None else self.pieces[q]


def _quantities(figure: Figure) -> dict[str, dict[int, int]]:
    quantities = {TOTAL: figure.total_parts}
    for row in figure.breakdown:
        quantities["row:" + row.key] = row.parts
    return quantities


def _safe(pieces: list[int]) -> bool:
    """Whether hidden values known only by their sum stay hidden: at least two, adding up
    to 5 or more, and neither all 1 nor (when all could be small) all 4."""
    n, total = len(pieces), sum(pieces)
    return (
        n >= 2 and total >= THRESHOLD and total > n and (max(pieces) >= THRESHOLD or total < 4 * n)
    )


def _unit_pattern(figure: Figure, quantities, node: Node, units: list, counted: set[int]):
    """The quantities rules 1-3 hide at a unit, given the patterns of the units under it;
    None for a unit where nothing was counted (all zeros: nothing to hide or give away)."""
    if counted.isdisjoint(node.members):
        return None
    if not node.children:
        cell = node.cells[0]
        values = {q: parts.get(cell, 0) for q, parts in quantities.items()}
        hidden = {q for q, value in values.items() if 0 < value < THRESHOLD}
        if hidden and figure.definition.additive:
            _secondary(values, hidden, {})
        return _Pattern(values, hidden)
    units = [pattern for pattern in units if pattern is not None]
    values = {q: sum(u.values[q] for u in units) for q in quantities}
    hidden = {q for q, value in values.items() if is_small(value)}
    pieces = {q: [p for u in units if q in u.hidden for p in u.pieces_of(q)] for q in values}
    # The value minus the visible units leaves the sum of the hidden pieces.
    hidden |= {q for q, pool in pieces.items() if pool and not _safe(pool)}
    if hidden and figure.definition.additive:
        _secondary(values, hidden, pieces)
    return _Pattern(values, hidden, pieces)


def _secondary(values: dict[str, int], hidden: set[str], pieces: dict[str, list[int]]) -> None:
    rows = [q for q in values if q != TOTAL]
    order = {q: n for n, q in enumerate(rows)}

    def next_candidate() -> str | None:
        visible = [q for q in rows if q not in hidden and values[q] > 0]
        # A row whose every unit shows it could be rebuilt by adding them up: last resort.
        visible.sort(key=lambda q: (not pieces.get(q), values[q], order[q]))
        return visible[0] if visible else None

    if not rows:
        return
    if TOTAL in hidden:
        if not any(values[q] > 0 for q in rows if q in hidden):
            candidate = next_candidate()
            if candidate:
                hidden.add(candidate)
        return
    while True:
        hidden_rows = [values[q] for q in rows if q in hidden and values[q] > 0]
        total = sum(hidden_rows)
        if total == 0 or (total >= THRESHOLD and total > len(hidden_rows)):
            return
        candidate = next_candidate()
        if candidate is None:
            hidden.add(TOTAL)
            return
        hidden.add(candidate)


def _post_order(root: Node) -> list[Node]:
    order = []

    def visit(node):
        for child in node.children:
            visit(child)
        order.append(node)

    visit(root)
    return order


def protect(reports: Sequence[Report], units: Node) -> list[Report]:
    """`reports` (the same cells, one period each) as they may leave the cells, from the
    cells up: rules 1-3 for every unit of `units` (see `tree`) and period, the audit (rule
    5) for each period without parts, then rule 6 for the periods made of others. Give
    together the periods a reader can combine: a year with its halves and quarters
    (`livc.monitoring.publication` does)."""
    order = _post_order(units)
    periods = [r.period for r in reports]
    parts = parts_of(periods)
    models = {i: Model(r, [node.cells for node in order])
              for i, r in enumerate(reports) if i not in parts}  # fmt: skip
    position = {id(node): n for n, node in enumerate(order)}
    quantities = [{code: _quantities(f) for code, f in r.figures.items()} for r in reports]
    counted = [{code: {cell for parts in by_q.values() for cell in parts}
                for code, by_q in by_code.items()} for by_code in quantities]  # fmt: skip
    patterns: dict[tuple, _Pattern | None] = {}
    below: dict[int, list[int]] = {}
    kids: dict[int, list[int]] = {}
    for n, node in enumerate(order):
        children = kids[n] = [position[id(child)] for child in node.children]
        below[n] = [m for child in children for m in below[child]] + [n]
        for i, code in _keys(reports):
            patterns[n, i, code] = _unit_pattern(
                reports[i].figures[code], quantities[i][code], node,
                [patterns[child, i, code] for child in children], counted[i][code],
            )  # fmt: skip
        _audit(models, n, below[n], patterns, {m: kids[m] for m in below[n]})

        def rows_again(i, code, n=n):
            pattern = patterns[n, i, code]
            if reports[i].figures[code].definition.additive:
                _secondary(pattern.values, pattern.hidden, pattern.pieces or {})

        mine = {(i, code): patterns[n, i, code] for i, code in _keys(reports)}
        hide_from_parts(mine, periods, reports[0].today, rows_again)
    root = len(order) - 1
    return [
        replace(report, figures={code: _finish(f, patterns[root, i, code])
                                 for code, f in report.figures.items()}, suppressed=True)
        for i, report in enumerate(reports)
    ]  # fmt: skip


def _keys(reports: Sequence[Report]) -> list[tuple[int, str]]:
    return [(i, code) for i, report in enumerate(reports) for code in report.figures]


def _audit(models: dict[int, Model], owner: int, units: list[int], patterns: dict, kids) -> None:
    """Rule 5 at one unit: hide its values until every small hidden value under it is
    protected again (audit.protect_owner), for all periods without parts at once (their
    figures are independent: one problem keeps the number of LPs down)."""

    def pattern(unit, i, code):
        return patterns[unit, i, code]

    def needed(i, code) -> bool:
        mine = pattern(owner, i, code)
        if mine is None or not any(v > 0 and q not in mine.hidden for q, v in mine.values.items()):
            return False  # its zeros repeat what the units under it show
        return any(
            (p := pattern(unit, i, code)) is not None
            and any(is_small(p.values[q]) for q in p.hidden)
            for unit in units
        )

    problems, labels = [], []
    for i, model in models.items():
        codes = [c for group in model.groups if any(needed(i, c) for c in group) for c in group]
        if not codes:
            continue

        def hidden(unit, code, i=i) -> set[str]:
            found = pattern(unit, i, code)
            return found.hidden if found is not None else set()

        problem, names = model.problem(units, codes, hidden, kids.__getitem__)
        problems.append(problem)
        labels += [(i, *name) for name in names]
    if not problems:
        return
    problem = merge(problems)
    for n in protect_owner(problem, owner):
        i, unit, code, quantity = labels[n]
        pattern(unit, i, code).hidden.add(quantity)


def _finish(figure: Figure, pattern: _Pattern | None) -> Figure:
    """The figure with its hidden counts None and its parts gone."""
    hidden = pattern.hidden if pattern else set()
    breakdown = [
        replace(row, count=None if "row:" + row.key in hidden else row.count,
                hidden="row:" + row.key in hidden, parts={})
        for row in figure.breakdown
    ]  # fmt: skip
    total_hidden = TOTAL in hidden
    value_hidden = total_hidden
    if figure.unit == Unit.SHARE:
        value_hidden = total_hidden or any(
            row.hidden for row in breakdown if row.key in figure.definition.numerator
        )
    return replace(
        figure,
        total=None if total_hidden else figure.total,
        value=None if value_hidden else figure.value,
        hidden=value_hidden,
        total_hidden=total_hidden,
        breakdown=breakdown,
        total_parts={},
    )


def suppress_figure(figure: Figure, units: Node | None = None) -> Figure:
    """One figure as it may leave the cell(s), alone (a period of its own): hidden counts
    are None, parts are gone. `units` is the selection's `tree` (default: each cell of the
    figure a unit)."""
    cells = sorted({cell for parts in _quantities(figure).values() for cell in parts})
    units = units or tree(cells)
    day = datetime.date(2000, 1, 1)
    report = Report(Period(day, day), tuple(cells), {figure.code: figure}, today=day)
    return protect([report], units)[0].figures[figure.code]


def suppress(report: Report, hierarchy: Hierarchy | None = None) -> Report:
    """Every figure of one report suppressed and audited for the selection of its cells,
    the units taken from `hierarchy` (cell id → path of areas, see
    `livc.monitoring.selectors.cell_hierarchy`; without it each cell is a unit). Figures
    published with other periods go through `livc.monitoring.publication` instead, which
    audits the periods a reader can combine together."""
    return protect([report], tree(report.cell_ids, hierarchy))[0]
