"""Polarisation situations: local us-versus-them tensions between groups, with the
organisations' diagnosis, the interventions and the reviews.

No model here holds personal data of anyone the situation is about, and none links to a
case, signal, conference or subject (tests/polarisation/test_no_personal_links.py): groups
are described by their role ("two youth groups", "residents of a street"), and free text is
checked for identifiers on save (`gate.py`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from livc.core.workflow import TransitionRow
from livc.organisations.models import Cell, Municipality, Organisation

from .choices import Intensity, InterventionKind, TensionSignal, Theme

TEXT_LENGTH = 4000  # long free text (groups, description, analysis...)
SHORT_LENGTH = 300  # a line (place, other signal, reason)


class Situation(models.Model):
    class State(models.TextChoices):
        REPORTED = "reported", _("reported")
        DIAGNOSED = "diagnosed", _("diagnosed")
        IN_TREATMENT = "in_treatment", _("in treatment")
        MONITORING = "monitoring", _("monitoring")
        CLOSED = "closed", _("closed")

    cell = models.ForeignKey(
        Cell, models.PROTECT, related_name="polarisation_situations", verbose_name=_("cell")
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=120)
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    place = models.CharField(_("neighbourhood, place or online space"), max_length=SHORT_LENGTH)
    groups = models.TextField(_("groups involved"), max_length=TEXT_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH)
    tension_signals = models.JSONField(_("signals of tension"), default=list, blank=True)
    tension_signal_other = models.CharField(
        _("other signal of tension"), max_length=SHORT_LENGTH, blank=True
    )
    sources = models.TextField(_("sources"), max_length=TEXT_LENGTH, blank=True)
    intensity = models.PositiveSmallIntegerField(_("intensity"), choices=Intensity.choices)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.REPORTED
    )
    reported_on = models.DateField(_("reported on"))
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("polarisation situation")
        verbose_name_plural = _("polarisation situations")
        ordering = ["-reported_on", "-id"]
        indexes = [
            models.Index(fields=["cell", "state", "-reported_on"], name="situation_cell_state"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["cell", "number"], name="situation_number_per_cell"),
            models.CheckConstraint(
                condition=Q(intensity__gte=1, intensity__lte=4), name="situation_intensity_1_4"
            ),
            models.CheckConstraint(
                condition=Q(state="closed", closed_on__isnull=False)
                | (~Q(state="closed") & Q(closed_on__isnull=True)),
                name="situation_closed_on_iff_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """The code shown and written to the access log (e.g. POL-MEC-0003)."""
        return f"POL-{self.cell.code}-{self.number:04d}"

    def theme_labels(self) -> list[str]:
        """Labels of the situation's themes (uses `themes.all()`, so prefetch it in lists)."""
        return [row.get_theme_display() for row in self.themes.all()]

    def tension_signal_labels(self) -> list[str]:
        return [TensionSignal(v).label for v in self.tension_signals if v in TensionSignal.values]


class SituationTheme(models.Model):
    """One theme of a situation (a row each, so lists filter by theme on every database)."""

    situation = models.ForeignKey(Situation, models.CASCADE, related_name="themes")
    theme = models.CharField(_("theme"), max_length=24, choices=Theme.choices)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["theme"]
        constraints = [
            models.UniqueConstraint(fields=["situation", "theme"], name="situation_theme_once")
        ]

    def __str__(self) -> str:
        return self.get_theme_display()


class StateChange(TransitionRow):
    """A dated row per change of state (the first row records the report)."""

    situation = models.ForeignKey(Situation, models.CASCADE, related_name="history")

    class Meta(TransitionRow.Meta):
        verbose_name = _("change of state")
        verbose_name_plural = _("changes of state")

    states = Situation.State


class Contribution(models.Model):
    """An organisation's diagnosis of the situation: dated, signed, in its own words."""

    situation = models.ForeignKey(Situation, models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("author")
    )
    contributed_on = models.DateField(_("date"))
    analysis = models.TextField(_("analysis"), max_length=TEXT_LENGTH)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("diagnosis contribution")
        verbose_name_plural = _("diagnosis contributions")
        ordering = ["-contributed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.contributed_on}"


class Intervention(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    situation = models.ForeignKey(Situation, models.CASCADE, related_name="interventions")
    kind = models.CharField(_("type"), max_length=20, choices=InterventionKind.choices)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name=_("owner organisation")
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("planned by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="intervention_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.organisation})"


class InterventionChange(TransitionRow):
    """A dated row per change of an intervention's status."""

    intervention = models.ForeignKey(Intervention, models.CASCADE, related_name="history")

    class Meta(TransitionRow.Meta):
        verbose_name = _("change of intervention status")
        verbose_name_plural = _("changes of intervention status")

    states = Intervention.Status


class Review(models.Model):
    """A review of the situation held on a date, with what was concluded and the next date."""

    situation = models.ForeignKey(Situation, models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("held on"))
    note = models.TextField(_("conclusions"), max_length=TEXT_LENGTH)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return str(self.held_on)
