"""The half-yearly report as PDF: title page, commentary, each theme's figures with their
definitions, trend over the periods, and a chart per figure drawn server-side (svg.py)
with its data table. Rendered by WeasyPrint, no browser, no network."""

from django.template.loader import render_to_string
from django.utils import timezone

from livc.core.pdf import render_pdf

from ..indicators import Report
from ..sections import sections
from ..suppression import LEGEND

# Which commentary field follows which theme; the summary opens and the outlook closes.
THEME_COMMENTARY = {
    "signals": "signals_trend",
    "cases": "cases_trend",
    "followup": "cooperation",
}


class RenderedChart:
    """A ChartSpec whose SVG was drawn in advance (so progress can follow each chart);
    reads like the spec in `monitoring/includes/chart.html`."""

    def __init__(self, spec, uri: str):
        self._spec, self.svg_data_uri = spec, uri

    def __getattr__(self, name):
        return getattr(self._spec, name)


def report_html(report, reports: list[Report], progress=lambda p: None) -> str:
    themes = sections(reports)
    charts = [block for _theme, blocks in themes for block in blocks if not block.chart.is_empty]
    for n, block in enumerate(charts, 1):
        block.chart = RenderedChart(block.chart, block.chart.svg_data_uri())
        progress(n * 80 // max(1, len(charts)))
    return render_to_string(
        "monitoring/report_pdf.html",
        {
            "object": report,
            "report": reports[-1],
            "periods": [r.period for r in reports],
            "sections": [
                (theme, blocks, getattr(report, THEME_COMMENTARY.get(theme.code, ""), ""))
                for theme, blocks in themes
            ],
            "legend": LEGEND,
            "generated_at": timezone.localtime(),
        },
    )


def report_pdf(report, reports: list[Report], progress=lambda p: None) -> bytes:
    html = report_html(report, reports, progress)
    content = render_pdf(html)
    progress(100)
    return content
