"""Belgian national register number (rijksregisternummer / numéro de registre national) and
BIS number (BIS-nummer / numéro BIS).

The official rule is python-stdnum's (`stdnum.be.nn`, `stdnum.be.bis`): 11 digits, YYMMDD,
a 3-digit counter and 2 check digits (97 - the first nine digits mod 97; for people born from
2000 the nine digits are prefixed with "2", which is how the century is known). A BIS number
adds 20 or 40 to the month. A month (and then the day) of 00 means unknown, or a day counter
that ran out; 00 00 01 is the fictitious date of someone whose birth date was not known.

On top of stdnum this refuses what cannot be a birth date: one after `today` (the post-2000
check digits of 79 02 10 ... only fit "born 2079"), and a day that does not exist (stdnum reads
day 32-99 or 30 February as "day unknown"; no official number encodes that).

Input is normalised first, by `normalise_national_number()`: every Unicode decimal digit
(Arabic-Indic, full-width, Devanagari...) becomes its ASCII digit and separators (white space,
dots, dashes) go. The same function is applied before the number is blind-indexed
(`livc.cases.services.subject_indexes` / `subject_lookup_indexes`), so a number typed in
another script finds the same person.
"""

import calendar
import datetime
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.be import bis, nn

# Dots other than "." a keyboard may give; dashes are every Unicode "Pd" plus the minus sign.
_DOTS = {".", "\uff0e", "\u2024", "\u00b7"}
_MINUS = "\u2212"


def normalise_national_number(value: str) -> str:
    """The number with every Unicode decimal digit as its ASCII digit, and white space, dots
    and dashes removed. Anything else is kept, so validation can refuse it."""
    out = []
    for char in value or "":
        if unicodedata.category(char) == "Nd":
            out.append(str(unicodedata.digit(char)))
        elif not (
            char.isspace()
            or char in _DOTS
            or char == _MINUS
            or unicodedata.category(char) == "Pd"
            or unicodedata.category(char) == "Cf"  # zero-width joiners and marks pasted along
        ):
            out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class NationalNumber:
    """A validated number and the birth date it encodes (None for a part that is unknown)."""

    digits: str
    is_bis: bool
    year: int | None
    month: int | None
    day: int | None

    def matches(self, birth_date: datetime.date) -> bool:
        """Whether `birth_date` agrees with every known part (the year with its century)."""
        known = zip(
            (self.year, self.month, self.day),
            (birth_date.year, birth_date.month, birth_date.day),
            strict=True,
        )
        return all(part is None or part == given for part, given in known)


def _post_2000_check_digits(digits: str) -> bool:
    return 97 - int("2" + digits[:9]) % 97 == int(digits[9:])


def _error(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _format_error() -> ValidationError:
    return _error(_("A national register number has 11 digits."), "format")


def _future_error() -> ValidationError:
    return _error(
        _("The birth date in this national register number lies in the future."), "future"
    )


def parse_national_number(value: str, *, today: datetime.date | None = None) -> NationalNumber:
    """The validated number and its birth date, or ValidationError with code "format",
    "checksum", "month", "day" or "future".

    `today` (default: the local date) is the latest possible birth date. stdnum only tries the
    post-2000 check digits for years up to the clock's, so a `today` after the clock cannot
    accept a later year; it is for checking against an earlier date (and for tests).
    """
    digits = normalise_national_number(value)
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        raise _format_error()
    month_code, day = int(digits[2:4]), int(digits[4:6])
    is_bis = 20 <= month_code <= 32 or 40 <= month_code <= 52
    try:
        (bis if is_bis else nn).validate(digits)
    except stdnum_errors.InvalidFormat as exc:  # 00000000000
        raise _format_error() from exc
    except stdnum_errors.InvalidChecksum as exc:
        if _post_2000_check_digits(digits):  # only fits a year after this one
            raise _future_error() from exc
        raise _error(
            _("This national register number is not valid (check digits do not match)."),
            "checksum",
        ) from exc
    except stdnum_errors.ValidationError as exc:  # InvalidComponent: the month
        raise _error(
            _("The birth month in this national register number is not possible."), "month"
        ) from exc

    not_a_day = _error(_("The birth date in this national register number does not exist."), "day")
    if day > 31:
        raise not_a_day
    year, month = nn.get_birth_year(digits), nn.get_birth_month(digits)
    if year is None:  # the fictitious 00 00 01: nothing known
        return NationalNumber(digits, is_bis, None, None, None)
    if month is None or day == 0:
        day = None  # with an unknown month the day digits are a counter, not a day
    elif day > calendar.monthrange(year, month)[1]:
        raise not_a_day

    today = today or timezone.localdate()
    earliest = datetime.date(year, month or 1, day or 1)
    if earliest > today:
        raise _future_error()
    return NationalNumber(digits, is_bis, year, month, day)


def validate_national_number(
    value: str, birth_date: datetime.date | None = None, *, today: datetime.date | None = None
) -> str:
    """The 11 ASCII digits, or ValidationError (see `parse_national_number`; code
    "birth_date" when a known part of the encoded birth date differs from `birth_date`)."""
    number = parse_national_number(value, today=today)
    if birth_date is not None and not number.matches(birth_date):
        raise _error(_("The national register number does not match the birth date."), "birth_date")
    return number.digits
