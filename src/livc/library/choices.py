"""Reference lists of the library (translated). A text is described by what it is and who
issued it, never by anyone it concerns: the library holds no personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The level of government (or body) a text comes from."""

    FEDERAL = "federal", _("federal")
    REGIONAL = "regional", _("regional")
    COMMUNITY = "community", _("community")
    PROVINCIAL = "provincial", _("provincial")
    LOCAL = "local", _("local")
    INTERNATIONAL = "international", _("European or international")


class Kind(models.TextChoices):
    LAW = "law", _("law")
    DECREE = "decree", _("decree or ordinance")
    EXECUTIVE_DECREE = "executive_decree", _("royal or government decree")
    REGULATION = "regulation", _("European regulation")
    CIRCULAR = "circular", _("circular")
    PLAN = "plan", _("plan, strategy or programme")
    MODEL_DOCUMENT = "model_document", _("model document")
    GUIDELINE = "guideline", _("guideline or position paper")
    REPORT = "report", _("report")
    RECOMMENDATION = "recommendation", _("recommendation or resolution")
    COMMUNICATION = "communication", _("communication, statement or letter")


class Theme(models.TextChoices):
    CELLS = "cells", _("local integrated security cells")
    SECRECY = "secrecy", _("professional secrecy and information sharing")
    DATA_PROTECTION = "data_protection", _("privacy and data protection")
    POLICE_INFORMATION = "police_information", _("police information")
    PREVENTION = "prevention", _("prevention of radicalisation and extremism")
    POLARISATION = "polarisation", _("polarisation")
    COOPERATION = "cooperation", _("cooperation and coordination between levels")
    LOCAL_GOVERNMENTS = "local_governments", _("support for local governments")
    FAMILY_SUPPORT = "family_support", _("helplines, parents and front-line workers")
    REINTEGRATION = "reintegration", _("disengagement, prison and reintegration")
    DIVERSITY = "diversity", _("anti-racism and diversity")
    INTERNATIONAL = "international", _("international cooperation")


class DatePrecision(models.TextChoices):
    """How much of `issued_on` is known: "January 2015" is stored as 1 January 2015."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Licence(models.TextChoices):
    """May the platform hold the full text? Official acts of Belgian public authorities are
    not protected by copyright (Code of Economic Law, art. XI.172 §2) and EU legislation may
    be reused; other documents only when their licence allows it."""

    OFFICIAL = "official", _("official text of a public authority: free to reproduce")
    OPEN = "open", _("published under an open licence")
    LINK_ONLY = "link_only", _("rights reserved or unknown: summary and link only")


FULL_TEXT_LICENCES = (Licence.OFFICIAL, Licence.OPEN)


class Language(models.TextChoices):
    """Language versions: Dutch and French are required, German and English optional."""

    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")


REQUIRED_LANGUAGES = (Language.DUTCH, Language.FRENCH)
# PostgreSQL text search configuration per language version.
SEARCH_CONFIGS = {"nl": "dutch", "fr": "french", "de": "german", "en": "english"}


class RelationKind(models.TextChoices):
    """How one text relates to another, read from the source: "A amends B"."""

    AMENDS = "amends", _("amends")
    REPLACES = "replaces", _("replaces")
    IMPLEMENTS = "implements", _("implements")
    REFERS_TO = "refers_to", _("refers to")


# The same relation read from its target: "B is amended by A".
INVERSE_LABELS = {
    RelationKind.AMENDS: _("amended by"),
    RelationKind.REPLACES: _("replaced by"),
    RelationKind.IMPLEMENTS: _("implemented by"),
    RelationKind.REFERS_TO: _("referred to by"),
}
# Relations that cannot also hold the other way round between the same two texts.
ONE_WAY = (RelationKind.AMENDS, RelationKind.REPLACES, RelationKind.IMPLEMENTS)
