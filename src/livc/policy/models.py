"""Action plans of governments (Part G): a plan, its structure as data (axes, or strategic
objectives with their operational objectives), its measures with their owner, indicator,
budget and status, the half-yearly progress updates of each measure, and the
recommendations (parliamentary hearings, evaluations...) the plan follows up.

No model here holds personal data of anyone a cell follows, and none links to a case,
signal, conference or subject; the only persons named are the officials who own measures
and record changes. Free text is checked for identifiers on save (services).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from livc.core.workflow import TransitionRow
from livc.organisations.models import Municipality, Organisation, Province, Region

from .choices import Level, PolicyDomain, RecommendationSource, Structure

TEXT_LENGTH = 4000  # long free text (descriptions, narratives, recommendations)
TITLE_LENGTH = 300
SHORT_LENGTH = 300  # a line (reasons, references)
CODE_LENGTH = 20
AMOUNT = {"max_digits": 14, "decimal_places": 2}


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADOPTED = "adopted", _("adopted")
        CLOSED = "closed", _("closed")

    level = models.CharField(_("government level"), max_length=20, choices=Level.choices)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("The region whose policy officers manage the plan; empty for federal plans."),
    )
    province = models.ForeignKey(
        Province,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    structure = models.CharField(
        _("structure"), max_length=12, choices=Structure.choices, default=Structure.AXES
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    responsible_body = models.CharField(_("responsible body"), max_length=200)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-period_start", "title", "id"]
        indexes = [models.Index(fields=["region", "status"], name="plan_region_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="plan_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_on__isnull=False),
                name="plan_adopted_has_approval_date",
            ),
            models.CheckConstraint(
                condition=Q(level="federal", region__isnull=True)
                | (~Q(level="federal") & Q(region__isnull=False)),
                name="plan_region_iff_not_federal",
            ),
            models.CheckConstraint(
                condition=Q(level="province", province__isnull=False)
                | (~Q(level="province") & Q(province__isnull=True)),
                name="plan_province_iff_province_level",
            ),
            models.CheckConstraint(
                condition=Q(level="municipality", municipality__isnull=False)
                | (~Q(level="municipality") & Q(municipality__isnull=True)),
                name="plan_municipality_iff_municipality_level",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        """The code written to the access log (e.g. PLAN-0003)."""
        return f"PLAN-{self.pk:04d}"

    def objective_kinds(self) -> tuple[str, ...]:
        """The kinds of axes and objectives the plan's structure takes."""
        if self.structure == Structure.AXES:
            return (Objective.Kind.AXIS,)
        return (Objective.Kind.STRATEGIC, Objective.Kind.OPERATIONAL)

    def area_name(self) -> str:
        """Where the plan applies: its province or municipality, else its level."""
        if self.municipality_id:
            return self.municipality.name
        if self.province_id:
            return self.province.name
        return str(self.get_level_display())


class PlanChange(TransitionRow):
    """A dated row per change of a plan's status (the first row records its creation)."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="history")

    class Meta(TransitionRow.Meta):
        verbose_name = _("change of plan status")
        verbose_name_plural = _("changes of plan status")

    states = Plan.Status


class Objective(models.Model):
    """A node of a plan's structure: an axis, a strategic objective or an operational
    objective (under a strategic one). Measures hang under axes and objectives."""

    class Kind(models.TextChoices):
        AXIS = "axis", _("axis")
        STRATEGIC = "strategic", _("strategic objective")
        OPERATIONAL = "operational", _("operational objective")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="objectives")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("strategic objective"),
    )
    code = models.CharField(_("code"), max_length=CODE_LENGTH)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("axis or objective")
        verbose_name_plural = _("axes and objectives")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="objective_code_per_plan"),
            models.CheckConstraint(
                condition=Q(kind="operational", parent__isnull=False)
                | (~Q(kind="operational") & Q(parent__isnull=True)),
                name="objective_parent_iff_operational",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        IMPLEMENTED = "implemented", _("implemented")
        DELAYED = "delayed", _("delayed")
        ABANDONED = "abandoned", _("abandoned")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="measures")
    objective = models.ForeignKey(
        Objective, models.PROTECT, related_name="measures", verbose_name=_("axis or objective")
    )
    code = models.CharField(_("code"), max_length=CODE_LENGTH)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    policy_domain = models.CharField(
        _("policy domain"), max_length=20, choices=PolicyDomain.choices
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner organisation"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_measures",
        verbose_name=_("owner"),
    )
    indicator = models.CharField(_("indicator"), max_length=TITLE_LENGTH, blank=True)
    indicator_unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **AMOUNT)
    target = models.DecimalField(_("target"), null=True, blank=True, **AMOUNT)
    budget = models.DecimalField(_("budget (EUR)"), null=True, blank=True, **AMOUNT)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    status_reason = models.CharField(_("reason"), max_length=SHORT_LENGTH, blank=True)
    closed_on = models.DateField(_("implemented or abandoned on"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["owner", "plan"], name="measure_owner_plan"),
            models.Index(fields=["plan", "status"], name="measure_plan_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="measure_code_per_plan"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="measure_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="measure_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["implemented", "abandoned"], closed_on__isnull=False)
                | (~Q(status__in=["implemented", "abandoned"]) & Q(closed_on__isnull=True)),
                name="measure_closed_on_iff_final",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["delayed", "abandoned"]) | ~Q(status_reason=""),
                name="measure_reason_when_delayed_or_abandoned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def reference(self) -> str:
        return f"PLAN-{self.plan_id:04d}/{self.code}"[:40]


class MeasureChange(TransitionRow):
    """A dated row per change of a measure's status (the first row records its creation)."""

    measure = models.ForeignKey(Measure, models.CASCADE, related_name="history")

    class Meta(TransitionRow.Meta):
        verbose_name = _("change of measure status")
        verbose_name_plural = _("changes of measure status")

    states = Measure.Status


class ProgressUpdate(models.Model):
    """The owner's half-yearly update of a measure: where it stands at the end of the
    half-year, in their words, with the indicator's value and the spending so far."""

    measure = models.ForeignKey(Measure, models.CASCADE, related_name="updates")
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half-year"))
    status = models.CharField(_("status"), max_length=12, choices=Measure.Status.choices)
    narrative = models.TextField(_("progress"), max_length=TEXT_LENGTH)
    indicator_value = models.DecimalField(_("indicator value"), null=True, blank=True, **AMOUNT)
    spending = models.DecimalField(_("spending (EUR)"), null=True, blank=True, **AMOUNT)
    due_on = models.DateField(_("due on"))
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-year", "-half", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "half"], name="progress_update_once_per_period"
            ),
            models.CheckConstraint(condition=Q(half__in=[1, 2]), name="progress_update_half_1_2"),
            models.CheckConstraint(
                condition=Q(spending__isnull=True) | Q(spending__gte=0),
                name="progress_update_spending_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.year}-H{self.half}"

    @property
    def is_late(self) -> bool:
        return self.submitted_on > self.due_on


class Recommendation(models.Model):
    """A recommendation the plan follows up (a parliamentary hearing, an evaluation...),
    linked to the measures that answer it."""

    class FollowUp(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("being followed up")
        FOLLOWED = "followed", _("followed")
        NOT_FOLLOWED = "not_followed", _("not followed")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="recommendations")
    source = models.CharField(_("source"), max_length=30, choices=RecommendationSource.choices)
    source_reference = models.CharField(_("reference of the source"), max_length=SHORT_LENGTH)
    text = models.TextField(_("recommendation"), max_length=TEXT_LENGTH)
    issued_on = models.DateField(_("date"))
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="recommendations", verbose_name=_("measures")
    )
    follow_up = models.CharField(
        _("follow-up"), max_length=12, choices=FollowUp.choices, default=FollowUp.OPEN
    )
    follow_up_note = models.CharField(_("follow-up note"), max_length=SHORT_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(follow_up="not_followed") | ~Q(follow_up_note=""),
                name="recommendation_reason_when_not_followed",
            ),
        ]

    def __str__(self) -> str:
        return self.source_reference


class RecommendationChange(TransitionRow):
    """A dated row per change of a recommendation's follow-up."""

    recommendation = models.ForeignKey(Recommendation, models.CASCADE, related_name="history")

    class Meta(TransitionRow.Meta):
        verbose_name = _("change of follow-up")
        verbose_name_plural = _("changes of follow-up")

    states = Recommendation.FollowUp
