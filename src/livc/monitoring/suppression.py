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

Every hidden value is shown with the same marker, "<5", defined in the legend as "fewer
than 5, or hidden so that a number below 5 cannot be worked out": a separate marker for
secondary suppression would tell a reader which hidden row is small (e.g. total 6 = one
"<5" and one hidden ≥ 5 gives 1).

The pattern of a unit (cell, province, region) depends only on the cells under it, so it
is the same whether the unit is viewed alone or as part of a larger selection: a reader
comparing views of a region and of its provinces or cells finds the same hidden values.
Residual risk: the secondary choices of different units are not coordinated with each
other beyond rule 3's preference, so a determined reader combining many views can narrow
some hidden values to a range; no value below 5 is ever shown.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from .definitions import Unit
from .indicators.base import Figure, Report

THRESHOLD = 5
MARKER = _("<5")
LEGEND = _(
    "<5: fewer than 5, or hidden so that a number below 5 cannot be worked out from the "
    "other figures."
)
TOTAL = "total"

Hierarchy = Mapping[int, Sequence[str]]  # cell id -> path of areas above it


def is_small(count: int) -> bool:
    return 1 <= count < THRESHOLD


@dataclass
class Node:
    """A unit of the selection: a cell (leaf) or an area with the units under it."""

    cells: tuple[int, ...]
    children: list["Node"] = field(default_factory=list)

    def __post_init__(self):
        self.members = frozenset(self.cells)


def tree(cell_ids: Sequence[int], hierarchy: Hierarchy | None = None) -> Node:
    """The units of a selection. Without a hierarchy every cell is a direct unit."""
    hierarchy = hierarchy or {}

    def build(cells: list[int], depth: int) -> Node:
        groups, leaves = defaultdict(list), []
        for cell_id in cells:
            path = tuple(hierarchy.get(cell_id, ()))
            (groups[path[depth]] if depth < len(path) else leaves).append(cell_id)
        children = [build(sorted(group), depth + 1) for _key, group in sorted(groups.items())]
        children += [Node((cell_id,)) for cell_id in sorted(leaves)]
        if len(children) == 1:
            return children[0]  # an area with one unit is that unit
        return Node(tuple(sorted(cells)), children)

    cells = sorted(set(cell_ids))
    if len(cells) <= 1:
        return Node(tuple(cells))
    return build(cells, 0)


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


def _evaluate(figure: Figure, quantities, node: Node, counted: set[int]) -> _Pattern | None:
    """The hidden quantities of a unit, bottom-up; None for a unit where nothing was
    counted (all zeros: nothing to hide, nothing to give away)."""
    if counted.isdisjoint(node.members):
        return None
    if not node.children:
        cell = node.cells[0]
        values = {q: parts.get(cell, 0) for q, parts in quantities.items()}
        hidden = {q for q, value in values.items() if 0 < value < THRESHOLD}
        if hidden and figure.definition.additive:
            _secondary(values, hidden, {})
        return _Pattern(values, hidden)
    units = [
        pattern
        for child in node.children
        if (pattern := _evaluate(figure, quantities, child, counted)) is not None
    ]
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


def suppress_figure(figure: Figure, units: Node | None = None) -> Figure:
    """The figure as it may leave the cell(s): hidden counts are None, parts are gone.
    `units` is the selection's `tree` (default: each cell of the figure a unit)."""
    quantities = _quantities(figure)
    if units is None:
        units = tree(sorted({cell for parts in quantities.values() for cell in parts}))
    counted = {cell for parts in quantities.values() for cell in parts}
    pattern = _evaluate(figure, quantities, units, counted)
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


def suppress(report: Report, hierarchy: Hierarchy | None = None) -> Report:
    """Every figure of the report suppressed for the selection of its cells, the units
    taken from `hierarchy` (cell id → path of areas, see
    `livc.monitoring.selectors.cell_hierarchy`; without it each cell is a unit)."""
    units = tree(report.cell_ids, hierarchy)
    return replace(
        report,
        figures={code: suppress_figure(f, units) for code, f in report.figures.items()},
        suppressed=True,
    )
