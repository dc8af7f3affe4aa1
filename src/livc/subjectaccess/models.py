"""Requests of data subjects (GDPR art. 15-21) and the decision taken on each."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livc.cases.models import Subject
from livc.organisations.models import Cell
from livc.privacy.fields import EncryptedTextField


class SubjectRequest(models.Model):
    """One request a person addressed to the cell, and how it was answered.

    `subject` links the request to the person's record when the cell holds one; it is
    emptied (not deleted) when that record is purged, so the request and its decision stay
    accountable. Description and decision reason may name the person: encrypted.
    """

    class Kind(models.TextChoices):
        ACCESS = "access", _("access (art. 15)")
        RECTIFICATION = "rectification", _("rectification (art. 16)")
        ERASURE = "erasure", _("erasure (art. 17)")
        RESTRICTION = "restriction", _("restriction of processing (art. 18)")
        OBJECTION = "objection", _("objection (art. 21)")

    class Decision(models.TextChoices):
        PENDING = "pending", _("pending")
        GRANTED = "granted", _("granted")
        PARTIALLY = "partially", _("partially granted")
        REFUSED = "refused", _("refused")

    # Decisions that need a written reason: the person must be told why (art. 12(4)).
    NEEDS_REASON = (Decision.PARTIALLY, Decision.REFUSED)

    cell = models.ForeignKey(Cell, models.PROTECT, related_name="+", verbose_name=_("cell"))
    subject = models.ForeignKey(
        Subject,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind of request"), max_length=16, choices=Kind.choices)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due on"))
    description = EncryptedTextField(_("what the person asks"))
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_reason = EncryptedTextField(_("reason for the decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["cell", "-received_on", "-id"], name="subjectrequest_cell"),
            models.Index(
                fields=["cell", "due_on"],
                condition=Q(decision="pending"),
                name="subjectrequest_pending_due",
            ),
        ]

    def __str__(self) -> str:  # never the description: str() ends up in logs
        return self.reference

    @property
    def reference(self) -> str:
        return f"SR-{self.pk:06d}" if self.pk else "SR-new"

    @property
    def is_pending(self) -> bool:
        return self.decision == self.Decision.PENDING

    @property
    def is_overdue(self) -> bool:
        return self.is_pending and self.due_on < timezone.localdate()
