"""Chart specifications: the Chart.js config, the data table and the include template."""

import json

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

from livc.monitoring.charts import MUTED, PALETTE, ChartSpec, Series, format_value


def spec(kind="bar", **kwargs):
    return ChartSpec(
        id="signals",
        title="Signals per quarter",
        kind=kind,
        labels=["Q1", "Q2", "Q3"],
        series=[Series.from_cells("Signals", [12, "<5", 30]), Series("Cases", [3, None, 9])],
        **kwargs,
    )


def test_from_cells_turns_strings_into_gaps_with_their_display():
    series = Series.from_cells("Signals", [12, "<5", None, 2.5])
    assert series.values == [12, None, None, 2.5]
    assert series.display == ["", "<5", "", ""]
    assert Series.from_cells("Plain", [1, 2]).display is None


@pytest.mark.parametrize(
    ("kind", "chart_type", "stacked"),
    [("bar", "bar", False), ("line", "line", False), ("stacked_bar", "bar", True)],
)
def test_chartjs_config(kind, chart_type, stacked):
    config = spec(kind).chartjs_config()
    assert json.loads(json.dumps(config)) == config  # plain JSON: no functions, no lazies
    assert config["type"] == chart_type
    assert config["data"]["labels"] == ["Q1", "Q2", "Q3"]
    signals, cases = config["data"]["datasets"]
    assert signals["label"] == "Signals" and signals["data"] == [12, None, 30]
    assert cases["data"] == [3, None, 9]
    assert signals["backgroundColor"] == PALETTE[0] != cases["backgroundColor"]
    scales = config["options"]["scales"]
    assert scales["x"]["stacked"] is scales["y"]["stacked"] is stacked
    assert scales["y"]["ticks"] == {"precision": 0}  # counts only
    assert config["options"]["plugins"]["legend"]["display"] is True
    if kind == "line":
        assert signals["spanGaps"] is False  # a gap stays a gap, never a line across it


def test_unit_and_fractions():
    chart = ChartSpec("share", "Screened in time", "line", ["H1"], [Series("Share", [87.5])], "%")
    config = chart.chartjs_config()
    assert config["options"]["scales"]["y"]["title"] == {"display": True, "text": "%"}
    assert "ticks" not in config["options"]["scales"]["y"]
    assert config["options"]["plugins"]["legend"]["display"] is False  # one series


def test_lazy_translations_are_evaluated():
    chart = ChartSpec("lazy", gettext_lazy("Cases"), "bar", [gettext_lazy("closed")],
                      [Series(gettext_lazy("Cases"), [1])])  # fmt: skip
    with translation.override("nl"):
        config = json.loads(json.dumps(chart.chartjs_config()))
        expected = str(gettext_lazy("closed"))  # in the language of the request
    assert config["data"]["labels"] == [expected]


def test_table_rows_show_suppression_and_gaps():
    assert spec().table_rows() == [("Q1", ["12", "3"]), ("Q2", ["<5", "–"]), ("Q3", ["30", "9"])]


def test_values_follow_the_locale():
    with translation.override("nl"):
        assert format_value(12.5) == "12,5"
        assert format_value(1234) in ("1234", "1.234")
        assert format_value(3.0) == "3"
    with translation.override("en"):
        assert format_value(12.5) == "12.5"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "pie"},
        {"id": "Bad id"},
        {"id": "x" * 70},
        {"series": [Series("Short", [1])]},
        {"series": [Series("Odd", [1, 2, 3], display=["<5"])]},
    ],
)
def test_invalid_specs_are_refused(kwargs):
    base = {"id": "ok", "title": "T", "kind": "bar", "labels": ["a", "b", "c"], "series": []}
    with pytest.raises(ValueError):
        ChartSpec(**{**base, **kwargs})


def test_empty():
    assert ChartSpec("e", "T", "bar", [], []).is_empty
    assert ChartSpec("e", "T", "bar", ["a"], [Series("s", [None])]).is_empty
    assert not spec().is_empty


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", [*PALETTE, MUTED])
def test_palette_contrasts_with_white(colour):
    assert 1.05 / (_luminance(colour) + 0.05) >= 4.5


def test_include_renders_canvas_json_and_accessible_table():
    html = render_to_string(
        "monitoring/includes/chart.html", {"chart": spec(label_heading="Quarter")}
    )
    assert "<figure" in html and "<figcaption" in html and "Signals per quarter" in html
    assert '<canvas id="chart-signals" role="img"' in html
    assert (
        'aria-label="Bar chart: Signals per quarter. The figures are in the table beside it."'
        in html
    )
    assert 'data-chart-source="chart-data-signals"' in html
    assert '<script id="chart-data-signals" type="application/json">' in html
    assert "<caption" in html and '<th scope="col">Quarter</th>' in html
    assert '<th scope="row">Q2</th>' in html
    assert "&lt;5" in html and "<5" not in html.replace("&lt;5", "")
    assert "<img" not in html


def test_include_escapes_script_breakouts_in_json():
    chart = ChartSpec("x", "T", "bar", ["</script><script>alert(1)</script>"], [Series("s", [1])])
    html = render_to_string("monitoring/includes/chart.html", {"chart": chart})
    assert "<script>alert" not in html
    assert "\\u003C/script\\u003E" in html


def test_include_for_pdf_embeds_the_svg():
    html = render_to_string("monitoring/includes/chart.html", {"chart": spec(), "pdf": True})
    assert '<img class="chart-image" src="data:image/svg+xml;base64,' in html
    assert "<canvas" not in html and "application/json" not in html
    assert "<table" in html


def test_include_empty_chart_says_so():
    html = render_to_string(
        "monitoring/includes/chart.html", {"chart": ChartSpec("e", "T", "bar", [], [])}
    )
    assert "No figures to show." in html and "<canvas" not in html


def test_series_colour_overrides_the_palette():
    chart = ChartSpec("c", "T", "bar", ["a"], [Series("s", [1]), Series("rest", [2], colour=MUTED)])
    first, rest = chart.chartjs_config()["data"]["datasets"]
    assert first["backgroundColor"] == PALETTE[0] and rest["backgroundColor"] == MUTED


def test_include_default_label_heading():
    html = render_to_string("monitoring/includes/chart.html", {"chart": spec()})
    assert '<th scope="col">Category</th>' in html
