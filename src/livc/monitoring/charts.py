"""Chart specifications shared by the browser (Chart.js) and PDFs (matplotlib, see svg.py).

A `ChartSpec` is plain data: labels along one axis and one or more series of values. A value
of None is a gap (suppressed or unknown): nothing is drawn for it, and the data table shows
the series' display override for it (e.g. "<5") or "–". The same spec feeds the Chart.js
config (`chartjs_config`), the accessible data table (`table_rows`) and the server-side SVG
(`svg.render_svg`), so the picture and the table can never disagree.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _

from livc.core.numbers import format_number

Kind = Literal["bar", "line", "stacked_bar"]
KINDS: tuple[str, ...] = ("bar", "line", "stacked_bar")
Value = int | float | None

# Each colour reaches at least 4.5:1 against white (more than the 3:1 WCAG 1.4.11 asks of
# graphics) and neighbours differ in hue and lightness; tests/monitoring/test_charts.py
# checks the ratios.
PALETTE = (
    "#0b5394",  # blue
    "#a8430a",  # burnt orange
    "#1d6b3a",  # green
    "#7b2d8e",  # purple
    "#8a6d00",  # ochre
    "#0e6e7a",  # teal
    "#b0234d",  # raspberry
    "#4d4d4d",  # grey
)
MUTED = "#767676"  # grey for "the rest" (not covered, unknown): 4.5:1 on white
GAP = "–"
_ID = re.compile(r"^[a-z][a-z0-9-]{0,62}$")


def _text(value) -> str:
    return str(value)  # evaluates lazy translations once, at render time


def format_value(value: Value) -> str:
    """A value as the table shows it, in the active locale's number format."""
    return GAP if value is None else format_number(value)


@dataclass
class Series:
    """One named row of values, aligned with the chart's labels.

    `display`, when given, has one entry per value; a non-empty entry replaces the formatted
    value in the table (e.g. "<5" for a suppressed count whose value is None). `colour`
    overrides the palette (a "#rrggbb" with at least 3:1 contrast on white, e.g. MUTED).
    """

    name: str
    values: list[Value]
    display: list[str] | None = None
    colour: str | None = None

    @classmethod
    def from_cells(cls, name: str, cells: Iterable[int | float | str | None]) -> "Series":
        """Numbers stay numbers; a string (e.g. "<5") becomes a gap shown as that string."""
        values: list[Value] = []
        display: list[str] = []
        for cell in cells:
            if isinstance(cell, str):
                values.append(None)
                display.append(cell)
            else:
                values.append(cell)
                display.append("")
        return cls(name, values, display if any(display) else None)

    def cell(self, index: int) -> str:
        if self.display and self.display[index]:
            return _text(self.display[index])
        return format_value(self.values[index])


@dataclass
class ChartSpec:
    """A chart: `id` is a lowercase HTML id fragment, unique on the page ("cov-provinces")."""

    id: str
    title: str
    kind: Kind
    labels: list[str]
    series: list[Series] = field(default_factory=list)
    unit: str = ""
    label_heading: str = ""  # heading of the label column in the data table

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown chart kind {self.kind!r}; use one of {KINDS}.")
        if not _ID.match(self.id):
            raise ValueError(f"Chart id {self.id!r} must match {_ID.pattern}.")
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(
                    f"Series {series.name!r} has {len(series.values)} values "
                    f"for {len(self.labels)} labels."
                )
            if series.display is not None and len(series.display) != len(self.labels):
                raise ValueError(f"Series {series.name!r}: display and values differ in length.")

    # -- what the include template reads -------------------------------------------------

    @property
    def data_id(self) -> str:
        """The id of the <script type="application/json"> holding the Chart.js config."""
        return f"chart-data-{self.id}"

    @property
    def canvas_id(self) -> str:
        return f"chart-{self.id}"

    @property
    def is_empty(self) -> bool:
        """Nothing to draw or tabulate; a chart whose values are all hidden ("<5") is not
        empty: its table still says so."""
        return not self.labels or all(
            v is None and not (s.display and s.display[i])
            for s in self.series
            for i, v in enumerate(s.values)
        )

    @property
    def description(self) -> str:
        """The accessible name of the picture; the numbers are in the table beside it."""
        kinds = {
            "bar": _("Bar chart"),
            "line": _("Line chart"),
            "stacked_bar": _("Stacked bar chart"),
        }
        return _("%(kind)s: %(title)s. The figures are in the table beside it.") % {
            "kind": kinds[self.kind],
            "title": _text(self.title),
        }

    @property
    def value_heading_suffix(self) -> str:
        return f" ({_text(self.unit)})" if self.unit else ""

    def table_rows(self) -> list[tuple[str, list[str]]]:
        """(label, [one formatted cell per series]) for each label."""
        return [
            (_text(label), [s.cell(i) for s in self.series]) for i, label in enumerate(self.labels)
        ]

    def colour(self, index: int) -> str:
        return self.series[index].colour or PALETTE[index % len(PALETTE)]

    def chartjs_config(self) -> dict:
        """The Chart.js 4 configuration as JSON-able data (no functions: the CSP forbids eval)."""
        stacked = self.kind == "stacked_bar"
        datasets = []
        for index, series in enumerate(self.series):
            colour = self.colour(index)
            dataset = {
                "label": _text(series.name),
                "data": list(series.values),
                "backgroundColor": colour,
                "borderColor": colour,
            }
            if self.kind == "line":
                dataset.update(spanGaps=False, fill=False, tension=0, pointRadius=3)
            datasets.append(dataset)
        value_axis: dict = {"beginAtZero": True, "stacked": stacked}
        if all(isinstance(v, int) for s in self.series for v in s.values if v is not None):
            value_axis["ticks"] = {"precision": 0}  # counts: no 0.5 ticks
        if self.unit:
            value_axis["title"] = {"display": True, "text": _text(self.unit)}
        return {
            "type": "line" if self.kind == "line" else "bar",
            "data": {"labels": [_text(label) for label in self.labels], "datasets": datasets},
            "options": {
                "responsive": True,
                "maintainAspectRatio": True,
                "aspectRatio": 2,
                "scales": {"x": {"stacked": stacked}, "y": value_axis},
                "plugins": {
                    "legend": {"display": len(self.series) > 1, "position": "bottom"},
                    "title": {"display": False},
                },
            },
        }

    def svg_data_uri(self) -> str:
        """The chart drawn server-side, for PDFs (see svg.py; imports matplotlib lazily)."""
        from .svg import svg_data_uri

        return svg_data_uri(self)
