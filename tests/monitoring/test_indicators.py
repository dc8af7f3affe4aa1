"""Each indicator on a hand-built dataset with known answers (tests/monitoring/dataset.py
explains every row), live rows and tombstones together; a period spanning a real purge;
a bounded number of queries whatever the amount of data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from livc.monitoring import indicators
from livc.monitoring.definitions import DEFINITIONS
from livc.monitoring.periods import Period
from livc.retention import purge
from livc.retention.models import Tombstone

from . import dataset
from .dataset import BEFORE, TODAY, D, P

pytestmark = pytest.mark.django_db

# code: (total, value, {row key: count}); rows not listed are 0.
EXPECTED_P = {
    "signals_by_source": (6, 6, {"caw": 1, "police": 1, "clb": 1, "citizen": 2, "consultation": 1}),
    "signals_by_phenomenon": (6, 6, {"jihadist": 2, "right_wing": 2, "polarisation": 1, "": 1}),
    "signals_by_level": (6, 6, {"primary": 3, "secondary": 3}),
    "signals_screened_in_time": (6, 0.5, {"in_time": 3, "late": 2, "overdue": 1}),
    "signals_to_case": (5, 0.2, {"case_opened": 1, "advised": 2, "referred_to_regular_care": 1,
                                 "withdrawn": 1}),
    "consultations": (2, 2, {"caw": 1, "police": 1}),
    "cases_opened": (6, 6, {"jihadist": 2, "right_wing": 1, "left_wing": 1, "polarisation": 1,
                            "mixed": 1}),
    "cases_opened_by_level": (6, 6, {"primary": 4, "secondary": 1, "tertiary": 1}),
    "cases_active_at_end": (4, 4, {"preparation": 1, "active": 1, "on_hold": 1, "aftercare": 1}),
    "cases_closed_by_reason": (5, 5, {"goals_reached": 1, "refused": 1, "deceased": 1,
                                      "regular_care": 1, "moved": 1}),
    "cases_closed_by_outcome": (5, 5, {"improved": 1, "unknown": 2, "stable": 2}),
    "days_signal_to_conference": (4, 71.5, {}),  # 35, 56 (purged), 87, 124
    "case_duration": (5, 146.0, {}),  # 46, 51, 146, 226, 272 (purged)
    "resignal_within_year": (3, 2 / 3, {"same_cell": 1, "other_cell": 1, "none": 1}),
    "conferences_held": (2, 2, {"caw": 2, "police": 1, "prevention": 1, "ocmw": 1}),
    "participation_invited": (6, 6, {"caw": 3, "police": 1, "clb": 2}),
    "participation_declined": (3, 3, {"police": 1, "clb": 2}),
    "actions_on_time": (3, 1 / 3, {"on_time": 1, "late": 1, "overdue": 1}),
    "checkins_on_time": (3, 1 / 3, {"on_time": 1, "late": 1, "missed": 1}),
}  # fmt: skip

EXPECTED_BEFORE = {
    "signals_by_source": (2, 2, {"caw": 2}),  # one live, one purged (it opened tc1)
    "signals_screened_in_time": (2, 0.5, {"in_time": 1, "overdue": 1}),
    "cases_opened": (2, 2, {"right_wing": 1, "other": 1}),
    "cases_active_at_end": (3, 3, {"active": 3}),  # c2, c8 and purged tc2
    "days_signal_to_conference": (1, 35.0, {}),  # c2: opened 2024-11-05, held 2024-12-10
    "conferences_held": (1, 1, {}),
    "participation_invited": (1, 1, {"caw": 1}),
    "case_duration": (0, None, {}),
    "actions_on_time": (0, None, {}),
}


@pytest.fixture
def data():
    return dataset.build()


def check(figure, expected):
    total, value, rows = expected
    assert figure.total == total, figure.code
    if isinstance(value, float):
        assert figure.value == pytest.approx(value), figure.code
    else:
        assert figure.value == value, figure.code
    counts = {row.key: row.count for row in figure.breakdown}
    assert {key: n for key, n in counts.items() if n} == rows, figure.code
    if figure.definition.additive and figure.breakdown:
        assert sum(counts.values()) == figure.total, figure.code


def test_every_indicator_of_the_period(data):
    report = indicators.compute(cell_ids=[data.cell.pk], period=P, today=TODAY)
    assert set(report.figures) == set(DEFINITIONS) == set(EXPECTED_P)
    for code, expected in EXPECTED_P.items():
        check(report[code], expected)
    assert report["resignal_within_year"].numerator == 2
    assert report["resignal_within_year"].denominator == 3


def test_the_period_before_in_the_same_pass(data):
    before, now = indicators.compute_series(
        cell_ids=[data.cell.pk], periods=[BEFORE, P], today=TODAY
    )
    assert (before.period, now.period) == (BEFORE, P)
    for code, expected in EXPECTED_BEFORE.items():
        check(before[code], expected)
    check(now["signals_by_source"], EXPECTED_P["signals_by_source"])


def test_per_cell_parts_and_two_cells_together(data):
    both = indicators.compute(cell_ids=[data.cell.pk, data.other.pk], period=P, today=TODAY)
    signals = both["signals_by_source"]
    # Cell B: one police signal and one re-signal of c8's person (CAW) in P.
    assert signals.total == 8
    assert signals.total_parts == {data.cell.pk: 6, data.other.pk: 2}
    assert signals.row("police").parts == {data.cell.pk: 1, data.other.pk: 1}
    assert both["conferences_held"].total == 3
    assert both["participation_declined"].row("clb").count == 3
    only_b = indicators.compute(cell_ids=[data.other.pk], period=P, today=TODAY)
    assert only_b["cases_opened"].total == 1 and only_b["actions_on_time"].total == 1


def test_trend_gives_the_headline_per_period(data):
    values = indicators.trend(cell_ids=[data.cell.pk], periods=[BEFORE, P], today=TODAY)
    assert values["signals_by_source"] == [2, 6]
    assert values["case_duration"] == [None, 146.0]
    assert values["signals_to_case"] == [1.0, 0.2]


def test_a_cell_without_data_and_no_cell_at_all(data, django_assert_max_num_queries):
    empty = indicators.compute(cell_ids=[data.other.pk], period=BEFORE, today=TODAY)
    for figure in empty:
        assert not figure.has_data and figure.total == 0, figure.code
        assert figure.value in (0, None), figure.code
    with django_assert_max_num_queries(0):
        nothing = indicators.compute(cell_ids=[], period=P, today=TODAY)
    assert all(f.total == 0 for f in nothing)


def test_overlapping_periods_are_refused(data):
    with pytest.raises(ValueError):
        indicators.compute_series(
            cell_ids=[data.cell.pk], periods=[P, Period.quarter(2025, 2)], today=TODAY
        )


def test_open_at_the_end_of_a_period_not_over_is_today(data):
    """A period still running: cases open today, by their current phase."""
    running = Period.half_year(2026, 2)
    report = indicators.compute(cell_ids=[data.cell.pk], period=running, today=TODAY)
    check(report["cases_active_at_end"], (3, 3, {"active": 3}))  # c2, c5, c6


def queries(cell_ids, periods) -> int:
    with CaptureQueriesContext(connection) as captured:
        indicators.compute_series(cell_ids=cell_ids, periods=periods, today=TODAY)
    return len(captured)


def test_queries_do_not_grow_with_the_data(data):
    periods = P.series(4)
    before = queries([data.cell.pk, data.other.pk], periods)
    assert before <= 26
    dataset.build(serves=("11002", "44021"))  # twice the rows, two more cells
    assert queries([data.cell.pk, data.other.pk], periods) == before
    from livc.organisations.models import Cell

    assert queries(list(Cell.objects.values_list("pk", flat=True)), periods) == before


def test_a_period_spanning_a_purge_keeps_its_figures(data):
    """Purge every closed case and screened-out signal for real (the retention engine),
    then compute again: everything tombstones keep is unchanged."""
    report = indicators.compute_series(cell_ids=[data.cell.pk], periods=[BEFORE, P], today=TODAY)
    tombstones = Tombstone.objects.count()
    result = purge.purge_expired(today=D(2031, 1, 1), triggered_by="test")
    assert result.counts  # the closed cases and the screened-out signals went
    assert Tombstone.objects.count() > tombstones
    after = indicators.compute_series(cell_ids=[data.cell.pk], periods=[BEFORE, P], today=TODAY)
    # Documented as lost with the records: actions, check-ins, re-signals by index.
    lost = {"actions_on_time", "checkins_on_time", "resignal_within_year"}
    for old, new in zip(report, after, strict=True):
        for code in set(DEFINITIONS) - lost:
            assert new[code].total == old[code].total, (old.period, code)
            assert new[code].value == old[code].value, (old.period, code)
            assert [r.count for r in new[code].breakdown] == [
                r.count for r in old[code].breakdown
            ], (old.period, code)


def test_dates_on_the_boundaries(data):
    """The first and last day of a period belong to it (s4 arrives on 2025-06-30)."""
    last_day = Period(D(2025, 6, 30), D(2025, 6, 30))
    report = indicators.compute(cell_ids=[data.cell.pk], period=last_day, today=TODAY)
    assert report["signals_by_source"].row("consultation").count == 1
    day_after = Period(D(2025, 7, 1), D(2025, 7, 1))
    report = indicators.compute(cell_ids=[data.cell.pk], period=day_after, today=TODAY)
    assert report["signals_by_source"].row("school").count == 1
    assert report["signals_by_source"].total == 1


def test_a_recent_period_marks_the_resignal_figure_provisional(data):
    report = indicators.compute(cell_ids=[data.cell.pk], period=P, today=datetime.date(2026, 1, 10))
    assert "Provisional" in report["resignal_within_year"].note
    assert (
        indicators.compute(cell_ids=[data.cell.pk], period=P, today=TODAY)[
            "resignal_within_year"
        ].note
        == ""
    )
