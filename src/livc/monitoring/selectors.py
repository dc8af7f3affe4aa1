"""Reads for the dashboards: where each cell belongs (region, province), the selection a
supervisor asks for, and the choices of the filters.

A cell belongs to one region and at most one province: those of most of the
municipalities it serves (active areas first; ties go to the lowest ids). Figures need a
partition: a cell serving municipalities in two provinces is counted in one of them, so
province figures add up to the region's. (The coverage overview, which counts cells rather
than their figures, lists such a cell under both.) Cells no longer active stay in their
area: their past figures are part of its history.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count
from django.http import Http404

from livc.organisations.models import Cell, CellMunicipality, Province, Region

from .policies import SupervisorScope

UNPLACED = "unplaced"


@dataclass(frozen=True)
class Place:
    region_id: int | None
    province_id: int | None


def cell_places(cell_ids: Iterable[int] | None = None) -> dict[int, Place]:
    """The region and province of each cell (one grouped query)."""
    areas = CellMunicipality.objects.all()
    if cell_ids is not None:
        areas = areas.filter(cell__in=list(cell_ids))
    best: dict[int, tuple] = {}
    rows = (
        areas.values("cell_id", "is_active", "municipality__region_id", "municipality__province_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        region, province = row["municipality__region_id"], row["municipality__province_id"]
        rank = (row["is_active"], row["n"], -region, -(province or 0))
        if row["cell_id"] not in best or rank > best[row["cell_id"]][0]:
            best[row["cell_id"]] = (rank, Place(region, province))
    return {cell_id: place for cell_id, (_rank, place) in best.items()}


def path(place: Place | None) -> tuple[str, ...]:
    """A cell's areas from the top, as `suppression.suppress` takes them."""
    if place is None:
        return (UNPLACED,)
    if place.province_id is None:
        return (f"region:{place.region_id}",)
    return (f"region:{place.region_id}", f"province:{place.province_id}")


def cell_hierarchy(cell_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """Cell id → areas above it, for `suppression.suppress(report, hierarchy)`."""
    cell_ids = list(cell_ids)
    places = cell_places(cell_ids)
    return {cell_id: path(places.get(cell_id)) for cell_id in cell_ids}


@dataclass
class Areas:
    """The regions, provinces and cells a supervisor may choose from (four queries)."""

    scope: SupervisorScope
    regions: list[Region] = field(default_factory=list)
    provinces: list[Province] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    places: dict[int, Place] = field(default_factory=dict)

    @classmethod
    def load(cls, scope: SupervisorScope) -> "Areas":
        places = cell_places()
        regions = Region.objects.order_by("nis_code")
        provinces = Province.objects.select_related("region").order_by("nis_code")
        if not scope.federal:
            regions = regions.filter(pk__in=scope.region_ids)
            provinces = provinces.filter(region__in=scope.region_ids)
        cells = [
            cell
            for cell in Cell.objects.order_by("name")
            if scope.federal
            or (cell.pk in places and scope.covers_region(places[cell.pk].region_id))
        ]
        return cls(scope, list(regions), list(provinces), cells, places)

    def cells_in(self, *, region_id=None, province_id=None) -> list[Cell]:
        def inside(cell) -> bool:
            place = self.places.get(cell.pk)
            if region_id is not None and (place is None or place.region_id != region_id):
                return False
            return province_id is None or (place is not None and place.province_id == province_id)

        return [cell for cell in self.cells if inside(cell)]


@dataclass
class Selection:
    """What a supervisor looks at: a cell, a province, a region, or all of their scope."""

    cells: list[Cell]
    hierarchy: dict[int, tuple[str, ...]]
    region: Region | None = None
    province: Province | None = None
    cell: Cell | None = None

    @property
    def cell_ids(self) -> list[int]:
        return [cell.pk for cell in self.cells]


def supervisor_selection(
    areas: Areas,
    *,
    region_id: int | None = None,
    province_id: int | None = None,
    cell_id: int | None = None,
) -> Selection:
    """The cells of the most specific filter given; 404 when it lies outside the scope
    (or does not exist)."""
    region = _pick(areas.regions, region_id)
    province = _pick(areas.provinces, province_id)
    cell = _pick(areas.cells, cell_id)
    if cell is not None:
        cells = [cell]
    elif province is not None:
        cells = areas.cells_in(province_id=province.pk)
    elif region is not None:
        cells = areas.cells_in(region_id=region.pk)
    else:
        cells = list(areas.cells)
    hierarchy = {c.pk: path(areas.places.get(c.pk)) for c in cells}
    return Selection(cells, hierarchy, region, province, cell)


def _pick(options, pk: int | None):
    if pk is None:
        return None
    for option in options:
        if option.pk == pk:
            return option
    raise Http404
