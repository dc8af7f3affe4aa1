"""Reference lists shared by intake and cases (DESIGN.md → Starting lists), translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phenomenon(models.TextChoices):
    JIHADIST = "jihadist", _("jihadist / religiously inspired")
    RIGHT_WING = "right_wing", _("right-wing extremist")
    LEFT_WING = "left_wing", _("left-wing extremist")
    SINGLE_ISSUE = "single_issue", _("single-issue (animal rights, environment)")
    ANTI_GOVERNMENT = "anti_government", _("anti-government / conspiracy")
    POLARISATION = "polarisation", _("polarisation")
    MIXED = "mixed", _("mixed or unclear")
    OTHER = "other", _("other")


class PreventionLevel(models.TextChoices):
    PRIMARY = "primary", _("primary")
    SECONDARY = "secondary", _("secondary")
    TERTIARY = "tertiary", _("tertiary")


class Urgency(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")


class Behaviour(models.TextChoices):
    CHANGE = "change", _("sudden change in behaviour or appearance")
    WITHDRAWAL = "withdrawal", _("withdrawal from family, friends, school or work")
    US_VS_THEM = "us_vs_them", _("us-versus-them talk")
    GLORIFYING = "glorifying", _("justifying or glorifying violence")
    CONTACTS = "contacts", _("contact with extremist persons or groups")
    ONLINE = "online", _("consuming or sharing extremist material online")
    THREATS = "threats", _("threats")
    TRAVEL = "travel", _("interest in travel to a conflict zone")
    AUTHORITY = "authority", _("conflict with authority escalating")
    OTHER = "other", _("other")


class ClosureReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("goals reached")
    REGULAR_CARE = "regular_care", _("continued in regular care")
    MOVED = "moved", _("moved (handed to another cell)")
    REFUSED = "refused", _("refused cooperation")
    JUDICIAL = "judicial", _("referred to the judicial or security track")
    DECEASED = "deceased", _("deceased")
    OTHER = "other", _("other")


class Outcome(models.TextChoices):
    IMPROVED = "improved", _("improved")
    STABLE = "stable", _("stable")
    WORSENED = "worsened", _("worsened")
    UNKNOWN = "unknown", _("unknown")
