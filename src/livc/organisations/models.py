from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

REGION_WALLOON = "03000"


class AdministrativeUnit(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120)

    class Meta:
        abstract = True
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (English falls back to the local official name)."""
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        if language == "fr":
            return self.name_fr
        if language == "de":
            return self.name_de
        if language == "en" and self._uses_french_name():
            return self.name_fr
        return self.name_nl

    def _uses_french_name(self) -> bool:
        return False


class Region(AdministrativeUnit):
    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def _uses_french_name(self) -> bool:
        return self.nis_code == REGION_WALLOON


class Province(AdministrativeUnit):
    region = models.ForeignKey(Region, models.PROTECT, related_name="provinces")

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def _uses_french_name(self) -> bool:
        return self.region.nis_code == REGION_WALLOON


class Arrondissement(AdministrativeUnit):
    province = models.ForeignKey(
        Province, models.PROTECT, null=True, blank=True, related_name="arrondissements"
    )
    region = models.ForeignKey(Region, models.PROTECT, related_name="arrondissements")

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("arrondissement")
        verbose_name_plural = _("arrondissements")


class Municipality(AdministrativeUnit):
    """A Belgian municipality (REFNIS). `valid_until` is set when it stops existing."""

    arrondissement = models.ForeignKey(
        Arrondissement, models.PROTECT, related_name="municipalities"
    )
    province = models.ForeignKey(
        Province, models.PROTECT, null=True, blank=True, related_name="municipalities"
    )
    region = models.ForeignKey(Region, models.PROTECT, related_name="municipalities")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        indexes = [models.Index(fields=["valid_until"], name="municipality_valid_until")]

    def _uses_french_name(self) -> bool:
        return self.region_id is not None and self.region.nis_code == REGION_WALLOON


class MunicipalityMerger(models.Model):
    """A former municipality and the one it became part of (e.g. the mergers of 2025)."""

    old_nis_code = models.CharField(_("former NIS code"), max_length=5)
    old_name_nl = models.CharField(_("former name"), max_length=120)
    municipality = models.ForeignKey(Municipality, models.PROTECT, related_name="mergers")
    merged_on = models.DateField(_("merged on"))

    class Meta:
        verbose_name = _("municipality merger")
        verbose_name_plural = _("municipality mergers")
        ordering = ["old_name_nl"]
        constraints = [
            models.UniqueConstraint(
                fields=["old_nis_code", "merged_on"], name="merger_unique_old_code_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_name_nl} ({self.old_nis_code}) → {self.municipality.name_nl}"


class Cell(models.Model):
    """A local integrated security cell (LIVC-R / CSIL-R), possibly intermunicipal."""

    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        FRENCH = "fr", _("French")
        GERMAN = "de", _("German")

    name = models.CharField(_("name"), max_length=150, unique=True)
    code = models.CharField(
        _("code"),
        max_length=6,
        unique=True,
        help_text=_("2 to 6 capital letters, used in case codes (e.g. MEC)."),
    )
    language = models.CharField(
        _("working language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    municipalities = models.ManyToManyField(
        Municipality, through="CellMunicipality", related_name="cells"
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cell")
        verbose_name_plural = _("cells")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2,6}$"),
                name="cell_code_capitals",
                violation_error_message=_("The code must be 2 to 6 capital letters."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class CellMunicipality(models.Model):
    """A municipality served by a cell; at most one active cell per municipality."""

    cell = models.ForeignKey(Cell, models.CASCADE, related_name="areas")
    municipality = models.ForeignKey(Municipality, models.PROTECT, related_name="cell_areas")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("municipality served")
        verbose_name_plural = _("municipalities served")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(is_active=True),
                name="municipality_one_active_cell",
                violation_error_message=_(
                    "This municipality is already served by another active cell."
                ),
            ),
            models.UniqueConstraint(
                fields=["cell", "municipality"], name="cell_municipality_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell} – {self.municipality}"


class Organisation(models.Model):
    class Type(models.TextChoices):
        CAW = "caw", _("CAW (general welfare centre)")
        CLB = "clb", _("CLB / PMS (pupil guidance centre)")
        CGG = "cgg", _("CGG (mental health centre)")
        OCMW = "ocmw", _("OCMW / CPAS (public social welfare centre)")
        POLICE = "police", _("local police")
        PREVENTION = "prevention", _("prevention service")
        YOUTH_WORK = "youth_work", _("youth work")
        SCHOOL = "school", _("school")
        JUSTICE_HOUSE = "justice_house", _("justice house")
        PRISON = "prison", _("prison service")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="organisations", verbose_name=_("municipality")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "municipality"],
                name="organisation_unique_name_municipality",
                violation_error_message=_(
                    "An organisation with this name already exists in this municipality."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    CHAIR = "chair", _("chair")
    INFORMATION_OFFICER = "information_officer", _("information officer")
    PARTNER = "partner", _("partner")
    DPO = "dpo", _("data protection officer")
    SUPERVISOR = "supervisor", _("supervisor")
    ADMINISTRATOR = "administrator", _("administrator")
    # Roles above the cells (Part G): they never reach a case, signal, conference or subject.
    POLICY_OFFICER = "policy_officer", _("policy officer")
    MEASURE_OWNER = "measure_owner", _("measure owner")
    MOBILE_TEAM_EXPERT = "mobile_team_expert", _("mobile-team expert")
    GRANT_OFFICER = "grant_officer", _("grant officer")


CELL_ROLES = (Role.COORDINATOR, Role.CHAIR, Role.INFORMATION_OFFICER, Role.PARTNER, Role.DPO)
GLOBAL_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
# Above the cells: a region or none (federal) for policy and grant officers, like supervisors;
# the mobile team is federal; a measure owner works in a policy domain's administration,
# on behalf of that organisation.
REGIONAL_ROLES = (Role.SUPERVISOR, Role.POLICY_OFFICER, Role.GRANT_OFFICER)
ABOVE_CELL_ROLES = (
    Role.POLICY_OFFICER,
    Role.MEASURE_OWNER,
    Role.MOBILE_TEAM_EXPERT,
    Role.GRANT_OFFICER,
)
# Law of 30 July 2018: the mayor (chair), the prevention official (coordinator) and the
# police (information officer) must sit in every cell.
MANDATORY_ROLES = (Role.CHAIR, Role.COORDINATOR, Role.INFORMATION_OFFICER)


class Membership(models.Model):
    """A user's role in one cell on behalf of one organisation, or a role above the cells."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    cell = models.ForeignKey(
        Cell,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("cell"),
    )
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("region"),
        help_text=_(
            "For supervisors, policy officers and grant officers: the region they work for; "
            "empty for the federal level."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["cell__name", "role"]
        indexes = [models.Index(fields=["user", "is_active"], name="membership_user_active")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=CELL_ROLES,
                        cell__isnull=False,
                        organisation__isnull=False,
                        region__isnull=True,
                    )
                    | Q(role=Role.SUPERVISOR, cell__isnull=True)
                    | Q(role=Role.ADMINISTRATOR, cell__isnull=True, region__isnull=True)
                    | Q(
                        role__in=(Role.POLICY_OFFICER, Role.GRANT_OFFICER),
                        cell__isnull=True,
                        organisation__isnull=True,
                    )
                    | Q(
                        role=Role.MOBILE_TEAM_EXPERT,
                        cell__isnull=True,
                        organisation__isnull=True,
                        region__isnull=True,
                    )
                    | Q(
                        role=Role.MEASURE_OWNER,
                        cell__isnull=True,
                        organisation__isnull=False,
                        region__isnull=True,
                    )
                ),
                name="membership_scope_matches_role",
                violation_error_message=_(
                    "Cell roles need a cell and an organisation (and no region); roles above "
                    "the cells are not tied to a cell, and a measure owner acts on behalf of "
                    "an organisation."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "cell", "organisation", "role"],
                condition=Q(is_active=True, cell__isnull=False),
                name="membership_unique_active_cell_role",
                violation_error_message=_("This user already has this role in this cell."),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(is_active=True, cell__isnull=True),
                name="membership_unique_active_global_role",
                violation_error_message=_("This user already has this role."),
            ),
        ]

    def __str__(self) -> str:
        if self.cell_id:
            return f"{self.user} – {self.get_role_display()} – {self.cell}"
        return f"{self.user} – {self.get_role_display()}"
