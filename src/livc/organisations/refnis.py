"""Read and apply the REFNIS reference data (regions ... municipalities) shipped in the project.

`read_*` functions validate a whole file before anything is written and raise
`ReferenceDataError` naming the file, row and problem. `apply_reference_data` upserts with
whatever model classes it is given, so the data migration (historical models) and the
`import_municipalities` command (live models) share one code path. Callers wrap it in a
transaction: an import is all or nothing.
"""

import csv
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).resolve().parent / "reference_data"
ADMIN_UNITS_FILE = DATA_DIR / "be_admin_units_2025.csv"
MUNICIPALITIES_FILE = DATA_DIR / "be_municipalities_2025.csv"
MERGERS_FILE = DATA_DIR / "be_municipality_mergers_2025.csv"
MERGER_DATE = datetime.date(2025, 1, 1)

NIS_RE = re.compile(r"^\d{5}$")
LEVELS = ("region", "province", "arrondissement")


class ReferenceDataError(Exception):
    def __init__(self, filename: str, row: int, message: str):
        self.filename, self.row, self.message = filename, row, message
        super().__init__(
            _("%(file)s, row %(row)d: %(message)s")
            % {"file": filename, "row": row, "message": message}
        )


@dataclass(frozen=True)
class AdminUnitRow:
    level: str
    nis_code: str
    parent_nis: str
    name_nl: str
    name_fr: str
    name_de: str


@dataclass(frozen=True)
class MunicipalityRow:
    nis_code: str
    name_nl: str
    name_fr: str
    name_de: str
    arrondissement_nis: str
    province_nis: str
    region_nis: str
    valid_from: datetime.date


@dataclass(frozen=True)
class MergerRow:
    old_nis_code: str
    old_name_nl: str
    new_nis_code: str


def _rows(path: Path, required: Iterable[str]) -> Iterable[tuple[int, dict]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(required) - set(reader.fieldnames or [])
        if missing:
            raise ReferenceDataError(
                path.name,
                1,
                _("missing columns: %(columns)s") % {"columns": ", ".join(sorted(missing))},
            )
        for number, row in enumerate(reader, start=2):
            if None in row or any(value is None for value in row.values()):
                raise ReferenceDataError(path.name, number, _("wrong number of columns"))
            yield number, {key: value.strip() for key, value in row.items()}


def _check_nis(path: Path, number: int, value: str, column: str, optional: bool = False):
    if optional and value == "":
        return
    if not NIS_RE.match(value):
        raise ReferenceDataError(
            path.name,
            number,
            _("%(column)s must be a 5-digit NIS code, got “%(value)s”")
            % {"column": column, "value": value},
        )


def _check_names(path: Path, number: int, row: dict):
    for column in ("name_nl", "name_fr", "name_de"):
        if not row[column]:
            raise ReferenceDataError(
                path.name, number, _("%(column)s is empty") % {"column": column}
            )


def read_admin_units(path: Path = ADMIN_UNITS_FILE) -> list[AdminUnitRow]:
    units: list[AdminUnitRow] = []
    seen: dict[str, str] = {}
    columns = ("level", "nis_code", "parent_nis", "name_nl", "name_fr", "name_de")
    for number, row in _rows(path, columns):
        if row["level"] not in LEVELS:
            raise ReferenceDataError(
                path.name, number, _("unknown level “%(level)s”") % {"level": row["level"]}
            )
        _check_nis(path, number, row["nis_code"], "nis_code")
        _check_nis(path, number, row["parent_nis"], "parent_nis", optional=True)
        _check_names(path, number, row)
        if row["nis_code"] in seen:
            raise ReferenceDataError(
                path.name, number, _("duplicate NIS code %(code)s") % {"code": row["nis_code"]}
            )
        expected_parent = {"region": (), "province": ("region",)}.get(
            row["level"], ("province", "region")
        )
        if (row["parent_nis"] == "") != (expected_parent == ()) or (
            row["parent_nis"] and seen.get(row["parent_nis"]) not in expected_parent
        ):
            raise ReferenceDataError(
                path.name,
                number,
                _("parent %(code)s is not a known unit of the level above")
                % {"code": row["parent_nis"] or "—"},
            )
        seen[row["nis_code"]] = row["level"]
        units.append(AdminUnitRow(**{key: row[key] for key in columns}))
    return units


def read_municipalities(
    units: list[AdminUnitRow], path: Path = MUNICIPALITIES_FILE
) -> list[MunicipalityRow]:
    levels = {unit.nis_code: unit.level for unit in units}
    municipalities: list[MunicipalityRow] = []
    seen: set[str] = set()
    columns = (
        "nis_code",
        "name_nl",
        "name_fr",
        "name_de",
        "arrondissement_nis",
        "province_nis",
        "region_nis",
        "valid_from",
    )
    for number, row in _rows(path, columns):
        _check_nis(path, number, row["nis_code"], "nis_code")
        _check_names(path, number, row)
        for column, level, optional in (
            ("arrondissement_nis", "arrondissement", False),
            ("province_nis", "province", True),
            ("region_nis", "region", False),
        ):
            _check_nis(path, number, row[column], column, optional=optional)
            if row[column] and levels.get(row[column]) != level:
                raise ReferenceDataError(
                    path.name,
                    number,
                    _("%(column)s %(code)s is not a known %(level)s")
                    % {"column": column, "code": row[column], "level": level},
                )
        if row["nis_code"] in seen:
            raise ReferenceDataError(
                path.name, number, _("duplicate NIS code %(code)s") % {"code": row["nis_code"]}
            )
        seen.add(row["nis_code"])
        try:
            valid_from = datetime.date.fromisoformat(row["valid_from"])
        except ValueError:
            raise ReferenceDataError(
                path.name,
                number,
                _("valid_from must be a date (YYYY-MM-DD), got “%(value)s”")
                % {"value": row["valid_from"]},
            ) from None
        municipalities.append(
            MunicipalityRow(
                **{key: row[key] for key in columns if key != "valid_from"},
                valid_from=valid_from,
            )
        )
    return municipalities


def read_mergers(
    municipalities: list[MunicipalityRow], path: Path = MERGERS_FILE
) -> list[MergerRow]:
    current = {municipality.nis_code for municipality in municipalities}
    mergers = []
    for number, row in _rows(path, ("old_nis_code", "old_name_nl", "new_nis_code")):
        _check_nis(path, number, row["old_nis_code"], "old_nis_code")
        _check_nis(path, number, row["new_nis_code"], "new_nis_code")
        if row["new_nis_code"] not in current:
            raise ReferenceDataError(
                path.name,
                number,
                _("new_nis_code %(code)s is not a current municipality")
                % {"code": row["new_nis_code"]},
            )
        mergers.append(MergerRow(row["old_nis_code"], row["old_name_nl"], row["new_nis_code"]))
    return mergers


def apply_reference_data(
    models: dict,
    units: list[AdminUnitRow],
    municipalities: list[MunicipalityRow],
    mergers: list[MergerRow],
    today: datetime.date,
) -> dict[str, int]:
    """Upsert everything; municipalities missing from the file get `valid_until = today`.

    `models` maps "Region", "Province", "Arrondissement", "Municipality",
    "MunicipalityMerger" to model classes. Returns counts per kind.
    """
    Region, Province, Arrondissement = (
        models["Region"],
        models["Province"],
        models["Arrondissement"],
    )
    Municipality, Merger = models["Municipality"], models["MunicipalityMerger"]

    def names(row):
        return {"name_nl": row.name_nl, "name_fr": row.name_fr, "name_de": row.name_de}

    regions, provinces, arrondissements = {}, {}, {}
    for unit in units:
        if unit.level == "region":
            regions[unit.nis_code], _created = Region.objects.update_or_create(
                nis_code=unit.nis_code, defaults=names(unit)
            )
    for unit in units:
        if unit.level == "province":
            provinces[unit.nis_code], _created = Province.objects.update_or_create(
                nis_code=unit.nis_code,
                defaults={**names(unit), "region": regions[unit.parent_nis]},
            )
    for unit in units:
        if unit.level == "arrondissement":
            province = provinces.get(unit.parent_nis)
            region = province.region if province else regions[unit.parent_nis]
            arrondissements[unit.nis_code], _created = Arrondissement.objects.update_or_create(
                nis_code=unit.nis_code,
                defaults={**names(unit), "province": province, "region": region},
            )

    by_code = {}
    for row in municipalities:
        by_code[row.nis_code], _created = Municipality.objects.update_or_create(
            nis_code=row.nis_code,
            defaults={
                **names(row),
                "arrondissement": arrondissements[row.arrondissement_nis],
                "province": provinces.get(row.province_nis),
                "region": regions[row.region_nis],
                "valid_from": row.valid_from,
                "valid_until": None,
            },
        )
    retired = (
        Municipality.objects.exclude(nis_code__in=by_code)
        .filter(valid_until__isnull=True)
        .update(valid_until=today)
    )
    for merger in mergers:
        Merger.objects.update_or_create(
            old_nis_code=merger.old_nis_code,
            merged_on=MERGER_DATE,
            defaults={
                "old_name_nl": merger.old_name_nl,
                "municipality": by_code[merger.new_nis_code],
            },
        )
    return {
        "regions": len(regions),
        "provinces": len(provinces),
        "arrondissements": len(arrondissements),
        "municipalities": len(by_code),
        "retired": retired,
        "mergers": len(mergers),
    }


def read_all(
    admin_units: Path = ADMIN_UNITS_FILE,
    municipalities: Path = MUNICIPALITIES_FILE,
    mergers: Path = MERGERS_FILE,
):
    units = read_admin_units(admin_units)
    municipality_rows = read_municipalities(units, municipalities)
    return units, municipality_rows, read_mergers(municipality_rows, mergers)
