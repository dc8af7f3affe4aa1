"""The number formatter: half-up rounding everywhere, the locale's decimal separator for
people, a dot for machines."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from livc.core import numbers


def test_eleven_of_nineteen_is_57_9_whichever_way_it_comes_in():
    assert numbers.ratio_percent(11, 19) == Decimal("57.9")
    assert numbers.share_percent(11 / 19) == Decimal("57.9")
    assert numbers.machine_percent(11, 19) == 57.9
    assert numbers.format_share(11 / 19) == "57.9 %"


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 8, "12.5"), (1, 16, "6.3"), (1, 40, "2.5"), (1, 80, "1.3"), (3, 8, "37.5"),
     (5, 16, "31.3"), (0, 7, "0.0"), (7, 7, "100.0"), (2, 3, "66.7"), (1, 3, "33.3")],
)  # fmt: skip
def test_ties_round_half_up(part, whole, expected):
    assert numbers.ratio_percent(part, whole) == Decimal(expected)
    assert numbers.share_percent(part / whole) == Decimal(expected)


def test_floats_round_as_written_not_as_stored():
    assert numbers.half_up(0.0625 * 100) == Decimal("6.3")  # round(6.25, 1) gives 6.2
    assert numbers.half_up(2.675, 2) == Decimal("2.68")  # stored as 2.67499999…
    assert numbers.machine_number(146.25) == 146.3
    assert numbers.machine_number(12) == 12 and numbers.machine_number(None) is None


def test_no_whole_is_no_percentage():
    assert numbers.ratio_percent(0, 0) is None and numbers.machine_percent(3, 0) is None


@pytest.mark.parametrize(
    ("language", "share", "days"),
    [("en", "57.9 %", "146.3"), ("nl", "57,9 %", "146,3"), ("fr", "57,9 %", "146,3")],
)
def test_people_read_their_own_decimal_separator(language, share, days):
    with translation.override(language):
        assert numbers.format_share(11 / 19) == share
        assert numbers.format_percent(numbers.ratio_percent(11, 19)) == share
        assert numbers.format_number(146.25) == days
        assert numbers.format_number(146.0) == "146"
        assert numbers.format_number(7) == "7"


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_every_ratio_is_the_exact_half_up_value(part, whole):
    exact = Fraction(part * 1000, whole)  # the percentage in tenths
    tenths = (exact + Fraction(1, 2)).__floor__()  # half-up on non-negative values
    assert numbers.ratio_percent(part, whole) == Decimal(tenths) / 10
    assert numbers.share_percent(part / whole) == Decimal(tenths) / 10
