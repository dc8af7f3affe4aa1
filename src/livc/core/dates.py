"""Calendar arithmetic shared by retention, aftercare and request deadlines."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or that month's last day when it has no such day
    (31 January + 1 month = 28 or 29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


EARLIEST_RECORD_DATE = datetime.date(1900, 1, 1)
# Planning dates (due dates, conferences, release dates) may lie ahead, but not by decades.
PLANNING_HORIZON_YEARS = 10


def date_problem(
    day: datetime.date | None,
    *,
    today: datetime.date,
    future: bool = False,
    earliest: datetime.date = EARLIEST_RECORD_DATE,
) -> str:
    """Why `day` makes no sense for the record, or "" when it is plausible.

    Recorded facts (`future=False`) lie between `earliest` and `today`; planned dates
    (`future=True`) between `earliest` and `PLANNING_HORIZON_YEARS` after `today`. The
    message is translated, for a form field or a service's ValidationError.
    """
    # Imported here: core stays importable without Django's translation machinery.
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    if day is None:
        return ""
    if day < earliest:
        return _("The date cannot be before %(date)s.") % {
            "date": date_format(earliest, "SHORT_DATE_FORMAT")
        }
    latest = add_months(today, 12 * PLANNING_HORIZON_YEARS) if future else today
    if day > latest:
        if not future:
            return _("The date cannot be in the future.")
        return _("The date cannot be more than %(years)s years ahead.") % {
            "years": PLANNING_HORIZON_YEARS
        }
    return ""
