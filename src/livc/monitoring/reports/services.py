"""Writes for the half-yearly report. No personal data is involved (commentary is a
trend summary, files hold suppressed aggregates), so nothing is written to the access log.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from livc.core.locking import save_if_unchanged

from ..models import COMMENTARY_FIELDS, HalfYearlyReport, ReportJob
from ..periods import Period


@transaction.atomic
def report_open(*, user, period: Period, cell=None, region=None) -> HalfYearlyReport:
    """The report of a scope and period, created on first use (the caller checks the
    policy). Exactly one of `cell` and `region`."""
    if (cell is None) == (region is None):
        raise ValueError("a report is for a cell or for a region")
    lookup = {"cell": cell, "region": region, "period_code": period.code}
    existing = HalfYearlyReport.objects.filter(**lookup).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return HalfYearlyReport.objects.create(**lookup, created_by=user, updated_by=user)
    except IntegrityError:  # opened by someone else at the same moment
        return HalfYearlyReport.objects.get(**lookup)


@transaction.atomic
def report_comment(*, user, report: HalfYearlyReport, version: int, **fields) -> None:
    """Save the commentary; raises `ConcurrentEditError` if someone saved in between."""
    unknown = set(fields) - {*COMMENTARY_FIELDS, "status"}
    if unknown:
        raise ValueError(f"not commentary: {sorted(unknown)}")
    save_if_unchanged(report, version, updated_by=user, **fields)


@transaction.atomic
def job_request(*, user, report: HalfYearlyReport, fmt: str) -> ReportJob:
    """Queue a generation and start it once the transaction commits: in a thread (the
    request returns at once), or inline when `LIVC_REPORT_JOBS_INLINE` is on. Jobs whose
    thread died with its process stay queued for `manage.py run_report_jobs`."""
    from . import jobs

    job = ReportJob.objects.create(
        report=report,
        format=ReportJob.Format(fmt),
        requested_by=user,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    if getattr(settings, "LIVC_REPORT_JOBS_INLINE", False):
        jobs.run_job(job.pk)  # synchronously, in this transaction (tests, small setups)
    else:
        transaction.on_commit(lambda: jobs.start_thread(job.pk))
    return job
