"""Reads for the half-yearly report: the cells behind it and its figures.

A region's report covers the cells the supervisor dashboard places in that region (see
`livc.monitoring.selectors`: a cell belongs to the region of most of its municipalities,
and cells no longer active keep their history there), so a report and the dashboard
filtered on the region always agree.
"""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from ..figures_cache import cached_series
from ..indicators import Report, compute_series
from ..periods import Period
from ..publication import published_series
from ..sections import TREND_PERIODS
from ..selectors import cell_places, path
from .policies import visible_reports


@dataclass
class Coverage:
    cell_ids: list[int]
    hierarchy: dict[int, tuple[str, ...]]


def report_coverage(report) -> Coverage:
    """The cells whose figures the report adds up, with their areas for suppression."""
    if report.cell_id:
        return Coverage([report.cell_id], {})
    places = cell_places()
    cell_ids = sorted(
        cell_id for cell_id, place in places.items() if place.region_id == report.region_id
    )
    return Coverage(cell_ids, {cell_id: path(places[cell_id]) for cell_id in cell_ids})


def report_figures(
    report,
    *,
    suppressed: bool,
    today: datetime.date | None = None,
    period: Period | None = None,
) -> list[Report]:
    """The reports of the last `TREND_PERIODS` periods up to the report's, oldest first.

    `suppressed=True` for anything that leaves the cell (every file, every region view):
    the published figures (`publication.published_series`), which exist for calendar
    periods only (`PeriodError` for a report of dates of its own).
    """
    coverage = report_coverage(report)
    periods = (period or report.period).series(TREND_PERIODS)
    if suppressed:
        return published_series(cell_ids=coverage.cell_ids, periods=periods,
                                hierarchy=coverage.hierarchy, today=today)[0]  # fmt: skip
    if not report.cell_id:  # a region: many cells, read from the cache `warm_figures` fills
        return cached_series(cell_ids=coverage.cell_ids, periods=periods, today=today)[0]
    return compute_series(cell_ids=coverage.cell_ids, periods=periods, today=today)


def user_reports(user) -> QuerySet:
    return visible_reports(user).select_related("cell", "region").order_by("-period_code", "pk")


def recent_jobs(report, limit: int = 10):
    return list(report.jobs.defer("content").order_by("-created_at", "-pk")[:limit])
