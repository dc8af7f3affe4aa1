"""Charts drawn on the server, for PDFs rendered without a browser (WeasyPrint).

matplotlib is imported on first use only: it costs a few hundred milliseconds that web
pages without a PDF should never pay. We use the object-oriented API (`Figure` with the
SVG canvas), never pyplot, so there is no global figure state shared between threads and
no GUI backend to select. Text stays text in the SVG (`svg.fonttype = "none"`), so the
PDF's titles and labels are selectable and searchable; the font is DejaVu Sans, which the
system provides (no network, no font download).
"""

import base64
import io
import math
import re
import threading

from .charts import ChartSpec, _text

WIDTH_IN = 6.8  # fits an A4 page with 2 cm margins
HEIGHT_IN = 3.2
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "livc",  # stable ids: the same chart gives the same bytes
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
}
# rc_context swaps the process-wide rcParams: serialise renders within a process.
_LOCK = threading.Lock()
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)


def render_svg(spec: ChartSpec, *, width_in: float = WIDTH_IN, height_in: float = HEIGHT_IN) -> str:
    """The chart as standalone SVG markup (no XML prologue), ready to inline or encode.

    Gaps (None) are not drawn; in bar charts the series' display override (e.g. "<5") is
    written where the bar would stand, so the PDF never shows a suppressed count as zero.
    """
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with _LOCK, matplotlib.rc_context(_RC):
        figure = Figure(figsize=(width_in, height_in), layout="constrained")
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        _draw(figure, axes, spec)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _PROLOGUE.sub("", buffer.getvalue(), count=1)


def svg_data_uri(spec: ChartSpec, **size) -> str:
    """The chart as a `data:` URI: the only kind of URL the PDF renderer may fetch."""
    encoded = base64.b64encode(render_svg(spec, **size).encode()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def _draw(figure, axes, spec: ChartSpec) -> None:
    labels = [_text(label) for label in spec.labels]
    positions = list(range(len(labels)))
    axes.set_title(_text(spec.title))
    if spec.unit:
        axes.set_ylabel(_text(spec.unit))
    if spec.is_empty:
        axes.text(0.5, 0.5, _text(_no_data()), ha="center", va="center", transform=axes.transAxes)
    if spec.kind == "line":
        for index, series in enumerate(spec.series):
            values = [math.nan if v is None else v for v in series.values]
            axes.plot(
                positions,
                values,
                marker="o",
                markersize=3,
                color=spec.colour(index),
                label=_text(series.name),
            )
    elif spec.kind == "stacked_bar":
        bottoms = [0.0] * len(labels)
        for index, series in enumerate(spec.series):
            heights = [0 if v is None else v for v in series.values]
            axes.bar(
                positions,
                heights,
                bottom=bottoms,
                color=spec.colour(index),
                label=_text(series.name),
            )
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    else:
        _grouped_bars(axes, spec, positions)
    if len(labels) > 6:  # long lists of names: slanted so they do not overlap
        axes.set_xticks(positions, labels, rotation=30, ha="right", rotation_mode="anchor")
    else:
        axes.set_xticks(positions, labels)
    shown = [v for s in spec.series for v in s.values if v is not None]
    # Everything hidden or zero: a 0–5 axis rather than matplotlib's hairline default.
    axes.set_ylim(bottom=0, top=None if any(shown) else 5)
    if all(isinstance(v, int) for s in spec.series for v in s.values if v is not None):
        from matplotlib.ticker import MaxNLocator

        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    if len(spec.series) > 1:
        figure.legend(loc="outside lower center", ncols=min(4, len(spec.series)), frameon=False)
    axes.grid(axis="y", linewidth=0.4, color="#cccccc")
    axes.set_axisbelow(True)


def _grouped_bars(axes, spec: ChartSpec, positions: list[int]) -> None:
    count = max(1, len(spec.series))
    width = 0.8 / count
    for index, series in enumerate(spec.series):
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        heights = [0 if v is None else v for v in series.values]
        axes.bar(offsets, heights, width, color=spec.colour(index), label=_text(series.name))
        for offset, value, position in zip(offsets, series.values, positions, strict=True):
            if value is None:
                axes.annotate(
                    series.cell(position),
                    (offset, 0),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=7,
                )


def _no_data() -> str:
    from django.utils.translation import gettext

    return gettext("No figures to show.")
