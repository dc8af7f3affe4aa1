import datetime

import pytest

from livc.monitoring import periods
from livc.monitoring.forms import PeriodForm
from livc.monitoring.periods import Period, PeriodError

D = datetime.date


def test_calendar_units():
    assert Period.half_year(2026, 1) == Period(D(2026, 1, 1), D(2026, 6, 30), "half")
    assert Period.half_year(2026, 2) == Period(D(2026, 7, 1), D(2026, 12, 31), "half")
    assert Period.quarter(2024, 1).end == D(2024, 3, 31)
    assert Period.quarter(2024, 4) == Period(D(2024, 10, 1), D(2024, 12, 31), "quarter")
    assert Period.year(2025).days == 365 and Period.year(2024).days == 366
    assert Period.containing(D(2026, 6, 30)) == Period.half_year(2026, 1)
    assert Period.containing(D(2026, 7, 1), "quarter") == Period.quarter(2026, 3)
    with pytest.raises(PeriodError):
        Period.half_year(2026, 3)
    with pytest.raises(PeriodError):
        Period(D(2026, 2, 1), D(2026, 1, 1))


@pytest.mark.parametrize(
    ("code", "period"),
    [
        ("2026-H1", Period.half_year(2026, 1)),
        ("2025-Q4", Period.quarter(2025, 4)),
        ("2024", Period.year(2024)),
        ("2025-02-03..2025-03-04", Period(D(2025, 2, 3), D(2025, 3, 4))),
    ],
)
def test_codes_round_trip(code, period):
    assert periods.parse(code) == period
    assert period.code == code
    assert periods.parse(f"  {code} ") == period


@pytest.mark.parametrize(
    "code", ["2026-H3", "2026-Q5", "26", "H1-2026", "2025-02-30..2025-03-01", "1999",
             "2025-03-01..2025-02-01", "2020-01-01..2026-01-01", "", "<script>"],
)  # fmt: skip
def test_bad_codes_say_why(code):
    with pytest.raises(PeriodError) as error:
        periods.parse(code)
    assert str(error.value)


def test_previous_periods_for_trends():
    h1 = Period.half_year(2026, 1)
    assert h1.previous(3) == [
        Period.half_year(2024, 2),
        Period.half_year(2025, 1),
        Period.half_year(2025, 2),
    ]
    assert h1.series(2) == [Period.half_year(2025, 2), h1]
    assert Period.quarter(2026, 1).shifted(-1) == Period.quarter(2025, 4)
    assert Period.year(2026).shifted(-2) == Period.year(2024)
    custom = Period(D(2026, 1, 11), D(2026, 1, 20))
    assert custom.shifted(-1) == Period(D(2026, 1, 1), D(2026, 1, 10))


def test_labels():
    assert Period.half_year(2026, 1).label == "H1 2026"
    assert Period.quarter(2026, 3).label == "Q3 2026"
    assert Period.year(2026).label == "2026"
    assert "2026" in Period(D(2026, 1, 11), D(2026, 1, 20)).label


def test_the_default_is_the_current_half_year():
    assert periods.current(D(2026, 11, 29)) == Period.half_year(2026, 2)
    form = PeriodForm({}, today=D(2026, 11, 29))
    assert form.is_valid() and form.selected_period == Period.half_year(2026, 2)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"period": "2026-H9"}, "period"),
        ({"start": "2026-01-01"}, "end"),
        ({"end": "2026-01-01"}, "start"),
        ({"start": "2026-02-01", "end": "2026-01-01"}, "end"),
        ({"start": "yesterday", "end": "2026-01-01"}, "start"),
        ({"start": "1990-01-01", "end": "1990-02-01"}, "end"),
    ],
)
def test_form_errors_land_on_the_field(data, field):
    form = PeriodForm(data, today=D(2026, 11, 29))
    assert not form.is_valid()
    assert field in form.errors


def test_a_range_wins_over_the_period():
    form = PeriodForm(
        {"period": "2026-H1", "start": "2026-03-01", "end": "2026-03-31"}, today=D(2026, 11, 29)
    )
    assert form.is_valid()
    assert form.selected_period == Period(D(2026, 3, 1), D(2026, 3, 31))
