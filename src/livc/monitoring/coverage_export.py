"""The coverage overview as CSV (areas or cells) and as JSON; names in the active language.

CSV cells that a spreadsheet would run as a formula are neutralised: cell names are typed
in by administrators and must not become code on a supervisor's machine.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from .coverage import AreaRow, CellRow, Coverage

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA_START else text


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _percent(value: float | None) -> str:
    """Already rounded half-up (`AreaRow.coverage_percent`); one decimal, dot decimal."""
    return "" if value is None else f"{value:.1f}"


def _area_fields(row: AreaRow) -> list:
    return [
        row.cells,
        row.intermunicipal_cells,
        row.complete_cells,
        row.municipalities_covered,
        row.municipalities_total,
        _percent(row.coverage_percent),
    ]


def areas_csv(coverage: Coverage) -> str:
    """One row per province (or region without provinces), per region and for the total."""
    header = [
        _("level"),
        _("region NIS code"),
        _("region"),
        _("province NIS code"),
        _("province"),
        _("cells"),
        _("intermunicipal cells"),
        _("cells with complete composition"),
        _("municipalities covered"),
        _("municipalities"),
        _("coverage (%)"),
    ]
    rows: list[list] = []
    for block in coverage.regions:
        region = block.region
        for row in block.provinces:
            province = row.province
            rows.append(
                [
                    _("province") if province else _("region without provinces"),
                    region.nis_code,
                    region.name,
                    province.nis_code if province else "",
                    province.name if province else "",
                    *_area_fields(row),
                ]
            )
        rows.append([_("region"), region.nis_code, region.name, "", "", *_area_fields(block.total)])
    rows.append([_("total"), "", "", "", "", *_area_fields(coverage.total)])
    return _write(header, rows)


def cells_csv(coverage: Coverage) -> str:
    header = [
        _("cell"),
        _("code"),
        _("municipality NIS codes"),
        _("municipalities"),
        _("number of municipalities"),
        _("intermunicipal"),
        _("composition complete"),
        _("missing roles"),
    ]
    rows = [
        [
            row.cell.name,
            row.cell.code,
            " ".join(m.nis_code for m in row.current_municipalities),
            "; ".join(m.name for m in row.current_municipalities),
            len(row.current_municipalities),
            _yes_no(row.intermunicipal),
            _yes_no(row.composition_complete),
            "; ".join(str(role.label) for role in row.missing_roles),
        ]
        for row in coverage.cells
    ]
    return _write(header, rows)


def _write(header: list, rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe(h) for h in header])
    writer.writerows([[safe(v) for v in row] for row in rows])
    return buffer.getvalue()


def _area_json(row: AreaRow) -> dict:
    return {
        "cells": row.cells,
        "intermunicipal_cells": row.intermunicipal_cells,
        "cells_with_complete_composition": row.complete_cells,
        "municipalities_covered": row.municipalities_covered,
        "municipalities_total": row.municipalities_total,
        "coverage_percent": row.coverage_percent,
    }


def _unit(unit) -> dict | None:
    return None if unit is None else {"nis_code": unit.nis_code, "name": unit.name}


def _cell_json(row: CellRow) -> dict:
    return {
        "name": row.cell.name,
        "code": row.cell.code,
        "municipalities": [_unit(m) for m in row.current_municipalities],
        "intermunicipal": row.intermunicipal,
        "composition_complete": row.composition_complete,
        "missing_roles": [str(role) for role in row.missing_roles],
    }


def coverage_json(coverage: Coverage) -> dict:
    """A stable structure: codes (NIS, role values) for machines, names for people."""
    return {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "filters": {"region": _unit(coverage.region), "province": _unit(coverage.province)},
        "total": _area_json(coverage.total),
        "regions": [
            {
                **_unit(block.region),
                **_area_json(block.total),
                "provinces": [
                    {"province": _unit(row.province), **_area_json(row)} for row in block.provinces
                ],
            }
            for block in coverage.regions
        ],
        "cells": [_cell_json(row) for row in coverage.cells],
    }
