"""Running report jobs off the request.

A job is claimed atomically (queued → running), so the thread started after the request
and a `run_report_jobs` worker never both build it. Progress is written after each step
(figures, each chart, rendering) with plain UPDATEs the job page polls. Any error ends in
status "failed" with a translated message; the details go to the server log, which never
sees personal data because a report holds none.
"""

import logging
import threading
from datetime import timedelta

from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import HalfYearlyReport, ReportJob
from ..periods import PeriodError

logger = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=30)


def start_thread(job_id: int) -> threading.Thread:
    thread = threading.Thread(target=_run_in_thread, args=(job_id,), daemon=True)
    thread.start()
    return thread


def _run_in_thread(job_id: int) -> None:
    try:
        run_job(job_id)
    finally:
        connection.close()  # the thread's own connection; nobody else would close it


def _progress(job_id: int, progress: int, **fields) -> None:
    ReportJob.objects.filter(pk=job_id).update(progress=min(100, max(0, progress)), **fields)


def run_job(job_id: int) -> bool:
    """Build the job's file if it is still queued; True if this call ran it."""
    claimed = ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(
        status=ReportJob.Status.RUNNING, started_at=timezone.now(), progress=1
    )
    if not claimed:
        return False
    job = ReportJob.objects.defer("content").get(pk=job_id)
    with translation.override(job.language or None):
        try:
            report = HalfYearlyReport.objects.select_related("cell", "region").get(pk=job.report_id)
            content, filename = build(report, job.format, lambda p: _progress(job_id, p))
        except PeriodError as error:  # dates of its own: no published figures exist for them
            ReportJob.objects.filter(pk=job_id).update(
                status=ReportJob.Status.FAILED, finished_at=timezone.now(), message=str(error)
            )
            return True
        except Exception:
            logger.exception("report job %s failed", job_id)
            ReportJob.objects.filter(pk=job_id).update(
                status=ReportJob.Status.FAILED,
                finished_at=timezone.now(),
                message=_("The report could not be generated. Try again; if it fails again, "
                          "tell the administrator."),
            )  # fmt: skip
            return True
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.DONE, progress=100, content=content, filename=filename,
        finished_at=timezone.now(), message="",
    )  # fmt: skip
    return True


def build(report: HalfYearlyReport, fmt: str, progress=lambda p: None) -> tuple[bytes, str]:
    """The file of a report in a format, with its download name. Figures are suppressed:
    the file is made to leave the cell."""
    from . import pdf, tabular
    from .selectors import report_figures

    progress(5)
    reports = report_figures(report, suppressed=True)
    progress(30)
    if fmt == ReportJob.Format.PDF:
        content = pdf.report_pdf(report, reports, progress=lambda p: progress(30 + p * 65 // 100))
    elif fmt == ReportJob.Format.XLSX:
        content = tabular.report_xlsx(report, reports)
    elif fmt == ReportJob.Format.CSV:
        content = tabular.report_csv(report, reports)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    progress(98)
    return content, filename(report, fmt)


def filename(report: HalfYearlyReport, fmt: str) -> str:
    """No personal data: the cell's code or the region's NIS code, and the period."""
    scope = f"cell-{report.cell.code}" if report.cell_id else f"region-{report.region.nis_code}"
    period = report.period_code.replace("..", "_")
    return f"livc-report-{scope}-{period}.{fmt}".lower()


def run_queued(limit: int | None = None) -> int:
    """Run queued jobs, oldest first (for a worker or cron); fail jobs stuck running."""
    stale = timezone.now() - STALE_AFTER
    ReportJob.objects.filter(status=ReportJob.Status.RUNNING, started_at__lt=stale).update(
        status=ReportJob.Status.FAILED, finished_at=timezone.now(),
        message=_("The generation was interrupted. Start it again."),
    )  # fmt: skip
    ran = 0
    queued = ReportJob.objects.filter(status=ReportJob.Status.QUEUED).order_by("created_at")
    for job_id in queued.values_list("pk", flat=True)[:limit]:
        ran += run_job(job_id)
    return ran
