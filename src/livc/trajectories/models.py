"""Plans of cases: goals, actions per organisation, progress notes and reviews.

Free text (goals, action descriptions, notes, reviews) is encrypted at rest. `cell` is
copied from the case onto plans and actions (a case never changes cell) so that the
coordinator's dashboard filters on indexed columns of one table at any scale.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livc.cases.models import Case
from livc.organisations.models import Cell, Organisation
from livc.privacy.fields import EncryptedTextField


class Plan(models.Model):
    """The plan of one case. It shares its case's id: one plan per case, by construction."""

    case = models.OneToOneField(Case, models.CASCADE, primary_key=True, related_name="plan")
    cell = models.ForeignKey(Cell, models.PROTECT, related_name="+")
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        indexes = [models.Index(fields=["cell", "next_review_on", "case"], name="plan_cell_review")]

    def __str__(self) -> str:
        return f"plan {self.pk}"


class Goal(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="goals")
    description = EncryptedTextField(_("goal"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:  # never the (personal) description: str() ends up in logs
        return f"goal {self.pk}"


class Action(models.Model):
    """A task for one organisation taking part in the case, with owner, due date, status."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="actions")
    cell = models.ForeignKey(Cell, models.PROTECT, related_name="+")
    goal = models.ForeignKey(
        Goal,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("goal"),
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    description = EncryptedTextField(_("action"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "id"]
        indexes = [
            # Dashboard: a cell's open actions by due date (overdue = due_on < today).
            models.Index(
                fields=["cell", "due_on", "id"],
                condition=Q(status__in=("open", "in_progress")),
                name="action_open_cell_due",
            ),
            # "My actions": by organisation or by owner, open first, by due date.
            models.Index(fields=["organisation", "status", "due_on"], name="action_org_status"),
            models.Index(fields=["owner", "status", "due_on"], name="action_owner_status"),
        ]

    def __str__(self) -> str:  # never the (personal) description
        return f"action {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def created_on(self):
        """The local date the action was created (a due date may not lie before it)."""
        return timezone.localtime(self.created_at).date() if self.created_at else None


class ActionStatusChange(models.Model):
    """One dated row per status change, the creation (`from_status` empty) included."""

    action = models.ForeignKey(Action, models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Action.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Action.Status.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]


class ProgressNote(models.Model):
    """A dated, signed note on how an action is going."""

    action = models.ForeignKey(Action, models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, models.PROTECT, null=True, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)
    text = EncryptedTextField(_("progress note"))

    class Meta:
        ordering = ["written_at", "id"]


class Review(models.Model):
    """A review of the plan that took place: when, and what was concluded."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("review date"))
    note = EncryptedTextField(_("conclusions"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-held_on", "-id"]
