"""Reference lists of action plans (translated; a deployment may extend them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

FLEMISH_REGION = "02000"
WALLOON_REGION = "03000"
BRUSSELS_REGION = "04000"


class Level(models.TextChoices):
    """The government that adopted the plan."""

    FEDERAL = "federal", _("federal government")
    FLEMISH = "flemish", _("Flemish government")
    WALLOON = "walloon", _("Walloon government")
    BRUSSELS = "brussels", _("Brussels-Capital government")
    FRENCH_COMMUNITY = "french_community", _("French Community (Wallonia-Brussels Federation)")
    GERMAN_COMMUNITY = "german_community", _("German-speaking Community")
    PROVINCE = "province", _("province")
    MUNICIPALITY = "municipality", _("municipality")


# The region whose policy officers manage a plan of each level: None is the federal level;
# a tuple lists the regions the plan may belong to (the communities span regions); the
# province and the municipality levels take the region of the province or municipality.
LEVEL_REGIONS: dict[str, tuple[str | None, ...]] = {
    Level.FEDERAL: (None,),
    Level.FLEMISH: (FLEMISH_REGION,),
    Level.WALLOON: (WALLOON_REGION,),
    Level.BRUSSELS: (BRUSSELS_REGION,),
    Level.FRENCH_COMMUNITY: (WALLOON_REGION, BRUSSELS_REGION),
    Level.GERMAN_COMMUNITY: (WALLOON_REGION,),
}


class Structure(models.TextChoices):
    """How a plan orders its measures: under axes (one level) or under strategic objectives
    and their operational objectives (two levels)."""

    AXES = "axes", _("axes with measures")
    OBJECTIVES = "objectives", _("strategic and operational objectives with measures")


class PolicyDomain(models.TextChoices):
    """The policy domain that carries a measure out (the Flemish domains named by the 2015
    plan, and the federal ones)."""

    HOME_AFFAIRS = "home_affairs", _("home affairs and local government")
    URBAN_POLICY = "urban_policy", _("urban policy")
    INTEGRATION = "integration", _("integration and civic integration")
    YOUTH = "youth", _("youth")
    MEDIA = "media", _("media")
    WELFARE = "welfare", _("welfare, public health and family")
    EDUCATION = "education", _("education and training")
    WORK = "work", _("work and social economy")
    FOREIGN_AFFAIRS = "foreign_affairs", _("foreign affairs")
    JUSTICE = "justice", _("justice and enforcement")
    SECURITY = "security", _("security and prevention")
    OTHER = "other", _("other")


class RecommendationSource(models.TextChoices):
    PARLIAMENTARY_HEARING = "parliamentary_hearing", _("parliamentary hearing")
    PARLIAMENTARY_RESOLUTION = "parliamentary_resolution", _("parliamentary resolution")
    INQUIRY_COMMITTEE = "inquiry_committee", _("parliamentary inquiry committee")
    EVALUATION = "evaluation", _("evaluation")
    AUDIT = "audit", _("audit")
    ADVISORY_BODY = "advisory_body", _("advisory body")
    OTHER = "other", _("other")
