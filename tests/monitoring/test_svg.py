"""Server-side charts (matplotlib → SVG) and their text surviving into a WeasyPrint PDF."""

import io
import subprocess
import sys
import time

import pytest
from pypdf import PdfReader

from livc.core.pdf import render_pdf
from livc.monitoring.charts import ChartSpec, Series
from livc.monitoring.svg import render_svg, svg_data_uri

PROVINCES = ["Antwerpen", "Limburg", "Oost-Vlaanderen"]


def spec(kind="bar"):
    return ChartSpec(
        id="svg",
        title="Signals per province",
        kind=kind,
        labels=PROVINCES,
        series=[Series.from_cells("Signals", [12, "<5", 30]), Series("Cases", [3, None, 9])],
    )


@pytest.mark.parametrize("kind", ["bar", "line", "stacked_bar"])
def test_each_kind_renders_with_text_as_text(kind):
    svg = render_svg(spec(kind))
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    # svg.fonttype = "none": words stay <text>, not glyph paths.
    for word in ["Signals per province", *PROVINCES, "Signals", "Cases"]:
        assert f">{word}</text>" in svg, word
    assert "DejaVu Sans" in svg


def test_suppressed_bars_are_labelled_not_drawn_as_zero():
    svg = render_svg(spec("bar"))
    assert ">&lt;5</text>" in svg  # the display override of the suppressed signal count
    assert ">–</text>" in svg  # a gap without override


def test_rendering_is_deterministic():
    assert render_svg(spec()) == render_svg(spec())


def test_empty_chart_says_so():
    assert ">No figures to show.</text>" in render_svg(ChartSpec("e", "Nothing", "bar", [], []))


def test_fractions_and_unit():
    chart = ChartSpec(
        "f", "Screened in time", "line", ["H1", "H2"], [Series("s", [80.5, 92.0])], "%"
    )
    assert ">%</text>" in render_svg(chart)


def test_pdf_with_chart_keeps_its_text():
    html = (
        "<html><body><h1>Half-yearly report</h1>"
        f'<img src="{svg_data_uri(spec())}" alt="Signals per province" style="width: 100%">'
        f'<img src="{spec("line").svg_data_uri()}" alt="trend" style="width: 100%">'
        "</body></html>"
    )
    pdf = render_pdf(html)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for word in ["Half-yearly report", "Signals per province", *PROVINCES, "Cases", "<5"]:
        assert word in text, word


def test_cost_per_chart():
    render_svg(spec())  # first use: import and font cache
    start = time.perf_counter()
    for kind in ("bar", "line", "stacked_bar"):
        render_svg(spec(kind))
    per_chart_ms = (time.perf_counter() - start) / 3 * 1000
    print(f"\nsvg: {per_chart_ms:.0f} ms per chart")
    assert per_chart_ms < 2000  # a generous ceiling on a shared machine; typical is ~70 ms


def test_matplotlib_is_imported_lazily():
    code = (
        "import sys, time, django, os;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'livc.config.settings');"
        "django.setup();"
        "import livc.monitoring.charts, livc.monitoring.svg;"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported eagerly';"
        "t = time.perf_counter(); import matplotlib.figure, matplotlib.backends.backend_svg;"
        "print(round((time.perf_counter() - t) * 1000))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    print(f"\nmatplotlib import: {result.stdout.strip()} ms")
