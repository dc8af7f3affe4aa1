"""Reference lists of polarisation situations (configurable per deployment, translated).

A situation is about groups, places and activities, never about persons: none of these
lists describes a person, and none asks for ethnicity, religion or health (DESIGN.md
principle 4). "Religion and worldview" is a theme of a local tension, not a trait of anyone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    PUBLIC_SPACE = "public_space", _("public space and nuisance")
    INTERNATIONAL_CONFLICT = "international_conflict", _("international conflict with local echoes")
    MIGRATION = "migration", _("migration and reception")
    IDENTITY = "identity", _("identity, belonging and discrimination")
    GENDER = "gender", _("gender and sexual diversity")
    WORLDVIEW = "worldview", _("religion and worldview")
    POLITICS = "politics", _("politics, distrust of government and conspiracy theories")
    EDUCATION = "education", _("school and education")
    SPORT = "sport", _("sport and supporters")
    OTHER = "other", _("other")


class TensionSignal(models.TextChoices):
    """Signs of tension between groups (a checklist, like the observed behaviour of signals)."""

    INCIDENTS = "incidents", _("incidents")
    RUMOURS = "rumours", _("rumours")
    ONLINE_CAMPAIGNS = "online_campaigns", _("online campaigns")
    DEMONSTRATIONS = "demonstrations", _("demonstrations")
    VANDALISM = "vandalism", _("vandalism")
    SCHOOL_CONFLICTS = "school_conflicts", _("school conflicts")
    OTHER = "other", _("other")


class Intensity(models.IntegerChoices):
    """How far the tension has gone, on a four-step scale; `INTENSITY_MEANINGS` says what
    each step means, on the form and on the page, so every member scores alike."""

    LATENT = 1, _("1 – latent")
    EMERGING = 2, _("2 – emerging")
    MANIFEST = 3, _("3 – manifest")
    ESCALATED = 4, _("4 – escalated")


INTENSITY_MEANINGS = {
    Intensity.LATENT: _(
        "Tension is felt but not expressed openly: isolated signals, no confrontation."
    ),
    Intensity.EMERGING: _(
        "Signals repeat: rumours, verbal clashes or online hostility; groups start to take sides."
    ),
    Intensity.MANIFEST: _(
        "Open confrontation: repeated incidents, intimidation, mobilisation online or in the "
        "street."
    ),
    Intensity.ESCALATED: _(
        "Violence or serious incidents, or a real risk of them; public order or safety is at stake."
    ),
}


def intensity_scale() -> list[tuple[int, str, str]]:
    """(value, label, meaning) of every step, for the form's help and the page."""
    return [(level.value, level.label, INTENSITY_MEANINGS[level]) for level in Intensity]


class InterventionKind(models.TextChoices):
    MEDIATION = "mediation", _("mediation")
    DIALOGUE = "dialogue", _("dialogue")
    COMMUNITY_WORK = "community_work", _("community work")
    COMMUNICATION = "communication", _("communication")
    POLICE_PRESENCE = "police_presence", _("police presence")
    OTHER = "other", _("other")
