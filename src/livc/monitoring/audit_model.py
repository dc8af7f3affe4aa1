"""What a reader knows about one period, as the linear facts the audit (audit.py) works on:
atoms, the published values of each unit over them, and the relations the definitions
give. Longer periods need no atoms of their own: they show only sums of what their parts
show (across_periods.py).

An *atom* is one cell's count of one breakdown row, or of a total that is not the sum of
its rows (figures without rows, non-additive breakdowns). A unit's value is the sum of its
cells' atoms.

The model checks the data against what it assumes (a total is its rows added up, a
relation holds); where the data disagree a reader could not rely on it either, so the
assumption is dropped with a warning rather than the audit failing.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cached_property

from .audit import Problem, Pub
from .definitions import DEFINITIONS
from .indicators.base import Report

TOTAL = "total"
ROW = "row:"
OWN_TOTAL = "\x00total"  # the key of a total that is not the sum of its rows
logger = logging.getLogger(__name__)


class Model:
    """The atoms of one report and the published values of the units `cells_of` (unit
    index → its cell ids)."""

    def __init__(self, report: Report, cells_of: Sequence[tuple[int, ...]]):
        self.report = report
        self.cells_of = cells_of
        self.cells = sorted({cell for cells in cells_of for cell in cells})
        self.codes = list(report.figures)
        self.atom_ids: dict[tuple, int] = {}
        self.truth: list[int] = []
        self._parts = {}
        for code, figure in report.figures.items():
            parts = {row.key: row.parts for row in figure.breakdown}
            parts[OWN_TOTAL] = figure.total_parts
            self._parts[code] = parts
        self.keys = {code: self._keys(code) for code in self.codes}
        self._pub_atoms: dict[tuple, tuple[int, ...]] = {}

    def _keys(self, code: str) -> list[str]:
        """The row keys, and OWN_TOTAL when the total is not their sum."""
        figure = self.report.figures[code]
        keys = [row.key for row in figure.breakdown]
        additive = DEFINITIONS[code].additive and keys and all(
            figure.total_parts.get(cell, 0) == sum(r.parts.get(cell, 0) for r in figure.breakdown)
            for cell in self.cells
        )  # fmt: skip
        if keys and DEFINITIONS[code].additive and not additive:
            logger.warning("suppression audit: %s rows do not add up to its total", code)
        return keys if additive else [*keys, OWN_TOTAL]

    def _atom(self, cell: int, code: str, key: str) -> int:
        index = self.atom_ids.get((cell, code, key))
        if index is None:
            index = self.atom_ids[cell, code, key] = len(self.truth)
            self.truth.append(self._parts[code].get(key, {}).get(cell, 0))
        return index

    def quantities(self, code: str) -> list[str]:
        return [TOTAL, *(ROW + key for key in self.keys[code] if key != OWN_TOTAL)]

    def atoms(self, cells: Sequence[int], code: str, quantity: str) -> tuple[int, ...]:
        """The atoms whose sum is the value of `quantity` of `code` for these cells."""
        if quantity == TOTAL:
            keys = [OWN_TOTAL] if OWN_TOTAL in self.keys[code] else self.keys[code]
        else:
            keys = [quantity.removeprefix(ROW)]
        return tuple(self._atom(cell, code, key) for cell in cells for key in keys)

    def pub_atoms(self, unit: int, code: str, quantity: str) -> tuple[int, ...]:
        key = (unit, code, quantity)
        if key not in self._pub_atoms:
            self._pub_atoms[key] = self.atoms(self.cells_of[unit], code, quantity)
        return self._pub_atoms[key]

    # Relations the definitions give --------------------------------------------------

    def _pairs(self, code: str) -> list[tuple[str, str, str, bool]]:
        """The relations `code` states, as (quantity, other code, other quantity, equal?):
        equal, or the first at most the second."""
        d = DEFINITIONS[code]
        pairs = []
        same = [c for c in self.codes if DEFINITIONS[c].population == d.population]
        mates = same if d.population else []
        if mates and mates[0] == code:  # the first of a population relates the others to it
            pairs += [(TOTAL, mate, TOTAL, True) for mate in mates[1:]]
        if d.within in self.keys:
            pairs.append((TOTAL, d.within, TOTAL, False))
        if d.rows_within in self.keys:
            pairs += [(ROW + k, d.rows_within, ROW + k, False)
                      for k in self.keys[code] if k != OWN_TOTAL]  # fmt: skip
        if OWN_TOTAL in self.keys[code]:
            pairs += [(ROW + k, code, TOTAL, False) for k in self.keys[code] if k != OWN_TOTAL]
        return pairs

    def _side(self, cell: int, code: str, quantity: str) -> tuple[int, ...]:
        if quantity.startswith(ROW) and quantity.removeprefix(ROW) not in self.keys[code]:
            return ()  # a row the other figure does not have: zero
        return self.atoms((cell,), code, quantity)

    @cached_property
    def relations(self) -> dict[str, list[tuple[int, bool, tuple, tuple]]]:
        """Code → (cell, equal?, atoms, atoms) per cell, for the relations that hold."""
        found = defaultdict(list)
        for code in self.codes:
            for quantity, other, other_quantity, equal in self._pairs(code):
                rows = [
                    (cell, equal, self._side(cell, code, quantity),
                     self._side(cell, other, other_quantity))
                    for cell in self.cells
                ]  # fmt: skip
                sums = [(sum(self.truth[x] for x in a), sum(self.truth[x] for x in b))
                        for _cell, _equal, a, b in rows]  # fmt: skip
                if all(left == right if equal else left <= right for left, right in sums):
                    found[code] += rows
                else:
                    logger.warning("suppression audit: %s %s / %s %s does not hold",
                                   code, quantity, other, other_quantity)  # fmt: skip
        return found

    @cached_property
    def groups(self) -> list[list[str]]:
        """Indicators tied together by relations (audited together), in code order."""
        parent = {code: code for code in self.codes}

        def root(code):
            while parent[code] != code:
                code = parent[code]
            return code

        for code in self.codes:
            for _q, other, _oq, _eq in self._pairs(code):
                parent[root(other)] = root(code)
        grouped = defaultdict(list)
        for code in self.codes:
            grouped[root(code)].append(code)
        return list(grouped.values())

    # One unit's audit -----------------------------------------------------------------

    def _twin(self, unit: int, code: str, quantity: str):
        """Totals of one population (the same signals by source, phenomenon and level)
        are one number shown in several places."""
        population = DEFINITIONS[code].population
        first = next((c for c in self.codes if DEFINITIONS[c].population == population), None)
        if quantity != TOTAL or not population or not self.relations.get(first):
            return None
        return (unit, population)

    def problem(
        self, units: Sequence[int], group: Sequence[str], hidden: Callable, children: Callable
    ) -> tuple:
        """The audit problem over `units` (a unit and everything under it) for some
        indicators: published values with `hidden(unit, code)` (a set of quantities), the
        units each is the sum of (`children(unit)`), and the relations between their
        cells. Returns (problem, labels), labels[n] = (unit, code, quantity) of pub n."""
        relations = self.relations  # creates their atoms before the truth is copied
        pubs, labels, where = [], [], {}
        for unit in units:
            for code in group:
                concealed = hidden(unit, code)
                for quantity in self.quantities(code):
                    atoms = self.pub_atoms(unit, code, quantity)
                    value = sum(self.truth[a] for a in atoms)
                    twin = self._twin(unit, code, quantity)
                    where[unit, code, quantity] = len(pubs)
                    pubs.append(Pub(atoms, value, quantity in concealed, unit, twin))
                    labels.append((unit, code, quantity))
        for n, (unit, code, quantity) in enumerate(labels):
            ways = []
            below = children(unit)
            if below and all((child, code, quantity) in where for child in below):
                ways.append(tuple(where[child, code, quantity] for child in below))
            if quantity == TOTAL and OWN_TOTAL not in self.keys[code] and self.keys[code]:
                ways.append(tuple(where[unit, code, q] for q in self.quantities(code)[1:]))
            pubs[n].parts = tuple(ways)
        cells = {cell for unit in units for cell in self.cells_of[unit]}
        problem = Problem(list(self.truth), pubs)
        for code in group:
            for cell, equal, a, b in relations.get(code, ()):
                if cell in cells:
                    (problem.equal if equal else problem.at_most).append((a, b))
        return problem, labels
