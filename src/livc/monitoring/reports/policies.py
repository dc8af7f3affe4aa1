"""Who may use which half-yearly report. Refusal looks like absence (404).

- A cell's report: its coordinator (reads, comments, generates) and its chair (reads,
  generates).
- A region's report: supervisors whose scope covers the region (federal supervisors: any
  region); they comment and generate.
Superusers get no bypass, as on the dashboards.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from livc.organisations.models import Region, Role
from livc.organisations.selectors import cells_with_role

from ..models import HalfYearlyReport, ReportJob
from ..policies import can_see_supervisor_dashboard, supervisor_scope

READ_ROLES = (Role.COORDINATOR, Role.CHAIR)


def report_cells(user) -> set[int]:
    return cells_with_role(user, *READ_ROLES)


def report_regions(user) -> QuerySet | None:
    """The regions whose report the user may use; None when they may use none."""
    if not can_see_supervisor_dashboard(user):
        return None
    scope = supervisor_scope(user)
    regions = Region.objects.order_by("nis_code")
    return regions if scope.federal else regions.filter(pk__in=scope.region_ids)


def can_see_reports(user) -> bool:
    """For navigation: the user may use the report of at least one cell or region."""
    return bool(report_cells(user)) or can_see_supervisor_dashboard(user)


def visible_reports(user) -> QuerySet:
    condition = Q(cell__in=report_cells(user))
    regions = report_regions(user)
    if regions is not None:
        condition |= Q(region__in=regions)
    return HalfYearlyReport.objects.filter(condition)


def access_report(user, report_id: int) -> HalfYearlyReport:
    report = visible_reports(user).select_related("cell", "region").filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


def can_comment(user, report: HalfYearlyReport) -> bool:
    if report.cell_id:
        return report.cell_id in cells_with_role(user, Role.COORDINATOR)
    regions = report_regions(user)
    return regions is not None and regions.filter(pk=report.region_id).exists()


def can_open_cell_report(user, cell_id: int) -> bool:
    return cell_id in report_cells(user)


def can_open_region_report(user, region_id: int) -> bool:
    regions = report_regions(user)
    return regions is not None and regions.filter(pk=region_id).exists()


def access_job(user, job_id: int) -> ReportJob:
    job = (
        ReportJob.objects.defer("content")
        .select_related("report")
        .filter(pk=job_id, report__in=visible_reports(user))
        .first()
    )
    if job is None:
        raise Http404
    return job
