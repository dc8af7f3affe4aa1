"""Reads on the library, already scoped by policies. The library holds public texts and no
personal data, so reading it writes no access-log entry (changes do, in services).

Search: on PostgreSQL, full-text search per language version with that language's text
search configuration ('dutch', 'french', 'german', 'english'), ranked (title and official
reference weigh most, then the summary, the charter template and the full text); elsewhere
(the SQLite demo) every word must occur, case-insensitively, in one of those fields.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear, Lower

from . import policies
from .choices import INVERSE_LABELS, SEARCH_CONFIGS, RelationKind
from .models import Entry, EntryTheme, Issuer, LanguageVersion, Relation, preferred_languages

MAX_SEARCH_WORDS = 12
# ?sort= keys of the list page.
SORTS = ("relevance", "-date", "date", "title", "-title", "kind", "level")
DEFAULT_SORT = "-date"
IN_FORCE, RETIRED = "in_force", "retired"


def sort_key(requested: str, *, searching: bool) -> str:
    """`requested` if it names a sort, else relevance when searching, newest first if not."""
    if requested in SORTS and (requested != "relevance" or searching):
        return requested
    return "relevance" if searching else DEFAULT_SORT


def _light_versions() -> Prefetch:
    """Language versions without their long texts (lists and links show titles only)."""
    return Prefetch(
        "versions", queryset=LanguageVersion.objects.defer("full_text", "template_text")
    )


def _title_in(language: str) -> Subquery:
    return Subquery(
        LanguageVersion.objects.filter(entry=OuterRef("pk"), language=language).values("title")[:1]
    )


def _search_words(query: str) -> list[str]:
    return [word for word in query.split() if word][:MAX_SEARCH_WORDS]


class _Matches(Func):
    """`document @@ query` between two annotations (the `exact` lookup of a search vector
    would wrap an expression on its right in another plainto_tsquery)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _search_postgresql(entries: QuerySet[Entry], query: str) -> QuerySet[Entry]:
    """Entries with a language version matching `query` in that language, ranked by their
    best-matching version."""
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchQueryField,
        SearchRank,
        SearchVector,
        SearchVectorField,
    )

    def vector(language: str, config: str):
        return (
            SearchVector("title", weight="A", config=config)
            + SearchVector("entry__official_reference", weight="A", config="simple")
            + SearchVector(f"entry__issuer__name_{language}", weight="C", config=config)
            + SearchVector("summary", weight="B", config=config)
            + SearchVector("template_text", weight="C", config=config)
            + SearchVector("full_text", weight="D", config=config)
        )

    versions = LanguageVersion.objects.annotate(
        document=Case(
            *(
                When(language=language, then=vector(language, config))
                for language, config in SEARCH_CONFIGS.items()
            ),
            output_field=SearchVectorField(),
        ),
        query=Case(
            *(
                When(
                    language=language,
                    then=SearchQuery(query, config=config, search_type="websearch"),
                )
                for language, config in SEARCH_CONFIGS.items()
            ),
            output_field=SearchQueryField(),
        ),
    ).filter(_Matches(F("document"), F("query")))
    best = (
        versions.filter(entry=OuterRef("pk"))
        .annotate(rank=SearchRank(F("document"), F("query")))
        .order_by("-rank")
        .values("rank")[:1]
    )
    return entries.filter(pk__in=versions.values("entry_id")).annotate(
        rank=Coalesce(Subquery(best, output_field=FloatField()), Value(0.0))
    )


def _search_fallback(entries: QuerySet[Entry], query: str) -> QuerySet[Entry]:
    """Every word in some field of some language version (or the reference, or the
    issuer's name); entries whose title holds a word rank first."""
    words = _search_words(query)
    title_hit = Q()
    for word in words:
        in_versions = LanguageVersion.objects.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(template_text__icontains=word)
            | Q(full_text__icontains=word)
        ).values("entry_id")
        entries = entries.filter(
            Q(pk__in=in_versions)
            | Q(official_reference__icontains=word)
            | Q(issuer__name_nl__icontains=word)
            | Q(issuer__name_fr__icontains=word)
            | Q(issuer__name_de__icontains=word)
            | Q(issuer__name_en__icontains=word)
        )
        title_hit |= Q(title__icontains=word)
    in_title = LanguageVersion.objects.filter(title_hit, entry=OuterRef("pk"))
    return entries.annotate(rank=Case(When(Exists(in_title), then=Value(1.0)), default=Value(0.0)))


def search(entries: QuerySet[Entry], query: str) -> QuerySet[Entry]:
    """`entries` matching `query`, annotated with `rank` (higher is better)."""
    if not _search_words(query):
        return entries.annotate(rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        return _search_postgresql(entries, query)
    return _search_fallback(entries, query)


def entry_list(
    *,
    user,
    query: str = "",
    level: str = "",
    kind: str = "",
    issuer: int | None = None,
    year: int | None = None,
    theme: str = "",
    validity: str = "",
    sort: str = "",
) -> QuerySet[Entry]:
    """The entries the user reads, searched, filtered and sorted, with their issuer, their
    language versions (titles and summaries) and themes prefetched."""
    entries = policies.visible_entries(user)
    if level:
        entries = entries.filter(level=level)
    if kind:
        entries = entries.filter(kind=kind)
    if issuer:
        entries = entries.filter(issuer=issuer)
    if year:
        entries = entries.filter(
            issued_on__gte=datetime.date(year, 1, 1), issued_on__lt=datetime.date(year + 1, 1, 1)
        )
    if theme:
        entries = entries.filter(pk__in=EntryTheme.objects.filter(theme=theme).values("entry"))
    if validity == IN_FORCE:
        entries = entries.filter(retired_on__isnull=True)
    elif validity == RETIRED:
        entries = entries.filter(retired_on__isnull=False)
    query = (query or "").strip()
    entries = search(entries, query)
    key = sort_key(sort, searching=bool(_search_words(query)))
    newest = F("issued_on").desc(nulls_last=True)
    if key in ("title", "-title"):
        languages = preferred_languages()
        title = Lower(Coalesce(*(_title_in(code) for code in languages[:3])))
        entries = entries.annotate(sort_title=title)
        order = [F("sort_title").desc() if key == "-title" else F("sort_title").asc()]
    elif key == "relevance":
        order = [F("rank").desc(), newest]
    elif key == "date":
        order = [F("issued_on").asc(nulls_last=True)]
    elif key in ("kind", "level"):
        order = [key, newest]
    else:
        order = [newest]
    return (
        entries.select_related("issuer")
        .prefetch_related(_light_versions(), "themes")
        .order_by(*order, "-id")
    )


def issuers() -> QuerySet[Issuer]:
    return Issuer.objects.order_by("name_nl", "id")


def years(*, user) -> list[int]:
    """The years that have entries, newest first (for the year filter)."""
    return list(
        policies.visible_entries(user)
        .filter(issued_on__isnull=False)
        .annotate(year=ExtractYear("issued_on"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


@dataclass(frozen=True)
class Link:
    """A relation as one text's page shows it: how, to which text, and the relation row."""

    label: str
    entry: Entry
    relation: Relation


def _links(user, entry: Entry) -> tuple[list[Link], list[Link]]:
    visible = policies.visible_entries(user)
    outgoing = (
        entry.relations_out.filter(target__in=visible)
        .select_related("target__issuer")
        .prefetch_related(Prefetch("target__versions", queryset=_light_versions().queryset))
    )
    incoming = (
        entry.relations_in.filter(source__in=visible)
        .select_related("source__issuer")
        .prefetch_related(Prefetch("source__versions", queryset=_light_versions().queryset))
    )
    return (
        [Link(str(RelationKind(r.kind).label), r.target, r) for r in outgoing],
        [Link(str(INVERSE_LABELS[RelationKind(r.kind)]), r.source, r) for r in incoming],
    )


def entry_page(*, user, entry: Entry) -> dict:
    """The entry page's content, for a reader (from `policies.access_entry`)."""
    outgoing, incoming = _links(user, entry)
    order = preferred_languages()
    versions = sorted(entry.versions.all(), key=lambda v: order.index(v.language))
    replaced_by = [link.entry for link in incoming if link.relation.kind == RelationKind.REPLACES]
    return {
        "entry": entry,
        "versions": versions,
        "themes": entry.theme_labels(),
        "outgoing": outgoing,
        "incoming": incoming,
        "replaced_by": replaced_by,
        "actions": policies.entry_actions(user, entry),
    }


def relation_targets(*, user, entry: Entry) -> list[Entry]:
    """The texts `entry` may be linked to (every other entry), by title."""
    others = (
        policies.visible_entries(user)
        .exclude(pk=entry.pk)
        .select_related("issuer")
        .prefetch_related(_light_versions())
    )
    return sorted(others, key=lambda e: e.title.casefold())


@dataclass(frozen=True)
class CharterTemplate:
    """A model charter a cell may start its own charter from (read by the charters module).

    `text` is the starting text in `language` (the reader's, else the first available in
    `models.FALLBACK_LANGUAGES`); `title` and `url` are those of the library entry it comes
    from, in that language.
    """

    entry_id: int
    key: str
    language: str
    title: str
    text: str
    url: str


def charter_templates(*, user, language: str | None = None) -> list[CharterTemplate]:
    """The charter templates in force that the user may read, each in `language` or the
    nearest available one. For the charters module: a cell starts its charter from one."""
    entries = (
        policies.visible_entries(user)
        .filter(is_charter_template=True, retired_on__isnull=True)
        .prefetch_related("versions")
        .order_by("issued_on", "id")
    )
    result = []
    for entry in entries:
        by_language = {v.language: v for v in entry.versions.all() if v.template_text.strip()}
        code = next((c for c in preferred_languages(language) if c in by_language), None)
        if code is None:
            continue
        version = by_language[code]
        result.append(
            CharterTemplate(
                entry_id=entry.pk,
                key=entry.key,
                language=code,
                title=version.title,
                text=version.template_text,
                url=version.url,
            )
        )
    return result
