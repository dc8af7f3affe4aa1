"""Retention: per-cell periods, legal holds, purge runs and the tombstones they leave.

A tombstone is all that remains of a purged record: references, dates and the
non-identifying facts monitoring needs. It holds no identifier of the person, no name and
no free text, and keeps plain integer ids (no foreign keys to the purged rows).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from livc.cases.choices import ClosureReason, Outcome, Phenomenon, PreventionLevel
from livc.organisations.models import Cell


class RetentionOverride(models.Model):
    """A cell's own retention periods; empty means the deployment's default applies."""

    cell = models.OneToOneField(
        Cell, models.CASCADE, related_name="retention_override", verbose_name=_("cell")
    )
    out_of_scope_months = models.PositiveSmallIntegerField(
        _("out-of-scope signals and consultations (months)"), null=True, blank=True
    )
    closed_case_months = models.PositiveSmallIntegerField(
        _("closed cases (months)"), null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention override")
        verbose_name_plural = _("retention overrides")

    def __str__(self) -> str:
        return f"retention {self.cell_id}"

    def clean(self):
        # Imported here: rules reads this model.
        from .rules import bounds_errors

        errors = bounds_errors(
            out_of_scope_months=self.out_of_scope_months,
            closed_case_months=self.closed_case_months,
        )
        if errors:
            raise ValidationError(errors)


class LegalHold(models.Model):
    """Blocks the purge of one case or signal while active (not lifted, `until` not past).

    A hold on a case also covers its signals; a hold on a signal that opened a case also
    keeps the case (the signal follows it).
    """

    cell = models.ForeignKey(Cell, models.PROTECT, related_name="legal_holds")
    case = models.ForeignKey(
        "cases.Case", models.CASCADE, null=True, blank=True, related_name="legal_holds"
    )
    signal = models.ForeignKey(
        "intake.Signal", models.CASCADE, null=True, blank=True, related_name="legal_holds"
    )
    reference = models.CharField(_("reference"), max_length=24)
    reason = models.CharField(_("reason"), max_length=200)
    until = models.DateField(_("until"), null=True, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, signal__isnull=True)
                | Q(case__isnull=True, signal__isnull=False),
                name="legalhold_one_record",
            )
        ]
        indexes = [models.Index(fields=["cell", "lifted_at"], name="legalhold_cell")]

    def __str__(self) -> str:
        return f"hold {self.pk} on {self.reference}"

    def is_active_on(self, day) -> bool:
        return self.lifted_at is None and (self.until is None or self.until >= day)


class PurgeBatch(models.Model):
    """One run of the purge. Its counts grow with each committed chunk, in the same
    transaction as the chunk's tombstones, so they are exact even after a crash."""

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    today = models.DateField(_("purge date"))
    triggered_by = models.CharField(_("triggered by"), max_length=40)
    cases = models.PositiveIntegerField(default=0)
    signals = models.PositiveIntegerField(default=0)
    consultations = models.PositiveIntegerField(default=0)
    subjects = models.PositiveIntegerField(default=0)
    rows = models.PositiveBigIntegerField(_("rows deleted"), default=0)

    class Meta:
        verbose_name = _("purge run")
        verbose_name_plural = _("purge runs")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"purge {self.pk}"


class Tombstone(models.Model):
    """What is left of one purged case, signal or consultation (no identifier, no text).

    Dates by record type: a case has opened_on, closed_on and first_conference_on; a
    signal received_on and screened_on; a consultation received_on (asked) and
    screened_on (answered).
    """

    class RecordType(models.TextChoices):
        CASE = "case", _("case")
        SIGNAL = "signal", _("signal")
        CONSULTATION = "consultation", _("consultation")

    class Reason(models.TextChoices):
        RETENTION_EXPIRED = "retention_expired", _("retention period expired")

    record_type = models.CharField(_("record type"), max_length=12, choices=RecordType.choices)
    original_id = models.BigIntegerField(_("original id"))
    reference = models.CharField(_("reference"), max_length=24, blank=True)
    # Indexed by tombstone_cell (its first column); every index slows the purge's inserts.
    cell = models.ForeignKey(
        Cell, models.PROTECT, related_name="+", verbose_name=_("cell"), db_index=False
    )
    # Links between tombstones: a signal that opened a case, a consultation turned signal.
    case_original_id = models.BigIntegerField(null=True, blank=True)
    signal_original_id = models.BigIntegerField(null=True, blank=True)
    phenomenon = models.CharField(
        _("phenomenon"), max_length=20, choices=Phenomenon.choices, blank=True
    )
    prevention_level = models.CharField(
        _("prevention level"), max_length=12, choices=PreventionLevel.choices, blank=True
    )
    reporter_type = models.CharField(_("reported by"), max_length=14, blank=True)
    reporting_organisation_type = models.CharField(max_length=20, blank=True)
    screening_status = models.CharField(_("screening outcome"), max_length=26, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    screened_on = models.DateField(_("screened on"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    first_conference_on = models.DateField(_("first conference"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=16, choices=ClosureReason.choices, blank=True
    )
    closure_outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True
    )
    # [{"from": "active", "to": "closed", "on": "2024-05-01"}, ...] in order.
    phase_history = models.JSONField(default=list, blank=True)
    # [{"type": "caw", "status": "participating"}, {"type": "clb", "status": "declined"}]
    organisations = models.JSONField(default=list, blank=True)
    retention_until = models.DateField(_("kept until"))
    reason = models.CharField(
        _("reason"), max_length=20, choices=Reason.choices, default=Reason.RETENTION_EXPIRED
    )
    batch = models.ForeignKey(
        PurgeBatch,
        models.PROTECT,
        related_name="tombstones",
        verbose_name=_("purge run"),
        db_index=False,  # read per cell (tombstone_cell), never per run alone
    )
    purged_at = models.DateTimeField(_("purged at"))
    purged_by = models.CharField(_("purged by"), max_length=40)

    class Meta:
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")
        ordering = ["-purged_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "original_id"], name="tombstone_unique_record"
            )
        ]
        indexes = [
            models.Index(fields=["cell", "record_type", "-purged_at"], name="tombstone_cell"),
            models.Index(fields=["reference"], name="tombstone_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.reference or self.original_id}"
