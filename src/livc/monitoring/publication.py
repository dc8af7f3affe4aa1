"""Figures that leave a cell, made one way: `published_series` is what the supervisor
dashboard, the region and cell reports and every report file read, so none of them can
show a figure that was not suppressed and audited (suppression.py).

Only calendar periods are published (a quarter, a half-year, a year): a reader can ask for
a year, its halves and its quarters, and subtract one from another, so a period is
protected together with every calendar period of its year (suppression rule 6: each
quarter is audited, a half-year or a year shows only what its parts show). The pattern of
a period is therefore the same whichever of them is asked for, and whatever trend it
appears in. The exact series of each kind come from the figures cache (figures_cache.py);
the published series is cached too, keyed by the selection's areas.
"""

import datetime
import hashlib
from collections.abc import Iterable, Mapping, Sequence

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from .figures_cache import cache_key, cached_series, pack, ttl, unpack
from .indicators import Report
from .periods import Period, PeriodError
from .suppression import protect, tree

KINDS = ("year", "half", "quarter")


def calendar_periods(year: int) -> list[Period]:
    """The periods of a year a reader can ask for: the year, its halves, its quarters."""
    return [
        Period.year(year),
        *(Period.half_year(year, half) for half in (1, 2)),
        *(Period.quarter(year, quarter) for quarter in range(1, 5)),
    ]


def check_published(periods: Iterable[Period]) -> None:
    """Raise `PeriodError` (translated, fit for a form field) for a period of one's own."""
    if any(p.kind not in KINDS for p in periods):
        raise PeriodError(
            _("Figures that leave a cell cover a half-year, a quarter or a year, not dates of "
              "one's own.")
        )  # fmt: skip


def published_series(
    *,
    cell_ids: Iterable[int],
    periods: Sequence[Period],
    hierarchy: Mapping[int, tuple[str, ...]] | None,
    today: datetime.date | None = None,
    refresh: bool = False,
) -> tuple[list[Report], datetime.datetime]:
    """The reports of `periods` (calendar periods, in the order given) for these cells,
    suppressed and audited for the selection's units (`hierarchy`: cell id → areas, see
    `selectors.cell_hierarchy`), and when the exact figures were computed. The same for
    every reader of the same selection. `refresh=True` recomputes everything."""
    check_published(periods)
    cell_ids = sorted(set(cell_ids))
    today = today or timezone.localdate()
    hierarchy = hierarchy or {}
    key = _key(cell_ids, periods, hierarchy, today)
    if ttl() > 0 and not refresh:
        hit = cache.get(key)
        if hit is not None:
            return unpack(hit[0]), hit[1]
    years = sorted({p.start.year for p in periods})
    every = [p for year in years for p in calendar_periods(year)]
    exact: dict[Period, Report] = {}
    moments = []
    for kind in KINDS:
        of_kind = [p for p in every if p.kind == kind]
        reports, computed_at = cached_series(
            cell_ids=cell_ids, periods=of_kind, today=today, refresh=refresh
        )
        exact.update((r.period, r) for r in reports)
        moments.append(computed_at)
    units = tree(cell_ids, hierarchy)
    protected: dict[Period, Report] = {}
    for year in years:
        together = calendar_periods(year)
        for report in protect([exact[p] for p in together], units):
            protected[report.period] = report
    result, computed_at = [protected[p] for p in periods], min(moments)
    if ttl() > 0:
        cache.set(key, (pack(result), computed_at), ttl())
    return result, computed_at


def _key(cell_ids, periods, hierarchy, today) -> str:
    areas = ";".join(f"{pk}={'/'.join(hierarchy.get(pk, ()))}" for pk in cell_ids)
    digest = hashlib.sha256(areas.encode()).hexdigest()[:32]
    return f"{cache_key(cell_ids=cell_ids, periods=periods, today=today)}:p:{digest}"
