"""One share, one rounding: 11 of 19 reads 57.9 % in the headline, the trend, the chart and
its table, the PDF's figure block and the CSV/XLSX rows (it read 57,8 % in the headline and
57,9 in the table); ties round half-up (1 of 8 → 12.5 %, 1 of 16 → 6.3 %)."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from livc.monitoring.indicators.base import Report, figure
from livc.monitoring.periods import Period
from livc.monitoring.reports.tabular import figure_rows
from livc.monitoring.views_dashboards import sections

A = 1
P = Period.half_year(2025, 1)


def screened(in_time: int, late: int):
    rows = [("in_time", "in time", {A: in_time}), ("late", "late", {A: late}),
            ("overdue", "overdue", {})]  # fmt: skip
    return figure("signals_screened_in_time", rows)


def report(fig) -> Report:
    return Report(P, (A,), {fig.code: fig}, today=P.end)


def block(fig):
    themes = sections([report(fig)])
    return next(b for _theme, blocks in themes for b in blocks if b.figure.code == fig.code)


@pytest.mark.parametrize(
    ("in_time", "late", "text", "number"),
    [(11, 8, "57.9", 57.9), (1, 7, "12.5", 12.5), (1, 15, "6.3", 6.3), (2, 1, "66.7", 66.7)],
)
def test_a_share_reads_the_same_everywhere(in_time, late, text, number):
    fig = screened(in_time, late)
    assert fig.display_value == f"{text} %"
    assert fig.chart_value == number
    chart = block(fig).chart
    assert chart.chartjs_config()["data"]["datasets"][0]["data"] == [number]
    assert chart.table_rows()[0][1] == [text]
    html = render_to_string("monitoring/includes/figure.html",
                            {"block": block(fig), "report": report(fig)})  # fmt: skip
    assert f"{text} %" in html and f"{float(text) - 0.1:.1f} %" not in html  # not cut off
    headline = next(r for r in figure_rows([report(fig)]) if r[2] == fig.code and not r[5])
    assert headline[4] == "percentage" and headline[7] == number


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_decimal_separator_follows_the_language(language):
    fig = screened(11, 8)
    with translation.override(language):
        assert fig.display_value == "57,9 %"
        assert block(fig).chart.table_rows()[0][1] == ["57,9"]
        headline = next(r for r in figure_rows([report(fig)]) if r[2] == fig.code and not r[5])
        assert headline[7] == 57.9  # machines read a dot decimal in every language


def test_medians_round_half_up_too():
    fig = figure("case_duration", total={A: 6}, value=146.25)
    assert fig.display_value == "146.3 days" and fig.chart_value == 146.3
    assert block(fig).chart.table_rows()[0][1] == ["146.3"]
