"""The half-yearly report: a period's figures for a cell or a region, with commentary, and
the jobs that turn it into files.

Neither model holds personal data: the commentary is a plain-text trend summary (the form
says "no names or case details"), and generated files carry only suppressed aggregates.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .periods import PeriodError, parse

COMMENTARY_FIELDS = ("summary", "signals_trend", "cases_trend", "cooperation", "outlook")


class HalfYearlyReport(models.Model):
    """One report per scope (a cell XOR a region) and period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        FINAL = "final", _("final")

    cell = models.ForeignKey(
        "organisations.Cell", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("cell"),
    )  # fmt: skip
    region = models.ForeignKey(
        "organisations.Region", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("region"),
    )  # fmt: skip
    period_code = models.CharField(_("period"), max_length=24)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    signals_trend = models.TextField(_("signals: trend"), blank=True)
    cases_trend = models.TextField(_("cases: trend"), blank=True)
    cooperation = models.TextField(_("cooperation, actions and aftercare"), blank=True)
    outlook = models.TextField(_("outlook"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("half-yearly report")
        ordering = ["-period_code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cell__isnull=False, region__isnull=True)
                | Q(cell__isnull=True, region__isnull=False),
                name="report_cell_xor_region",
            ),
            models.UniqueConstraint(
                fields=["cell", "period_code"], condition=Q(cell__isnull=False),
                name="report_unique_cell_period",
            ),
            models.UniqueConstraint(
                fields=["region", "period_code"], condition=Q(region__isnull=False),
                name="report_unique_region_period",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.scope_name} {self.period_code}"

    @property
    def period(self):
        return parse(self.period_code)

    @property
    def period_label(self) -> str:
        try:
            return str(self.period.label)
        except PeriodError:
            return self.period_code

    @property
    def scope_name(self) -> str:
        return self.cell.name if self.cell_id else self.region.name

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def is_region(self) -> bool:
        return self.region_id is not None

    def commentary(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in COMMENTARY_FIELDS}


class ReportJob(models.Model):
    """One generation of a report file, run off the request (see reports/jobs.py)."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    report = models.ForeignKey(HalfYearlyReport, models.CASCADE, related_name="jobs")
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=8, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    filename = models.CharField(max_length=120, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report generation")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="reportjob_status_idx")]

    def __str__(self) -> str:
        return f"{self.report_id}:{self.format}:{self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    # Named questions for pages and templates (no status literal outside the model).
    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def content_type(self) -> str:
        return {
            "pdf": "application/pdf",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "csv": "text/csv; charset=utf-8",
        }[self.format]
