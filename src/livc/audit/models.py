from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The access log is append-only.")

    def delete(self):
        raise PermissionError("The access log is append-only.")


class AccessLogEntry(models.Model):
    """Who read or changed which record, when, in which role, on what ground.

    Holds references only (ids and codes), never personal data, and keeps plain integer
    ids instead of foreign keys so it outlives the records it describes. Entries are
    inserted without locking; `seal_access_log` (scheduled every minute) then chains each
    entry to the previous one by a keyed MAC, in id order, and anchors the head outside the
    database, so any later edit, deletion or insertion is detectable by `verify_access_log`
    (see chain.py and anchors.py). `key_id` names the key that sealed the entry; empty for
    entries sealed by plain SHA-256 before keys existed. On PostgreSQL a trigger refuses
    any change but the sealing itself (see maintenance.py).
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        LIST = "list", _("listed")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        TRANSITION = "transition", _("changed status")
        EXPORT = "export", _("exported")
        DECLINE = "decline", _("declined")
        ATTEST = "attest", _("attested")

    at = models.DateTimeField(_("time"), db_index=True)
    user_id = models.BigIntegerField(_("user"), null=True)
    role = models.CharField(_("role"), max_length=24, blank=True)
    organisation_id = models.BigIntegerField(_("organisation"), null=True)
    cell_id = models.BigIntegerField(_("cell"), null=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=32)
    object_id = models.BigIntegerField(_("record"))
    object_ref = models.CharField(_("reference"), max_length=40, blank=True)
    case_id = models.BigIntegerField(_("case"), null=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")
    # A database default, so bulk SQL inserts that predate the column keep working.
    key_id = models.CharField(max_length=8, blank=True, default="", db_default="")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["case_id", "id"], name="accesslog_case"),
            models.Index(fields=["object_type", "object_id"], name="accesslog_object"),
            models.Index(fields=["user_id", "at"], name="accesslog_user_at"),
            # The DPO's search: one cell's entries in a period, newest first (`id` breaks ties).
            models.Index(fields=["cell_id", "at", "id"], name="accesslog_cell_at"),
            # A case code or signal reference, also after the record itself was purged.
            models.Index(fields=["object_ref", "at"], name="accesslog_ref"),
            models.Index(fields=["id"], condition=Q(hash=""), name="accesslog_unsealed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["hash"], condition=~Q(hash=""), name="accesslog_hash_unique"
            )
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access log is append-only.")


class ChainHead(models.Model):
    """The end of the sealed chain; one row, locked while sealing."""

    last_hash = models.CharField(max_length=64)
    last_id = models.BigIntegerField(default=0)


class ChainVerification(models.Model):
    """The outcome of one check of the hash chain, kept so the DPO sees when it last ran.

    Written by `verify_access_log` (scheduled) and by the DPO's "verify now" button; rows
    are only ever added. `problem` holds the checker's own wording (see PROBLEMS for its
    translation), never personal data.
    """

    class Trigger(models.TextChoices):
        COMMAND = "command", _("scheduled command")
        USER = "user", _("on request")

    at = models.DateTimeField(_("time"), db_index=True)
    ok = models.BooleanField(_("intact"))
    entries_checked = models.PositiveBigIntegerField(_("entries checked"))
    first_bad_id = models.BigIntegerField(_("first broken entry"), null=True, blank=True)
    problem = models.CharField(_("problem"), max_length=200, blank=True)
    unsealed = models.PositiveBigIntegerField(_("entries not sealed yet"), default=0)
    legacy = models.PositiveBigIntegerField(_("entries sealed without a key"), default=0)
    unverifiable = models.PositiveBigIntegerField(
        _("entries sealed with a key no longer configured"), default=0
    )
    anchored_id = models.BigIntegerField(_("newest anchored entry"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    trigger = models.CharField(
        _("started by"), max_length=8, choices=Trigger.choices, default=Trigger.COMMAND
    )
    user_id = models.BigIntegerField(_("user"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("chain verification")
        verbose_name_plural = _("chain verifications")
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Verification results are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Verification results are append-only.")
