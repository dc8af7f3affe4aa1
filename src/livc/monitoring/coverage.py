"""The coverage overview: which municipalities the cells serve, per region and province.

Not personal data: counts of municipalities and cells, cell names and which mandatory roles
a cell lacks (never who holds them). Definitions, shown on the page and in the exports:

- municipalities: the current ones (`valid_until` empty); a municipality is *covered* when
  an active cell serves it (active `CellMunicipality`).
- cells of an area: active cells serving at least one current municipality in it. A cell
  serving municipalities in two provinces counts once in each and once in their region, so
  province rows need not add up to the region row (cells are counted distinctly).
- intermunicipal cell: serves more than one current municipality.
- composition complete: a chair, a coordinator and an information officer are active
  members (law of 30 July 2018; `organisations.selectors.cells_with_missing_roles`).

Every count is an aggregate query: three for the area table (provinces, regions, total),
whatever the number of cells or municipalities.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from livc.core import numbers
from livc.organisations.models import (
    Cell,
    CellMunicipality,
    Municipality,
    Province,
    Region,
    Role,
)
from livc.organisations.selectors import cells_with_missing_roles, incomplete_cells

from .charts import MUTED, PALETTE, ChartSpec, Series

GREEN = PALETTE[2]

_SERVED = Q(cell_areas__is_active=True, cell_areas__cell__is_active=True)


@dataclass
class AreaRow:
    """The figures of one province, one region or the whole selection."""

    cells: int = 0
    intermunicipal_cells: int = 0
    complete_cells: int = 0
    municipalities_covered: int = 0
    municipalities_total: int = 0
    region: Region | None = None
    province: Province | None = None

    @property
    def incomplete_cells(self) -> int:
        return self.cells - self.complete_cells

    @property
    def municipalities_uncovered(self) -> int:
        return self.municipalities_total - self.municipalities_covered

    @property
    def coverage_percent(self) -> float | None:
        """For exports: one decimal, half-up, dot decimal (None without municipalities)."""
        return numbers.machine_percent(self.municipalities_covered, self.municipalities_total)

    @property
    def coverage_display(self) -> str:
        """For people: "83,3 %" in the active locale, "–" without municipalities."""
        percent = numbers.ratio_percent(self.municipalities_covered, self.municipalities_total)
        return "–" if percent is None else numbers.format_percent(percent)


@dataclass
class RegionBlock:
    region: Region
    total: AreaRow
    provinces: list[AreaRow] = field(default_factory=list)  # province None: no province


@dataclass
class CellRow:
    cell: Cell
    municipalities: list[Municipality]
    missing_roles: list[Role]

    @property
    def current_municipalities(self) -> list[Municipality]:
        return [m for m in self.municipalities if m.valid_until is None]

    @property
    def intermunicipal(self) -> bool:
        return len(self.current_municipalities) > 1

    @property
    def composition_complete(self) -> bool:
        return not self.missing_roles


@dataclass
class Coverage:
    regions: list[RegionBlock]
    total: AreaRow
    cells: list[CellRow]
    region: Region | None = None
    province: Province | None = None

    @property
    def province_rows(self) -> list[AreaRow]:
        return [row for block in self.regions for row in block.provinces]


def _intermunicipal_cells() -> QuerySet:
    current = Q(areas__is_active=True, areas__municipality__valid_until__isnull=True)
    return (
        Cell.objects.filter(is_active=True)
        .annotate(n_current=Count("areas", filter=current))
        .filter(n_current__gt=1)
        .values("pk")
    )


def _complete_cells() -> QuerySet:
    return Cell.objects.filter(is_active=True).exclude(
        pk__in=cells_with_missing_roles().values("pk")
    )


def _aggregates() -> dict:
    cell = "cell_areas__cell"
    return {
        "municipalities_total": Count("pk", distinct=True),
        "municipalities_covered": Count("pk", filter=_SERVED, distinct=True),
        "cells": Count(cell, filter=_SERVED, distinct=True),
        "intermunicipal_cells": Count(
            cell, filter=_SERVED & Q(cell_areas__cell__in=_intermunicipal_cells()), distinct=True
        ),
        "complete_cells": Count(
            cell,
            filter=_SERVED & Q(cell_areas__cell__in=_complete_cells().values("pk")),
            distinct=True,
        ),
    }


def _scope(region: Region | None, province: Province | None) -> Q:
    scope = Q(valid_until__isnull=True)
    if region is not None:
        scope &= Q(region=region)
    if province is not None:
        scope &= Q(province=province)
    return scope


def coverage_overview(*, region: Region | None = None, province: Province | None = None):
    """The overview for Belgium, or one region, or one province. A constant number of queries."""
    municipalities = Municipality.objects.filter(_scope(region, province))
    by_province = municipalities.values("region_id", "province_id").annotate(**_aggregates())
    by_region = municipalities.values("region_id").annotate(**_aggregates())
    total = AreaRow(**municipalities.aggregate(**_aggregates()))
    regions = {r.pk: r for r in Region.objects.all()}
    provinces = {p.pk: p for p in Province.objects.select_related("region")}

    blocks: dict[int, RegionBlock] = {}
    for row in by_region.order_by():
        region_id = row.pop("region_id")
        blocks[region_id] = RegionBlock(
            regions[region_id], AreaRow(region=regions[region_id], **row)
        )
    for row in by_province.order_by():
        region_id, province_id = row.pop("region_id"), row.pop("province_id")
        blocks[region_id].provinces.append(
            AreaRow(region=regions[region_id], province=provinces.get(province_id), **row)
        )
    for block in blocks.values():
        block.provinces.sort(key=lambda r: (r.province is None, r.province and r.province.name))
    ordered = sorted(blocks.values(), key=lambda b: b.region.nis_code)
    total.region, total.province = region, province
    return Coverage(ordered, total, _cell_rows(region, province), region, province)


def _cell_rows(region: Region | None, province: Province | None) -> list[CellRow]:
    """Active cells serving a current municipality in the scope (all active cells when the
    scope is Belgium, so a cell without municipalities shows up too). Three queries."""
    cells = Cell.objects.filter(is_active=True)
    if region is not None or province is not None:
        served = CellMunicipality.objects.filter(
            is_active=True, municipality__in=Municipality.objects.filter(_scope(region, province))
        )
        cells = cells.filter(pk__in=served.values("cell_id"))
    areas = (
        CellMunicipality.objects.filter(is_active=True)
        .select_related("municipality__region")
        .order_by("municipality__name_nl")
    )
    cells = cells.prefetch_related(Prefetch("areas", queryset=areas, to_attr="active_areas"))
    missing = {cell.pk: roles for cell, roles in incomplete_cells()}
    return [
        CellRow(cell, [area.municipality for area in cell.active_areas], missing.get(cell.pk, []))
        for cell in cells.order_by("name")
    ]


def area_label(row: AreaRow) -> str:
    if row.province is not None:
        return row.province.name
    return row.region.name if row.region is not None else ""


def coverage_chart(coverage: Coverage) -> ChartSpec:
    """Municipalities covered and not covered, per province (per region without provinces)."""
    rows = coverage.province_rows
    return ChartSpec(
        id="coverage-provinces",
        title=_("Municipalities served by a cell, per province"),
        kind="stacked_bar",
        labels=[area_label(row) for row in rows],
        series=[
            Series(_("covered"), [row.municipalities_covered for row in rows], colour=GREEN),
            Series(_("not covered"), [r.municipalities_uncovered for r in rows], colour=MUTED),
        ],
        label_heading=_("Province or region"),
    )
