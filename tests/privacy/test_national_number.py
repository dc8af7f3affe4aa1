"""Belgian national register (and BIS) number validation: the official rule as python-stdnum
implements it, plus birth-date plausibility, Unicode digits and the birth-date cross-check.

Numbers are built with the official check-digit rule (97 - body mod 97; "2" prefixed to the
body for people born from 2000) and, where stdnum has a verdict, checked against it, so each
fixture is what it claims to be.
"""

import calendar
import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from stdnum.be import bis, nn

from livc.cases.services import subject_indexes, subject_lookup_indexes
from livc.privacy.national_number import normalise_national_number, validate_national_number

# A fixed "today" for the tests that are about today's date; earlier than the clock, because
# stdnum only tries the post-2000 check digits up to the clock's year.
TODAY = datetime.date(2026, 6, 15)


def make(body: str, century: int = 1900) -> str:
    """`body` (YYMMDDSSS) with the check digits of the given century."""
    assert len(body) == 9 and body.isdigit()
    prefix = "2" if century == 2000 else ""
    return body + f"{97 - int(prefix + body) % 97:02d}"


def for_birth(birth: datetime.date, serial: str = "123", month_offset: int = 0) -> str:
    """The number of someone born on `birth` (month +20/+40 for a BIS number)."""
    body = f"{birth:%y}{birth.month + month_offset:02d}{birth:%d}{serial}"
    return make(body, 2000 if birth.year >= 2000 else 1900)


def stdnum_valid(number: str) -> bool:
    return nn.is_valid(number) or bis.is_valid(number)


def code_of(value, birth=None, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        validate_national_number(value, birth, **kwargs)
    return error.value.code


# Valid numbers, every class -----------------------------------------------------------------

VALID = [
    # (number, why) — born before 2000
    ("85073003328", "stdnum's own example, born 1985-07-30"),
    (for_birth(datetime.date(1950, 2, 28), "998"), "born 1950-02-28"),
    (for_birth(datetime.date(1996, 2, 29), "001"), "born on a leap day, 1996"),
    (for_birth(datetime.date(1900, 1, 1), "017"), "born 1900-01-01"),
    # born from 2000 (the "2"-prefixed check digits)
    ("17073003384", "stdnum's own example, born 2017-07-30"),
    (for_birth(datetime.date(2001, 2, 3), "001"), "born 2001-02-03"),
    (for_birth(datetime.date(2000, 2, 29), "002"), "born on a leap day, 2000"),
    (for_birth(datetime.date(2024, 12, 31), "457"), "born 2024-12-31"),
    # BIS numbers: month +20 (sex unknown) and +40 (sex known)
    (for_birth(datetime.date(1998, 7, 28), "997", 20), "BIS +20, born 1998-07-28"),
    ("98472899765", "stdnum's BIS example, +40, born 1998-07-28"),
    ("01490700185", "stdnum's BIS example, +40, born 2001-09-07"),
    (for_birth(datetime.date(2012, 12, 1), "100", 20), "BIS +20, born 2012-12-01"),
    # unknown day (00) and unknown month (00)
    (make("850700033"), "day unknown, 1985-07"),
    (make("170700033", 2000), "day unknown, 2017-07"),
    (make("850000033"), "month and day unknown, 1985"),
    (make("850003033"), "month unknown (counter exhausted: sixth digit raised), 1985"),
    (make("852000033"), "BIS, month and day unknown, 1985"),
    (make("054000012", 2000), "BIS +40, month and day unknown, 2005"),
    (make("000001001"), "no part of the birth date known (fictitious 1900-00-01)"),
    (make("000001001", 2000), "no part of the birth date known (fictitious 2000-00-01)"),
]


@pytest.mark.parametrize(("number", "why"), VALID, ids=[why for _n, why in VALID])
def test_valid_numbers_of_every_class_are_accepted(number, why):
    assert stdnum_valid(number), "fixture is not valid for stdnum"
    assert validate_national_number(number) == number
    assert validate_national_number(number, today=TODAY) == number


def test_separators_are_stripped():
    expected = "85073003328"
    for value in (
        "85.07.30-033.28",
        "85 07 30 033 28",
        " 85073003328 ",
        "85.07.30–033\u00a028",  # en dash, no-break space
        "85\u200907\u202f30\u2011033.28",  # thin space, narrow no-break space, non-breaking hyphen
    ):
        assert validate_national_number(value) == expected, value


# Unicode digits ------------------------------------------------------------------------------

ASCII = "85073003328"
UNICODE_FORMS = {
    "arabic-indic": "٨٥٠٧٣٠٠٣٣٢٨",
    "extended arabic-indic": "۸۵.۰۷.۳۰-۰۳۳.۲۸",
    "full-width": "８５．０７．３０－０３３．２８",
    "devanagari": "८५०७३००३३२८",
    "mixed": "85.٠٧.30-０３３.28",
}


@pytest.mark.parametrize("form", UNICODE_FORMS)
def test_unicode_digits_are_accepted_and_normalised_to_ascii(form):
    value = UNICODE_FORMS[form]
    assert normalise_national_number(value) == ASCII
    assert validate_national_number(value) == ASCII
    assert validate_national_number(value, datetime.date(1985, 7, 30)) == ASCII


@pytest.mark.parametrize("form", UNICODE_FORMS)
def test_unicode_digits_give_the_same_blind_index_as_ascii(form):
    value = UNICODE_FORMS[form]
    birth = datetime.date(1985, 7, 30)
    # Stored index (intake) and lookup indexes (re-signal check, subject access search) are
    # computed from the same normalised digits, however the number was typed.
    assert subject_indexes("Jan", "Peeters", birth, value) == subject_indexes(
        "Jan", "Peeters", birth, ASCII
    )
    assert (
        subject_lookup_indexes("Jan", "Peeters", birth, value)[1]
        == (subject_lookup_indexes("Jan", "Peeters", birth, ASCII)[1])
    )
    assert subject_indexes("Jan", "Peeters", birth, "85.07.30-033.28") == subject_indexes(
        "Jan", "Peeters", birth, ASCII
    )


def test_digits_that_are_not_decimal_digits_are_refused():
    assert code_of("85073003328²") == "format"  # superscript two: a digit, not a decimal digit
    assert code_of("8507300332²") == "format"
    assert code_of("85O73003328") == "format"  # letter O
    assert code_of("00000000000") == "format"


# Refused: checksum ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "85073003329",
        "85073003327",
        "17073003385",  # 2017 number, last digit off
        make("010203001", 2000)[:9] + "00",  # born 2001, check digits 00
        "12345678901",
    ],
)
def test_wrong_check_digits_are_refused(number):
    assert not stdnum_valid(number)
    assert code_of(number) == "checksum"


def test_format():
    assert code_of("8507300332") == "format"
    assert code_of("850730033280") == "format"
    assert code_of("85/07/30/033/28") == "format"


# Refused: birth date in the future ------------------------------------------------------------


def test_post_2000_rule_giving_a_future_year_is_refused():
    # The check digits only fit the post-2000 rule: born 2079.
    assert code_of("79021078040") == "future"
    assert code_of(for_birth(datetime.date(2079, 2, 10), "780")) == "future"
    assert code_of(make("990101001", 2000)) == "future"  # would be 2099
    assert code_of(for_birth(datetime.date(2070, 1, 1), "001", 40)) == "future"  # BIS
    assert code_of(make("600000001", 2000)) == "future"  # year only, 2060
    # and the same body with the pre-2000 check digits is an ordinary 1979 number
    assert validate_national_number(make("790210780")) == make("790210780")


def test_birth_dates_after_today_are_refused():
    assert stdnum_valid(for_birth(datetime.date(2026, 6, 16)))  # stdnum: the clock's year
    assert code_of(for_birth(datetime.date(2026, 6, 16)), today=TODAY) == "future"
    assert code_of(for_birth(datetime.date(2026, 7, 1), "001", 20), today=TODAY) == "future"
    assert code_of(make("260700001", 2000), today=TODAY) == "future"  # 2026-07, day unknown
    for number in (
        for_birth(TODAY),
        for_birth(datetime.date(2026, 6, 14)),
        make("260600001", 2000),  # 2026-06, day unknown
        make("260000001", 2000),  # 2026, month unknown
    ):
        assert validate_national_number(number, today=TODAY) == number


def test_a_birth_date_after_the_clock_is_refused_by_default():
    later = datetime.date.today() + datetime.timedelta(days=2)
    assert code_of(for_birth(later)) == "future"


# Refused: impossible months and days -----------------------------------------------------------

IMPOSSIBLE_MONTHS = [*range(13, 20), *range(33, 40), *range(53, 100)]


@pytest.mark.parametrize("month", IMPOSSIBLE_MONTHS)
@pytest.mark.parametrize("century", [1900, 2000])
def test_impossible_months_are_refused(month, century):
    number = make(f"05{month:02d}10001", century)
    assert not stdnum_valid(number)
    assert code_of(number) == "month"


@pytest.mark.parametrize("day", range(32, 100))
@pytest.mark.parametrize("month", [1, 7, 27, 52, 0, 20])
def test_impossible_days_are_refused(day, month):
    for century in (1900, 2000):
        number = make(f"05{month:02d}{day:02d}001", century)
        assert code_of(number) == "day", number


@pytest.mark.parametrize(
    ("birth", "offset"),
    [
        ((1985, 2, 29), 0),  # not a leap year
        ((1900, 2, 29), 0),  # 1900 is not a leap year either
        ((2001, 2, 29), 0),
        ((2023, 2, 30), 20),
        ((1985, 4, 31), 0),
        ((2010, 11, 31), 40),
    ],
)
def test_days_that_do_not_exist_in_their_month_are_refused(birth, offset):
    year, month, day = birth
    body = f"{year % 100:02d}{month + offset:02d}{day:02d}001"
    number = make(body, 2000 if year >= 2000 else 1900)
    assert day > calendar.monthrange(year, month)[1]
    assert code_of(number) == "day"


# Birth-date cross-check -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "birth"),
    [
        ("85073003328", (1985, 7, 30)),
        ("17073003384", (2017, 7, 30)),
        ("98472899765", (1998, 7, 28)),  # BIS +40
        (for_birth(datetime.date(1998, 7, 28), "997", 20), (1998, 7, 28)),  # BIS +20
        ("01490700185", (2001, 9, 7)),
        (make("850700033"), (1985, 7, 12)),  # day unknown: any day of July 1985
        (make("850000033"), (1985, 3, 4)),  # month unknown: any day of 1985
        (make("852000033"), (1985, 11, 30)),  # BIS, month unknown
        (make("170000033", 2000), (2017, 1, 1)),
        (make("000001001"), (1963, 5, 5)),  # nothing known
    ],
)
def test_birth_date_cross_check_accepts_matching_known_parts(number, birth):
    assert validate_national_number(number, datetime.date(*birth)) == number


@pytest.mark.parametrize(
    ("number", "birth"),
    [
        ("85073003328", (1985, 7, 31)),
        ("85073003328", (1985, 8, 30)),
        ("85073003328", (1986, 7, 30)),
        ("85073003328", (2085, 7, 30)),
        ("17073003384", (1917, 7, 30)),  # century from the check digits: 2017
        # BIS numbers: the month is offset, the birth date still has to match
        ("98472899765", (1998, 7, 29)),
        ("98472899765", (1998, 8, 28)),
        ("98472899765", (1997, 7, 28)),
        ("01490700185", (1901, 9, 7)),  # 2001, not 1901
        (for_birth(datetime.date(1998, 7, 28), "997", 20), (1998, 9, 28)),
        # day unknown: year and month still compared
        (make("850700033"), (1985, 8, 12)),
        (make("850700033"), (1986, 7, 12)),
        (make("170700033", 2000), (1917, 7, 12)),
        # month unknown: the year is still compared, with its century
        (make("850000033"), (1986, 3, 4)),
        (make("850003033"), (1984, 1, 3)),
        (make("852000033"), (1986, 11, 30)),
        (make("170000033", 2000), (1917, 1, 1)),
        (make("054000012", 2000), (1905, 6, 1)),
    ],
)
def test_birth_date_cross_check_refuses_mismatches(number, birth):
    assert code_of(number, datetime.date(*birth)) == "birth_date"


# Realistic numbers -----------------------------------------------------------------------------


def test_faker_belgian_numbers_are_accepted_with_their_birth_date():
    from faker import Faker

    fake = Faker("nl_BE")
    fake.seed_instance(20_000)
    for _ in range(500):
        number = fake.ssn()
        yy, mm, dd = int(number[:2]), int(number[2:4]), int(number[4:6])
        year = (2000 if nn.get_birth_year(number) >= 2000 else 1900) + yy
        assert validate_national_number(number, datetime.date(year, mm, dd)) == number


# A large sample against stdnum -----------------------------------------------------------------


def _plausible(number: str, today: datetime.date) -> bool:
    """The rule added to stdnum's: no birth in the future, a real date when day and month are
    known, no day above 31 (stdnum reads an impossible day as an unknown one)."""
    day = int(number[4:6])
    if day > 31:
        return False
    year, month = nn.get_birth_year(number), nn.get_birth_month(number)
    if year is None:  # fictitious 1900/2000-00-01: nothing known
        return True
    if month is None:
        return year <= today.year
    if day:
        if day > calendar.monthrange(year, month)[1]:
            return False
        return datetime.date(year, month, day) <= today
    return (year, month) <= (today.year, today.month)


def _sample(rng: random.Random, count: int) -> list[str]:
    """Random numbers: half fully random bodies, half built from plausible parts; most with
    check digits of one of the two centuries, some with random check digits."""
    numbers = []
    for i in range(count):
        if i % 2:
            body = f"{rng.randrange(10**9):09d}"
        else:
            month = rng.choice([0, *range(1, 13), 20, *range(21, 33), 40, *range(41, 53)])
            day = rng.choice([0, *range(1, 32), rng.randrange(32, 100)])
            body = f"{rng.randrange(100):02d}{month:02d}{day:02d}{rng.randrange(1000):03d}"
        kind = rng.random()
        if kind < 0.45:
            numbers.append(make(body, 1900))
        elif kind < 0.9:
            numbers.append(make(body, 2000))
        else:
            numbers.append(body + f"{rng.randrange(100):02d}")
    return numbers


def _to_arabic_indic(number: str) -> str:
    return number.translate({ord("0") + d: 0x0660 + d for d in range(10)})


def test_a_large_random_sample_agrees_with_stdnum_plus_plausibility():
    rng = random.Random(20_000)  # noqa: S311 (test data)
    today = datetime.date.today()  # stdnum's checksum uses the clock
    accepted = 0
    for number in _sample(rng, 20_000):
        expected = stdnum_valid(number) and _plausible(number, today)
        try:
            got = validate_national_number(number, today=today) == number
        except ValidationError:
            got = False
        assert got == expected, number
        accepted += got
        if rng.random() < 0.05:  # the same verdict in Arabic-Indic digits
            try:
                same = validate_national_number(_to_arabic_indic(number), today=today)
            except ValidationError:
                same = None
            assert same == (number if expected else None), number
    # Both verdicts are well represented.
    assert 2_000 < accepted < 18_000
