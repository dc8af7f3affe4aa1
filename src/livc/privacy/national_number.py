"""Belgian national register number (rijksregisternummer / numéro de registre national)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalise_national_number(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def validate_national_number(value: str, birth_date: datetime.date | None = None) -> str:
    """Return the 11 digits, or raise ValidationError (format, checksum, birth date)."""
    digits = normalise_national_number(value)
    if not re.fullmatch(r"\d{11}", digits):
        raise ValidationError(_("A national register number has 11 digits."), code="format")
    body, check = int(digits[:9]), int(digits[9:])
    born_after_2000 = 97 - (int("2" + digits[:9]) % 97) == check
    if 97 - (body % 97) != check and not born_after_2000:
        raise ValidationError(
            _("This national register number is not valid (check digits do not match)."),
            code="checksum",
        )
    if birth_date is not None:
        year_ok = birth_date.year % 100 == int(digits[:2])
        month, day = int(digits[2:4]), int(digits[4:6])
        # Month/day may be 00 when unknown, or shifted for bis numbers; check only when plain.
        if (
            1 <= month <= 12
            and day >= 1
            and (not year_ok or (birth_date.month, birth_date.day) != (month, day))
        ):
            raise ValidationError(
                _("The national register number does not match the birth date."),
                code="birth_date",
            )
        if (birth_date.year >= 2000) != born_after_2000 and 1 <= month <= 12:
            raise ValidationError(
                _("The national register number does not match the birth date."),
                code="birth_date",
            )
    return digits
