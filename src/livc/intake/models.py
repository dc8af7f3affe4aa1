from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livc.cases.choices import Behaviour, Phenomenon, PreventionLevel, Urgency
from livc.organisations.models import Cell, Organisation
from livc.privacy.fields import EncryptedTextField


class ReporterType(models.TextChoices):
    ORGANISATION = "organisation", _("partner organisation")
    CITIZEN = "citizen", _("citizen / family")
    CONSULTATION = "consultation", _("anonymous consultation")


class Signal(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_SCREENING = "in_screening", _("in screening")
        CASE_OPENED = "case_opened", _("case opened")
        ADVISED = "advised", _("advice given")
        REFERRED = "referred_to_regular_care", _("referred to regular care")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN_STATUSES = (Status.RECEIVED, Status.IN_SCREENING)

    cell = models.ForeignKey(Cell, models.PROTECT, related_name="signals", verbose_name=_("cell"))
    reference = models.CharField(_("reference"), max_length=24, unique=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="reported_signals"
    )
    reporter_type = models.CharField(
        _("reported by"),
        max_length=14,
        choices=ReporterType.choices,
        default=ReporterType.ORGANISATION,
    )
    reporting_organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        related_name="signals",
        verbose_name=_("reporting organisation"),
    )
    received_on = models.DateField(_("date of the signal"))
    observation = EncryptedTextField(_("what was observed"))
    behaviours = models.JSONField(_("observed behaviour"), default=list, blank=True)
    behaviour_other = EncryptedTextField(_("other behaviour"), blank=True)
    phenomenon = models.CharField(_("phenomenon"), max_length=20, choices=Phenomenon.choices)
    prevention_level = models.CharField(
        _("prevention level"), max_length=12, choices=PreventionLevel.choices
    )
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    subject = models.ForeignKey(
        "cases.Subject", models.PROTECT, related_name="signals", verbose_name=_("subject")
    )
    status = models.CharField(
        _("status"), max_length=26, choices=Status.choices, default=Status.RECEIVED
    )
    screening_due = models.DateField(_("screening due"))
    screening_reason = EncryptedTextField(_("reason for the decision"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["screening_due", "id"]
        indexes = [
            models.Index(fields=["cell", "status", "screening_due"], name="signal_queue"),
            # Dashboard and queue: a cell's open signals in due order, read straight off.
            models.Index(
                fields=["cell", "screening_due", "id"],
                condition=models.Q(status__in=("received", "in_screening")),
                name="signal_open_due",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def behaviour_labels(self) -> list[str]:
        return [Behaviour(value).label for value in self.behaviours if value in Behaviour.values]

    @property
    def is_overdue(self) -> bool:
        return self.status in self.OPEN_STATUSES and self.screening_due < timezone.localdate()


class SignalTransition(models.Model):
    signal = models.ForeignKey(Signal, models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=26, blank=True)
    to_status = models.CharField(max_length=26)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]


class Consultation(models.Model):
    """A question for advice without identifying the person; convertible into a signal."""

    cell = models.ForeignKey(Cell, models.PROTECT, related_name="consultations")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    question = EncryptedTextField(_("question"))
    phenomenon = models.CharField(
        _("phenomenon"), max_length=20, choices=Phenomenon.choices, blank=True
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = EncryptedTextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    signal = models.OneToOneField(
        Signal, models.SET_NULL, null=True, blank=True, related_name="consultation"
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-asked_at", "-id"]
