"""Amounts and indicator values on action-plan pages, through the one number formatter."""

from django import template

from livc.core import numbers

register = template.Library()


@register.filter
def amount(value, places: int = 2) -> str:
    """A number for people in the active locale ("1.250,5" in nl); "—" when empty."""
    if value is None or value == "":
        return "—"
    return numbers.format_number(value, int(places))
