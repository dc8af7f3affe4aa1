"""The structures indicators return, and the helpers they share.

A `Figure` is one indicator for one set of cells and one period: its total (the count, the
denominator of a share, or the number of observations behind a median), its value, and a
breakdown of `Row`s. Every count also keeps its contribution per cell (`parts`, cell id →
count): suppression needs them to stop a reader from working out one cell's small count by
subtracting other cells from a total. `suppression.suppress` drops the parts; a figure with
parts must never leave the cell(s) it was computed for unsuppressed.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from livc.core import numbers

from ..definitions import DEFINITIONS, Definition, Unit
from ..periods import Period

Parts = dict[int, int]  # cell id -> count (zeros left out)


def marker() -> str:
    """How a suppressed value reads (see suppression.py)."""
    return _("<5")


def number(value: int | float) -> str:
    return numbers.format_number(value)


@dataclass
class Row:
    key: str
    label: str
    count: int | None  # None when suppressed
    hidden: bool = False
    parts: Parts = field(default_factory=dict, repr=False, compare=False)

    @property
    def display(self) -> str:
        return marker() if self.hidden else number(self.count or 0)


@dataclass
class Figure:
    definition: Definition
    total: int | None  # count; denominator of a share; observations behind a median
    value: int | float | None  # count, share between 0 and 1, or median days
    breakdown: list[Row] = field(default_factory=list)
    note: str = ""
    hidden: bool = False  # the value is suppressed
    total_hidden: bool = False
    total_parts: Parts = field(default_factory=dict, repr=False, compare=False)

    @property
    def code(self) -> str:
        return self.definition.code

    @property
    def title(self):
        return self.definition.title

    @property
    def unit(self) -> str:
        return self.definition.unit

    @property
    def numerator(self) -> int | None:
        """For shares: the count in the numerator rows (None if any is suppressed)."""
        if self.unit != Unit.SHARE:
            return None
        counts = [r.count for r in self.breakdown if r.key in self.definition.numerator]
        return None if any(c is None for c in counts) else sum(counts)

    @property
    def denominator(self) -> int | None:
        return self.total if self.unit == Unit.SHARE else None

    @property
    def has_data(self) -> bool:
        """False when nothing was counted (an empty period, a cell without records)."""
        return self.total_hidden or bool(self.total)

    @property
    def percent(self) -> Decimal | None:
        """A share in percent, rounded half-up from its counts (None when hidden)."""
        if self.unit != Unit.SHARE or self.hidden or self.value is None:
            return None
        numerator, total = self.numerator, self.total
        if numerator is None or not total:  # no counts to work from: the value itself
            return numbers.share_percent(self.value)
        return numbers.ratio_percent(numerator, total)

    @property
    def display_value(self) -> str:
        """The headline as text: a count, a percentage, or a number of days."""
        if self.hidden:
            return marker()
        if self.value is None:
            return _("no data")
        if self.unit == Unit.SHARE:
            return numbers.format_percent(self.percent)
        if self.unit == Unit.DAYS:
            return _("%(days)s days") % {"days": number(self.value)}
        return number(self.value)

    @property
    def display_total(self) -> str:
        return marker() if self.total_hidden else number(self.total or 0)

    @property
    def display_numerator(self) -> str:
        numerator = self.numerator
        return marker() if numerator is None else number(numerator)

    @property
    def chart_value(self) -> int | float | None:
        """The headline for a chart: shares in percent, None when hidden or unknown."""
        if self.hidden or self.value is None:
            return None
        if self.unit == Unit.SHARE:
            return float(self.percent)
        return numbers.machine_number(self.value)

    def row(self, key: str) -> Row:
        return next(r for r in self.breakdown if r.key == key)

    def without_parts(self) -> "Figure":
        return replace(
            self,
            total_parts={},
            breakdown=[replace(r, parts={}) for r in self.breakdown],
        )


@dataclass
class Report:
    """The figures of one period for a set of cells, by indicator code."""

    period: Period
    cell_ids: tuple[int, ...]
    figures: dict[str, Figure]
    today: datetime.date
    suppressed: bool = False

    def __getitem__(self, code: str) -> Figure:
        return self.figures[code]

    def __iter__(self):
        return iter(self.figures.values())


# Building figures ----------------------------------------------------------------------


def add_parts(*parts: Mapping[int, int]) -> Parts:
    total: Parts = defaultdict(int)
    for part in parts:
        for cell_id, count in part.items():
            total[cell_id] += count
    return {cell_id: count for cell_id, count in total.items() if count}


def figure(
    code: str,
    rows: Iterable[tuple[str, str, Mapping[int, int]]] = (),
    *,
    total: Mapping[int, int] | None = None,
    value: float | None = None,
    note: str = "",
) -> Figure:
    """A figure from its rows (key, label, parts). For additive figures the total is the
    sum of the rows; otherwise (and for medians) pass `total`; a median passes `value`."""
    definition = DEFINITIONS[code]
    breakdown = [Row(key, str(label), sum(p.values()), parts=dict(p)) for key, label, p in rows]
    if total is None:
        total = add_parts(*(r.parts for r in breakdown))
    total_parts = {cell: n for cell, n in total.items() if n}
    count = sum(total_parts.values())
    if definition.unit == Unit.COUNT:
        value = count
    elif definition.unit == Unit.SHARE:
        numerator = sum(r.count for r in breakdown if r.key in definition.numerator)
        value = numerator / count if count else None
    elif not count:
        value = None
    return Figure(definition, count, value, breakdown, note=note, total_parts=total_parts)


class Tally:
    """Counts per (period index, key) and per cell, filled from grouped query rows."""

    def __init__(self):
        self.counts: dict[tuple[int, str], Parts] = defaultdict(lambda: defaultdict(int))

    def add(self, bucket: int, key: str, cell_id: int, count: int) -> None:
        if count:
            self.counts[(bucket, key)][cell_id] += count

    def add_columns(self, rows: Iterable[Mapping], columns: Sequence[str], prefix: str = ""):
        """Rows of a query grouped by cell and bucket with one count column per key."""
        for row in rows:
            for column in columns:
                self.add(row["bucket"], prefix + column, row["cell_id"], row[column] or 0)

    def parts(self, bucket: int, key: str) -> Parts:
        return dict(self.counts.get((bucket, key), {}))

    def rows(self, bucket: int, choices: Iterable[tuple[str, str]], prefix: str = ""):
        """(key, label, parts) for each choice, zeros included (tables stay stable)."""
        return [(key, label, self.parts(bucket, prefix + key)) for key, label in choices]


@dataclass(frozen=True)
class Scope:
    """What to compute: cells, periods (oldest first) and the day "overdue" is judged on."""

    cell_ids: tuple[int, ...]
    periods: tuple[Period, ...]
    today: datetime.date

    @property
    def start(self) -> datetime.date:
        return min(p.start for p in self.periods)

    @property
    def end(self) -> datetime.date:
        return max(p.end for p in self.periods)

    def bucket(self, field_name: str) -> Case:
        """The index of the period a date falls in (NULL outside every period)."""
        return Case(
            *(
                When(**{f"{field_name}__range": (p.start, p.end)}, then=Value(i))
                for i, p in enumerate(self.periods)
            ),
            default=None,
            output_field=IntegerField(),
        )

    def span(self, field_name: str) -> dict:
        return {f"{field_name}__range": (self.start, self.end)}


def choices_with_unknown(choices, unknown_label) -> list[tuple[str, str]]:
    return [*choices, ("", unknown_label)]
