"""Retention terms for the register of processing: the cell's, as the purge applies them.

Read through `livc.retention.rules.periods_for` (the cell's override, else the
deployment's defaults), so the register states what the purge applies.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from livc.organisations.models import Cell
from livc.retention.rules import periods_for


def _months(n: int) -> str:
    return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}


def _periods(cell: Cell) -> tuple[int, int]:
    periods = periods_for(cell.pk)
    return periods.out_of_scope_months, periods.closed_case_months


def _term(months: int, default: int, after) -> str:
    term = after % {"term": _months(months)}
    if months == default:
        return term
    return _("%(term)s (set by the cell; the default is %(default)s)") % {
        "term": term,
        "default": _months(default),
    }


def retention_rows(cell: Cell) -> list[tuple[str, str]]:
    """(what, how long) rows for one cell."""
    out_of_scope, closed_case = _periods(cell)
    return [
        (
            _(
                "Signals screened as out of scope (advice, referral, withdrawn) and anonymous "
                "consultations"
            ),
            _term(
                out_of_scope,
                settings.LIVC_RETENTION_OUT_OF_SCOPE_MONTHS,
                _("%(term)s after screening"),
            ),
        ),
        (
            _("Closed cases, with their signals, plans, minutes and notes"),
            _term(
                closed_case,
                settings.LIVC_RETENTION_CLOSED_CASE_MONTHS,
                _("%(term)s after closure"),
            ),
        ),
        (
            _("Open cases and signals still in screening"),
            _("Kept while open; a legal hold blocks a purge, with a reason."),
        ),
        (
            _("Tombstones and the access log"),
            _(
                "Kept after the data they describe are purged: they hold ids, codes and dates "
                "only, as proof of the processing and of the purge."
            ),
        ),
    ]
