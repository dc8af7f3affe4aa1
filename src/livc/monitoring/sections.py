"""Figures grouped for display, shared by the dashboards and the half-yearly reports:
`sections(reports)` groups the figures of a series of reports (oldest first, the last one
being the period shown) by theme into `Block`s, and `figure_chart(history, labels)` gives
the `ChartSpec` of one indicator over the periods (suppressed values are gaps shown as
"<5"). Kept out of the view module so reports and commands need not import views.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .charts import ChartSpec, Series
from .definitions import THEMES, Theme, Unit
from .indicators import Figure, Report
from .indicators.base import marker, number

TREND_PERIODS = 4


@dataclass
class Block:
    """One indicator on the page: this period's figure, its history and its chart."""

    figure: Figure
    history: list[Figure]
    periods: list
    chart: ChartSpec

    @property
    def anchor(self) -> str:
        return self.figure.code.replace("_", "-")

    @property
    def trend(self) -> list[tuple]:
        """(period, figure) for each period, oldest first."""
        return list(zip(self.periods, self.history, strict=True))

    @property
    def has_hidden(self) -> bool:
        return any(f.total_hidden or any(r.hidden for r in f.breakdown) for f in self.history)

    @property
    def table(self) -> list[tuple[str, list[str]]]:
        """The counts behind the figure, per period: (label, one cell per period)."""
        if self.figure.unit == Unit.DAYS:
            return [(_("number of cases"), [f.display_total for f in self.history])]
        rows = []
        for key, label in _row_keys(self.history).items():
            cells = []
            for figure in self.history:
                count, hidden = _count(figure, key)
                cells.append(marker() if hidden else number(count or 0))
            rows.append((label, cells))
        return [*rows, (_("total"), [f.display_total for f in self.history])]


def _row_keys(history: list[Figure]) -> dict[str, str]:
    """Every breakdown key of the periods, in order, with its label (an "unknown" row may
    appear in some periods only)."""
    keys: dict[str, str] = {}
    for figure in history:
        for row in figure.breakdown:
            keys.setdefault(row.key, row.label)
    return keys


def _period_series(reports_figures: list[Figure], labels: list[str], keys: list[str], pick):
    """One series per period (values aligned with `keys`): a trend per category."""
    series = []
    for figure, label in zip(reports_figures, labels, strict=True):
        values, display = [], []
        for key in keys:
            value, hidden = pick(figure, key)
            values.append(None if hidden else value)
            display.append(marker() if hidden else "")
        series.append(Series(label, values, display if any(display) else None))
    return series


def _count(figure: Figure, key: str):
    if key == TOTAL_KEY:
        return figure.total, figure.total_hidden
    for row in figure.breakdown:
        if row.key == key:
            return row.count, row.hidden
    return 0, False


TOTAL_KEY = "__total__"


def figure_chart(history: list[Figure], labels: list[str]) -> ChartSpec:
    """Shares and medians: a line over the periods. Counts: bars per category (rows with
    nothing in any period left out), one bar per period, so the table beside the chart has
    a row per category and a column per period."""
    figure = history[-1]
    chart_id = figure.code.replace("_", "-")
    title = _("%(title)s, per period") % {"title": figure.title}
    if figure.unit in (Unit.SHARE, Unit.DAYS):
        unit = "%" if figure.unit == Unit.SHARE else _("days")
        values = [None if f.hidden else f.chart_value for f in history]
        display = [marker() if f.hidden else "" for f in history]
        series = Series(str(figure.title), values, display if any(display) else None)
        return ChartSpec(chart_id, title, "line", labels, [series], unit=unit,
                         label_heading=_("Period"))  # fmt: skip
    names = {}
    if not figure.definition.additive or not figure.breakdown:
        names[TOTAL_KEY] = _("total")
    for key, label in _row_keys(history).items():
        if any(_count(f, key) != (0, False) for f in history):  # rows empty throughout left out
            names[key] = label
    keys = list(names)
    series = _period_series(history, labels, keys, _count)
    return ChartSpec(chart_id, title, "bar", [names[k] for k in keys], series,
                     label_heading=str(figure.definition.dimension or _("Category")))  # fmt: skip


def sections(reports: list[Report]) -> list[tuple[Theme, list[Block]]]:
    """The indicators by theme; `reports` oldest first, the last one the period shown."""
    labels = [str(r.period.label) for r in reports]
    periods = [r.period for r in reports]
    result = []
    for theme in THEMES:
        blocks = []
        for code, figure in reports[-1].figures.items():
            if figure.definition.theme != theme.code:
                continue
            history = [r[code] for r in reports]
            blocks.append(Block(figure, history, periods, figure_chart(history, labels)))
        result.append((theme, blocks))
    return result
