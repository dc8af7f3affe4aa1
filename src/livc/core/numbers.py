"""The one way numbers are rounded and written: pages, charts, PDFs and exports all call
these, so a share never reads 57,8 % in one place and 57,9 % in another.

Rounding is half-up (0.0625 → 6.3 %, 1/8 → 12.5 %), on the decimal value a person would
write, not on the nearest binary float (Python's `round(6.25, 1)` gives 6.2, and Django's
`number_format` cuts digits off). Text for people follows the active locale ("57,9" in
nl/fr, "57.9" in en); machine formats (CSV, XLSX, JSON) take `machine_*`: the same rounding,
a dot decimal.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

PERCENT_PLACES = 1
DECIMAL_PLACES = 1  # medians and other non-integer values

Number = int | float | Decimal


def to_decimal(value: Number) -> Decimal:
    """A float as the decimal it prints as (its shortest repr), so 0.0625 stays 0.0625."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(int(value))


def half_up(value: Number, places: int = DECIMAL_PLACES) -> Decimal:
    """`value` rounded half away from zero to `places` decimals."""
    return to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def share_percent(share: Number, places: int = PERCENT_PLACES) -> Decimal:
    """A share between 0 and 1 as a rounded percentage (0.578947… → 57.9)."""
    return half_up(to_decimal(share) * 100, places)


def ratio_percent(part: int, whole: int, places: int = PERCENT_PLACES) -> Decimal | None:
    """`part` of `whole` as a rounded percentage, computed exactly (11 of 19 → 57.9);
    None when `whole` is 0."""
    if not whole:
        return None
    try:
        return half_up(Decimal(part) * 100 / Decimal(whole), places)
    except InvalidOperation:  # pragma: no cover - only for non-numbers
        return None


def format_number(value: Number, places: int = DECIMAL_PLACES) -> str:
    """For people, in the active locale: whole numbers as they are (with the locale's
    grouping), anything else with `places` decimals, rounded half-up."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return formats.number_format(int(value), use_l10n=True)
    exact = to_decimal(value)
    if exact == exact.to_integral_value():
        return formats.number_format(int(exact), use_l10n=True)
    return formats.number_format(half_up(exact, places), decimal_pos=places, use_l10n=True)


def format_percent(percent: Number, places: int = PERCENT_PLACES) -> str:
    """A percentage (already times 100) for people: "57,9 %" in nl/fr, "57.9 %" in en."""
    rounded = half_up(percent, places)
    text = formats.number_format(rounded, decimal_pos=places, use_l10n=True)
    return _("%(percent)s %%") % {"percent": text}


def format_share(share: Number, places: int = PERCENT_PLACES) -> str:
    """A share between 0 and 1 for people, as a percentage."""
    return format_percent(share_percent(share, places), places)


def machine_number(value: Number | None, places: int = DECIMAL_PLACES) -> int | float | None:
    """For CSV, XLSX and JSON: ints stay ints, anything else rounded half-up to `places`
    decimals and given as a float (a dot decimal in every export)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return float(half_up(value, places))


def machine_percent(part: int, whole: int, places: int = PERCENT_PLACES) -> float | None:
    """`part` of `whole` as a percentage for exports (dot decimal), rounded half-up."""
    percent = ratio_percent(part, whole, places)
    return None if percent is None else float(percent)
