"""Half-year reporting periods and when their progress updates are due.

The Flemish action plan is reported to Parliament every half-year (DESIGN.md, domain 003):
each measure's owner writes an update per half-year in which the measure runs, due one
month after the half-year ends (31 July for January–June, 31 January for July–December).
A period is written `2025-H1` in URLs and files.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

DUE_AFTER_DAYS = 31
_CODE = re.compile(r"^(\d{4})-H([12])$")


@dataclass(frozen=True, order=True)
class HalfYear:
    year: int
    half: int  # 1: January–June, 2: July–December

    @classmethod
    def containing(cls, day: datetime.date) -> "HalfYear":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, code: str) -> "HalfYear | None":
        """`2025-H1` as a HalfYear; None for anything else (never raises)."""
        match = _CODE.match(code or "") if isinstance(code, str) else None
        if not match or not (1900 <= int(match.group(1)) <= 2999):
            return None
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def code(self) -> str:
        return f"{self.year}-H{self.half}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> datetime.date:
        return (
            datetime.date(self.year, 6, 30) if self.half == 1 else datetime.date(self.year, 12, 31)
        )

    @property
    def due_on(self) -> datetime.date:
        return self.end + datetime.timedelta(days=DUE_AFTER_DAYS)

    @property
    def label(self) -> str:
        if self.half == 1:
            return _("January–June %(year)s") % {"year": self.year}
        return _("July–December %(year)s") % {"year": self.year}

    def next(self) -> "HalfYear":
        return HalfYear(self.year, 2) if self.half == 1 else HalfYear(self.year + 1, 1)

    def previous(self) -> "HalfYear":
        return HalfYear(self.year, 1) if self.half == 2 else HalfYear(self.year - 1, 2)

    def __str__(self) -> str:
        return self.code


def periods_between(first: datetime.date, last: datetime.date) -> list[HalfYear]:
    """The half-years from the one containing `first` to the one containing `last`."""
    if last < first:
        return []
    period, end = HalfYear.containing(first), HalfYear.containing(last)
    result = []
    while period <= end:
        result.append(period)
        period = period.next()
    return result


def last_ended(today: datetime.date) -> HalfYear:
    """The most recent half-year that has ended by `today`."""
    return HalfYear.containing(today).previous()
