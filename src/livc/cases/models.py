from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from livc.organisations.models import Cell, Municipality, Organisation
from livc.privacy.fields import EncryptedTextField

from .choices import ClosureReason, Outcome, Phenomenon, PreventionLevel


class Subject(models.Model):
    """The person a signal or case is about. Identity encrypted; blind indexes for lookups."""

    cell = models.ForeignKey(Cell, models.PROTECT, related_name="subjects")
    first_name = EncryptedTextField(_("first name"))
    last_name = EncryptedTextField(_("last name"))
    birth_date = EncryptedTextField(_("birth date"))  # ISO date, encrypted
    national_number = EncryptedTextField(_("national register number"), blank=True)
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    name_index = models.CharField(max_length=64, db_index=True)
    national_number_index = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Case(models.Model):
    class Phase(models.TextChoices):
        PREPARATION = "preparation", _("preparation")
        ACTIVE = "active", _("active")
        ON_HOLD = "on_hold", _("on hold")
        AFTERCARE = "aftercare", _("aftercare")
        CLOSED = "closed", _("closed")

    class Consent(models.TextChoices):
        UNKNOWN = "", _("not yet recorded")
        GIVEN = "given", _("given")
        REFUSED = "refused", _("refused")
        NOT_REQUIRED = "not_required", _("not required")

    cell = models.ForeignKey(Cell, models.PROTECT, related_name="cases")
    code = models.CharField(_("code"), max_length=24, unique=True)
    subject = models.ForeignKey(Subject, models.PROTECT, related_name="cases")
    phase = models.CharField(
        _("phase"), max_length=16, choices=Phase.choices, default=Phase.PREPARATION
    )
    phenomenon = models.CharField(_("phenomenon"), max_length=20, choices=Phenomenon.choices)
    prevention_level = models.CharField(
        _("prevention level"), max_length=12, choices=PreventionLevel.choices
    )
    case_director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="directed_cases",
        verbose_name=_("case director"),
    )
    consent = models.CharField(
        _("consent for support"), max_length=14, choices=Consent.choices, blank=True
    )
    consent_by_guardian = models.BooleanField(
        _("consent given by parent or guardian"), default=False
    )
    informed_on = models.DateField(_("subject informed on"), null=True, blank=True)
    not_informed_reason = models.CharField(
        _("reason the subject was not informed"), max_length=300, blank=True
    )
    ltf_known = models.BooleanField(_("known at the Local Task Force"), null=True, blank=True)
    ltf_checked_on = models.DateField(_("LTF checked on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=16, choices=ClosureReason.choices, blank=True
    )
    closure_outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["cell", "phase", "-opened_on"], name="case_cell_phase"),
            models.Index(fields=["phase", "-opened_on", "-id"], name="case_phase_opened"),
        ]
        constraints = [
            # Either the date the subject was informed or the reason not to, never both.
            models.CheckConstraint(
                condition=Q(informed_on__isnull=True) | Q(not_informed_reason=""),
                name="case_informed_or_reason",
            ),
            # Closure facts belong to a closed case; reopening clears them.
            models.CheckConstraint(
                condition=Q(phase="closed")
                | Q(closed_on__isnull=True, closure_reason="", closure_outcome=""),
                name="case_closure_only_when_closed",
            ),
            # An LTF date is the date of an answer.
            models.CheckConstraint(
                condition=Q(ltf_checked_on__isnull=True) | Q(ltf_known__isnull=False),
                name="case_ltf_date_with_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class CaseCounter(models.Model):
    """Per cell and year, the last sequence number used in case codes."""

    cell = models.ForeignKey(Cell, models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cell", "year"], name="casecounter_cell_year")
        ]


class PhaseChange(models.Model):
    case = models.ForeignKey(Case, models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=16, choices=Case.Phase.choices, blank=True)
    to_phase = models.CharField(max_length=16, choices=Case.Phase.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    @property
    def reason_display(self) -> str:
        """Closure reasons are stored as codes; reopening reasons as the text given."""
        if self.to_phase == Case.Phase.CLOSED and self.reason in ClosureReason.values:
            return ClosureReason(self.reason).label
        return self.reason


class Participant(models.Model):
    """An organisation invited to one case (need-to-know)."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        PARTICIPATING = "participating", _("participating")
        DECLINED = "declined", _("declined")
        LEFT = "left", _("left")

    ACTIVE = (Status.INVITED, Status.PARTICIPATING)

    case = models.ForeignKey(Case, models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="participations", verbose_name=_("organisation")
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.INVITED
    )
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    invited_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ParticipantMember", related_name="participations"
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"], name="participant_case_organisation"
            ),
            # A reason is the reason an organisation declined.
            models.CheckConstraint(
                condition=Q(status="declined") | Q(decline_reason=""),
                name="participant_reason_when_declined",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="participant_org")]


class ParticipantMember(models.Model):
    participant = models.ForeignKey(Participant, models.CASCADE, related_name="named_members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "user"], name="participant_member")
        ]
        indexes = [models.Index(fields=["user", "participant"], name="participantmember_user")]


class AssessmentNote(models.Model):
    """A professional's dated, signed assessment. No computed scores, ever."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)
    text = EncryptedTextField(_("assessment"))

    class Meta:
        ordering = ["-written_at", "-id"]


class AftercareCheckin(models.Model):
    case = models.ForeignKey(Case, models.CASCADE, related_name="checkins")
    due_on = models.DateField(_("due on"), db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_on"]
