"""The legal and knowledge library: laws, decrees, circulars, plans and model documents that
professionals of the cells must know, each with its language versions, its themes and its
typed links to other texts.

Nothing here holds personal data or links to a case, signal, conference or subject: a text
is described by its issuer (a public body), its type, level and date. Summaries are written
for the platform and never official; full texts are kept only where the licence allows it,
and web addresses are stored as text, never fetched.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import DatePrecision, Kind, Language, Level, Licence, RelationKind, Theme

KEY_LENGTH = 60
TITLE_LENGTH = 500
SUMMARY_LENGTH = 4000
NOTE_LENGTH = 300
REFERENCE_LENGTH = 200
URL_LENGTH = 500
# The longest full text kept (the GDPR is about 400,000 characters in each language).
FULL_TEXT_LENGTH = 1_000_000
TEMPLATE_LENGTH = 20_000
# Which language version a reader sees first: theirs, then these in order.
FALLBACK_LANGUAGES = ("nl", "fr", "en", "de")


def preferred_languages(language: str | None = None) -> list[str]:
    """The reader's language (the active one by default) first, then the fallbacks."""
    first = (language or get_language() or "nl").split("-")[0]
    return [first, *(code for code in FALLBACK_LANGUAGES if code != first)]


class Issuer(models.Model):
    """A public body (or organisation) that issues texts, named in each language."""

    key = models.SlugField(_("key"), max_length=KEY_LENGTH, blank=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_de = models.CharField(_("name in German"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")
        ordering = ["name_nl", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="library_issuer_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        for code in preferred_languages():
            value = getattr(self, f"name_{code}", "")
            if value:
                return value
        return self.name_nl


class Entry(models.Model):
    """One text of the library. Retired entries stay readable, marked as no longer in force."""

    key = models.SlugField(
        _("key"),
        max_length=KEY_LENGTH,
        blank=True,
        help_text=_("A stable identifier for texts the platform itself refers to."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    issuer = models.ForeignKey(
        Issuer, models.PROTECT, related_name="entries", verbose_name=_("issuer")
    )
    issued_on = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date known to the"), max_length=8, choices=DatePrecision.choices, blank=True
    )
    official_reference = models.CharField(
        _("official reference"), max_length=REFERENCE_LENGTH, blank=True
    )
    publication = models.CharField(
        _("publication"),
        max_length=REFERENCE_LENGTH,
        blank=True,
        help_text=_("Where it was published, e.g. the Belgian Official Journal and its date."),
    )
    licence = models.CharField(_("licence"), max_length=12, choices=Licence.choices)
    is_charter_template = models.BooleanField(_("charter template"), default=False)
    retired_on = models.DateField(_("no longer in force since"), null=True, blank=True)
    retirement_note = models.CharField(
        _("why it is no longer in force"), max_length=NOTE_LENGTH, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["kind", "level"], name="library_entry_kind_level"),
            models.Index(fields=["issued_on"], name="library_entry_issued_on"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="library_entry_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True, date_precision="")
                | Q(issued_on__isnull=False, date_precision__in=DatePrecision.values),
                name="library_entry_precision_iff_date",
            ),
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True, retirement_note="")
                | (Q(retired_on__isnull=False) & ~Q(retirement_note="")),
                name="library_entry_retired_with_note",
            ),
            models.CheckConstraint(
                condition=Q(is_charter_template=False) | Q(kind=Kind.MODEL_DOCUMENT),
                name="library_entry_template_is_model_document",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="library_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(level__in=Level.values), name="library_entry_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(licence__in=Licence.values), name="library_entry_licence_valid"
            ),
        ]

    def __str__(self) -> str:
        version = self.version_in()
        return version.title if version else self.reference

    @property
    def reference(self) -> str:
        """The access-log reference: a code, never a title."""
        return self.key or f"LIB-{self.pk}"

    @property
    def in_force(self) -> bool:
        return self.retired_on is None

    def version_in(self, language: str | None = None) -> "LanguageVersion | None":
        """The language version a reader of `language` sees (from prefetched versions)."""
        versions = {v.language: v for v in self.versions.all()}
        for code in preferred_languages(language):
            if code in versions:
                return versions[code]
        return None

    @property
    def title(self) -> str:
        version = self.version_in()
        return version.title if version else ""

    def theme_labels(self) -> list[str]:
        return [str(Theme(t.theme).label) for t in self.themes.all()]

    def date_display_format(self) -> str:
        """The date format for the precision known (a Django format name)."""
        return {
            DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
            DatePrecision.YEAR: "Y",
        }.get(self.date_precision, "DATE_FORMAT")


class LanguageVersion(models.Model):
    """An entry in one language: its title (official or a working translation), a summary
    written for the platform, and where the licence allows it, the full text."""

    entry = models.ForeignKey(
        Entry, models.CASCADE, related_name="versions", verbose_name=_("entry")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    title_is_official = models.BooleanField(_("official title"), default=True)
    summary = models.TextField(_("summary"), max_length=SUMMARY_LENGTH)
    full_text = models.TextField(_("full text"), blank=True)
    url = models.CharField(_("web address"), max_length=URL_LENGTH, blank=True)
    template_text = models.TextField(_("charter template"), blank=True)

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["entry", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "language"], name="library_version_one_per_language"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="library_version_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class EntryTheme(models.Model):
    entry = models.ForeignKey(Entry, models.CASCADE, related_name="themes")
    theme = models.CharField(_("theme"), max_length=24, choices=Theme.choices)

    class Meta:
        ordering = ["theme"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "theme"], name="library_theme_once"),
        ]
        indexes = [models.Index(fields=["theme", "entry"], name="library_theme_entry")]


class Relation(models.Model):
    """A typed link from one text to another, read from the source: "A amends B"."""

    source = models.ForeignKey(
        Entry, models.CASCADE, related_name="relations_out", verbose_name=_("text")
    )
    target = models.ForeignKey(
        Entry, models.CASCADE, related_name="relations_in", verbose_name=_("related text")
    )
    kind = models.CharField(_("relation"), max_length=12, choices=RelationKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("relation between texts")
        verbose_name_plural = _("relations between texts")
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="library_relation_once"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="library_relation_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RelationKind.values), name="library_relation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.reference} {self.kind} {self.target.reference}"
