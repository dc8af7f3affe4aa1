"""Case conferences: a cell's meeting, its agenda of cases, who is invited to which item,
who attended and attested confidentiality, and the minutes of each item."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from livc.cases.models import Case
from livc.organisations.models import Cell, Organisation
from livc.privacy.fields import EncryptedTextField


class Conference(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        MINUTES_APPROVED = "minutes_approved", _("minutes approved")

    cell = models.ForeignKey(
        Cell, models.PROTECT, related_name="conferences", verbose_name=_("cell")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # A room or address, never a person: it is also written into the calendar file.
    place = models.CharField(_("place"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["cell", "-starts_at"], name="conference_cell_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="conference_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.cell} {self.starts_at:%Y-%m-%d %H:%M}"


class StatusChange(models.Model):
    """One dated row per workflow step (DESIGN.md → Workflows)."""

    conference = models.ForeignKey(Conference, models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=Conference.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Conference.Status.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]


class AgendaItem(models.Model):
    """One case discussed at one conference."""

    conference = models.ForeignKey(Conference, models.CASCADE, related_name="items")
    case = models.ForeignKey(
        Case, models.PROTECT, related_name="conference_items", verbose_name=_("case")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "case"], name="agendaitem_unique_case")
        ]


class Invitation(models.Model):
    """A user invited to discuss one agenda item (need-to-know, per item)."""

    item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="invitation_unique_user")
        ]
        indexes = [models.Index(fields=["user", "item"], name="invitation_user")]


class Attestation(models.Model):
    """An attendee's acknowledgement of purpose and confidentiality (art. 458ter Criminal
    Code), recorded before they see any agenda item. One per attendee per conference."""

    conference = models.ForeignKey(Conference, models.CASCADE, related_name="attestations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, models.PROTECT, null=True, related_name="+")
    attested_at = models.DateTimeField(_("attested at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "user"], name="attestation_unique_user")
        ]


class Attendance(models.Model):
    """A user recorded by the coordinator as present at the conference."""

    conference = models.ForeignKey(Conference, models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "user"], name="attendance_unique_user")
        ]


class Minutes(models.Model):
    """What was decided about one agenda item."""

    item = models.OneToOneField(AgendaItem, models.CASCADE, related_name="minutes")
    decisions = EncryptedTextField(_("decisions"))
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")


class AgreedAction(models.Model):
    """An action agreed for one organisation at the conference, kept as a text line until
    the trajectories app turns it into a plan action (see selectors.agreed_actions_for)."""

    item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="agreed_actions")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    description = EncryptedTextField(_("action"))
    due_on = models.DateField(_("due on"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["id"]
