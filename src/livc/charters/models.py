"""A cell's internal rules and confidentiality charter, as numbered immutable versions, and
each member's acceptance of a version."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from livc.organisations.models import Cell, Organisation, Role


class ImmutableQuerySet(models.QuerySet):
    """Published texts and acceptances are records of what was agreed: never rewritten."""

    def update(self, **kwargs):
        raise PermissionError("Charter records are immutable.")

    def delete(self):
        raise PermissionError("Charter records are immutable.")


class _Immutable(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Charter records are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Charter records are immutable.")


class CharterVersion(_Immutable):
    """One published version of a cell text. A change is a new version with the next number;
    the highest number of a (cell, kind) is the current one."""

    class Kind(models.TextChoices):
        # Art. 458ter Criminal Code: who participates, purpose, modalities of the consultation.
        INTERNAL_RULES = "internal_rules", _("internal rules")
        CONFIDENTIALITY = "confidentiality", _("confidentiality charter")

    cell = models.ForeignKey(
        Cell, models.PROTECT, related_name="charter_versions", verbose_name=_("cell")
    )
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        ordering = ["cell", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "kind", "number"], name="charter_version_unique_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="charter_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.cell} – {self.get_kind_display()} {self.number}"

    @property
    def reference(self) -> str:
        """The access-log reference: codes only (e.g. MEC/confidentiality/v2)."""
        return f"{self.cell.code}/{self.kind}/v{self.number}"


class CharterAcceptance(_Immutable):
    """A member read and accepted a version, in the capacity (role, organisation) they hold
    in its cell."""

    version = models.ForeignKey(
        CharterVersion, models.PROTECT, related_name="acceptances", verbose_name=_("version")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="charter_acceptances",
        verbose_name=_("user"),
    )
    accepted_at = models.DateTimeField(_("accepted"))
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = _("charter acceptance")
        verbose_name_plural = _("charter acceptances")
        ordering = ["version", "accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "user"], name="charter_acceptance_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.version}"
