"""Reads on polarisation situations, already scoped by policies. Situations hold no
personal data, so reading them writes no access-log entry (writes do, in services)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from livc.organisations.models import Cell, Membership, Municipality, Organisation

from . import policies, workflow
from .choices import Intensity, intensity_scale
from .models import Intervention, Situation

# ?sort= keys of the list page and the columns they order by.
SORTS = {
    "reported": "reported_on",
    "intensity": "intensity",
    "state": "state",
    "municipality": "municipality__name_nl",
    "review": "next_review_on",
    "updated": "updated_at",
}
DEFAULT_SORT = "-reported"


def sort_key(requested: str) -> str:
    """`requested` if it names a sort (with an optional '-'), else the default."""
    return requested if requested.lstrip("-") in SORTS else DEFAULT_SORT


def cells(*, ids) -> QuerySet[Cell]:
    return Cell.objects.filter(pk__in=ids).order_by("name")


def situation_list(
    *,
    user,
    cell_id: int,
    state: str = "",
    intensity: int | None = None,
    theme: str = "",
    sort: str = DEFAULT_SORT,
) -> QuerySet[Situation]:
    """The cell's situations the user reads, filtered and sorted (themes prefetched)."""
    situations = policies.visible_situations(user).filter(cell=cell_id)
    if state:
        situations = situations.filter(state=state)
    if intensity:
        situations = situations.filter(intensity=intensity)
    if theme:
        situations = situations.filter(themes__theme=theme)
    key = sort_key(sort)
    column = ("-" if key.startswith("-") else "") + SORTS[key.lstrip("-")]
    return (
        situations.select_related("cell", "municipality__region")
        .prefetch_related("themes")
        .order_by(column, "-id")
    )


def situation_page(*, user, situation: Situation) -> dict:
    """The situation page's content, for a reader (from `policies.access_situation`)."""
    return {
        "situation": situation,
        "actions": policies.situation_actions(user, situation),
        "themes": situation.theme_labels(),
        "history": situation.history.select_related("by"),
        "contributions": situation.contributions.select_related("organisation", "author"),
        "interventions": situation.interventions.select_related("organisation"),
        "reviews": situation.reviews.select_related("by"),
        "scale": intensity_scale(),
    }


def interventions_page(*, user, situation: Situation) -> dict:
    return {
        "situation": situation,
        "can_plan": policies.can_plan_interventions(user, situation),
        "interventions": situation.interventions.select_related("organisation"),
    }


def intervention_history(*, intervention: Intervention):
    return intervention.history.select_related("by")


def cell_municipalities(*, cell_id: int) -> QuerySet[Municipality]:
    """The municipalities the cell serves, by name."""
    return (
        Municipality.objects.filter(cell_areas__cell=cell_id, cell_areas__is_active=True)
        .select_related("region")
        .order_by("name_nl")
    )


def municipality_choices(*, cell_id: int, keep: int | None = None) -> QuerySet[Municipality]:
    """The cell's municipalities, and `keep` (the one a situation has) if it left them."""
    served = Municipality.objects.filter(
        cell_areas__cell=cell_id, cell_areas__is_active=True
    ).values("pk")
    return (
        Municipality.objects.filter(Q(pk__in=served) | Q(pk=keep))
        .select_related("region")
        .order_by("name_nl")
    )


def cell_organisations(*, cell_id: int, keep: int | None = None) -> QuerySet[Organisation]:
    """Organisations with members in the cell: the owners an intervention may have (and
    `keep`, the owner it has)."""
    members = Membership.objects.filter(cell=cell_id, is_active=True, organisation__isnull=False)
    return Organisation.objects.filter(
        Q(pk__in=members.values("organisation_id"), is_active=True) | Q(pk=keep)
    ).order_by("name")


@dataclass
class OverviewRow:
    municipality: Municipality
    counts: list[int]
    total: int


@dataclass
class Overview:
    """Open situations of a cell per municipality and intensity (the cell's "map")."""

    levels: list[tuple[int, str, str]]
    rows: list[OverviewRow] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    total: int = 0
    situations: list[Situation] = field(default_factory=list)


def overview(*, user, cell_id: int) -> Overview:
    """Counts of the open situations per municipality (every municipality the cell serves,
    also those with none) and intensity, and those situations by municipality. Three
    queries whatever the number of situations."""
    open_situations = policies.visible_situations(user).filter(
        cell=cell_id, state__in=workflow.OPEN_STATES
    )
    counted = {
        (row["municipality_id"], row["intensity"]): row["n"]
        for row in open_situations.values("municipality_id", "intensity").annotate(n=Count("id"))
    }
    served = list(cell_municipalities(cell_id=cell_id))
    situations = list(
        open_situations.select_related("cell", "municipality__region").order_by(
            "municipality__name_nl", "-intensity", "-reported_on", "-id"
        )
    )
    known = {m.pk for m in served}
    # A municipality the cell no longer serves keeps its situations on the map.
    served += [s.municipality for s in situations if s.municipality_id not in known]
    served = list({m.pk: m for m in served}.values())
    levels = list(Intensity.values)
    result = Overview(levels=intensity_scale(), situations=situations)
    for municipality in sorted(served, key=lambda m: m.name):
        counts = [counted.get((municipality.pk, level), 0) for level in levels]
        result.rows.append(OverviewRow(municipality, counts, sum(counts)))
    result.totals = [sum(row.counts[i] for row in result.rows) for i in range(len(levels))]
    result.total = sum(result.totals)
    return result
