"""Reporting periods: inclusive date ranges with the calendar units monitoring uses.

A `Period` is a half-year, a quarter, a year or a custom range (`start` and `end` both
included). Parliament is reported to per half-year, so that is the default. `previous`
gives the periods before one of the same kind and length, for trends.

Codes round-trip through URLs: "2026-H1", "2026-Q3", "2026", or "2026-01-15..2026-03-31".
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

MIN_YEAR = 2000
MAX_CUSTOM_DAYS = 5 * 366  # a custom range longer than that is almost certainly a typo

# ASCII digits only: `\d` alone would read "２０２６" as 2026.
_HALF = re.compile(r"^(\d{4})-H([12])$", re.ASCII)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.ASCII)
_YEAR = re.compile(r"^(\d{4})$", re.ASCII)
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$", re.ASCII)


class PeriodError(ValueError):
    """A period that cannot be read; the message is translated and fit for a form field."""


def _last_day(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    kind: str = "custom"  # "half", "quarter", "year" or "custom"

    def __post_init__(self):
        if self.start > self.end:
            raise PeriodError(_("The start of the period must come before its end."))

    # Constructors ----------------------------------------------------------------------

    @classmethod
    def half_year(cls, year: int, half: int) -> "Period":
        if half not in (1, 2):
            raise PeriodError(_("A half-year is 1 or 2."))
        first = 1 if half == 1 else 7
        return cls(datetime.date(year, first, 1), _last_day(year, first + 5), "half")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        if quarter not in (1, 2, 3, 4):
            raise PeriodError(_("A quarter is 1 to 4."))
        first = 3 * (quarter - 1) + 1
        return cls(datetime.date(year, first, 1), _last_day(year, first + 2), "quarter")

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")

    @classmethod
    def containing(cls, day: datetime.date, kind: str = "half") -> "Period":
        """The half-year (or quarter, or year) in which `day` falls."""
        if kind == "half":
            return cls.half_year(day.year, 1 if day.month <= 6 else 2)
        if kind == "quarter":
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        if kind == "year":
            return cls.year(day.year)
        raise ValueError(f"no calendar unit {kind!r}")

    # Reading ---------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def code(self) -> str:
        if self.kind == "half":
            return f"{self.start.year}-H{1 if self.start.month == 1 else 2}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        """Short, translated: "H1 2026", "Q3 2026", "2026", or the two dates."""
        year = self.start.year
        if self.kind == "half":
            half = 1 if self.start.month == 1 else 2
            return _("H%(half)s %(year)s") % {"half": half, "year": year}
        if self.kind == "quarter":
            quarter = (self.start.month - 1) // 3 + 1
            return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}
        if self.kind == "year":
            return str(year)
        return _("%(start)s to %(end)s") % {
            "start": formats.date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(self.end, "SHORT_DATE_FORMAT"),
        }

    def __str__(self) -> str:
        return self.code

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def has_ended(self, today: datetime.date) -> bool:
        return self.end < today

    # Neighbours ------------------------------------------------------------------------

    def shifted(self, steps: int) -> "Period":
        """The period `steps` units later (negative: earlier), of the same kind."""
        if self.kind == "custom":
            delta = datetime.timedelta(days=self.days * steps)
            return Period(self.start + delta, self.end + delta)
        months = {"half": 6, "quarter": 3, "year": 12}[self.kind] * steps
        index = self.start.year * 12 + self.start.month - 1 + months
        year, month = divmod(index, 12)
        return Period.containing(datetime.date(year, month + 1, 1), self.kind)

    def previous(self, count: int) -> list["Period"]:
        """The `count` periods just before this one, oldest first."""
        return [self.shifted(-steps) for steps in range(count, 0, -1)]

    def series(self, count: int) -> list["Period"]:
        """The last `count` periods up to and including this one, oldest first (trends)."""
        return [*self.previous(count - 1), self]


def current(today: datetime.date) -> Period:
    """The default period: the half-year containing today."""
    return Period.containing(today, "half")


def parse(code: str) -> Period:
    """The period a code names; raises `PeriodError` with a translated message."""
    code = (code or "").strip()
    try:
        if match := _HALF.match(code):
            period = Period.half_year(int(match[1]), int(match[2]))
        elif match := _QUARTER.match(code):
            period = Period.quarter(int(match[1]), int(match[2]))
        elif match := _YEAR.match(code):
            period = Period.year(int(match[1]))
        elif match := _RANGE.match(code):
            period = between(
                datetime.date.fromisoformat(match[1]), datetime.date.fromisoformat(match[2])
            )
        else:
            raise PeriodError(
                _("Write a period as 2026-H1 (half-year), 2026-Q1 (quarter) or 2026 (year).")
            )
    except ValueError as error:
        if isinstance(error, PeriodError):
            raise
        raise PeriodError(_("This is not a valid date.")) from error
    return check_bounds(period)


def between(start: datetime.date, end: datetime.date) -> Period:
    """A custom range from two dates (both included)."""
    period = Period(start, end)
    if period.days > MAX_CUSTOM_DAYS:
        raise PeriodError(_("A period can cover at most five years."))
    return check_bounds(period)


def check_bounds(period: Period) -> Period:
    if period.start.year < MIN_YEAR or period.end.year > 2100:
        raise PeriodError(_("Choose a period between %(min)s and 2100.") % {"min": MIN_YEAR})
    return period
