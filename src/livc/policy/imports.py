"""Reading a plan's structure from a CSV or XLSX file: one row per axis, objective or
measure, under a header row naming the columns (any order, case-insensitive).

This module only reads: it turns the file into rows of values (dates parsed, cells
trimmed) and reports what it cannot read, by row number and column. The rules of the
structure itself are the services' (`services.plan_structure_import` checks every row with
the rules of `objective_add` and `measure_add`, and writes nothing when a row is broken).

Row numbers are those a spreadsheet shows: the header is row 1, the first data row row 2.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from livc.organisations.models import Membership, Organisation, Role

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MEASURE = "measure"

# column → (field, what it holds). `kind`, `code` and `title` are required.
COLUMNS = {
    "kind": ("kind", gettext_lazy("axis, strategic, operational or measure")),
    "code": ("code", gettext_lazy("the code in the plan, e.g. 3 or 3.2 (unique per plan)")),
    "parent": (
        "parent",
        gettext_lazy(
            "for an operational objective: the code of its strategic objective; for a "
            "measure: the code of its axis or objective"
        ),
    ),
    "title": ("title", gettext_lazy("the title")),
    "description": ("description", gettext_lazy("optional description")),
    "policy_domain": ("policy_domain", gettext_lazy("measures: the code of the policy domain")),
    "owner_email": ("owner", gettext_lazy("measures, optional: the e-mail of the measure owner")),
    "owner_organisation": (
        "owner_organisation",
        gettext_lazy("measures, optional: the exact name of the owner organisation"),
    ),
    "indicator": ("indicator", gettext_lazy("measures, optional: the indicator")),
    "unit": ("indicator_unit", gettext_lazy("measures, optional: the unit of the indicator")),
    "baseline": ("baseline", gettext_lazy("measures, optional: a number")),
    "target": ("target", gettext_lazy("measures, optional: a number")),
    "budget": ("budget", gettext_lazy("measures, optional: euros, e.g. 125000 or 125000.50")),
    "start": ("starts_on", gettext_lazy("measures, optional: 2025-01-31 or 31/01/2025")),
    "end": ("ends_on", gettext_lazy("measures, optional: 2025-12-31 or 31/12/2025")),
}
REQUIRED = ("kind", "code", "title")
FIELD_OF_COLUMN = {column: name for column, (name, _help) in COLUMNS.items()}
COLUMN_OF_FIELD = {name: column for column, name in FIELD_OF_COLUMN.items()}
DATE_FIELDS = ("starts_on", "ends_on")
# The kinds in English (the codes) and as the Dutch and French pages name them.
KINDS = {
    "axis": "axis",
    "as": "axis",
    "axe": "axis",
    "strategic": "strategic",
    "strategische doelstelling": "strategic",
    "objectif stratégique": "strategic",
    "operational": "operational",
    "operationele doelstelling": "operational",
    "objectif opérationnel": "operational",
    "measure": MEASURE,
    "maatregel": MEASURE,
    "mesure": MEASURE,
}
_BELGIAN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Row:
    number: int
    values: dict
    errors: dict = field(default_factory=dict)


class FileProblem(Exception):
    """The file as a whole cannot be read (type, size, encoding, header, length)."""

    def __init__(self, message: str, column: str = ""):
        super().__init__(message)
        self.rows = [RowError(1, column, message)]


def _text(value) -> str:
    """A cell as text: spreadsheets turn codes like 3 into numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    match = _BELGIAN_DATE.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("Write the date as 2025-06-30 or 30/06/2025.")) from None


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")  # Excel's CSV on Windows


def _csv_rows(content: bytes) -> list[tuple[int, list]]:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(number, row) for number, row in enumerate(reader, 1)]
    except csv.Error:
        raise FileProblem(_("The CSV file cannot be read.")) from None


def _xlsx_rows(content: bytes) -> list[tuple[int, list]]:
    # Imported here: openpyxl is only needed for imports.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is the same answer
        raise FileProblem(_("The XLSX file cannot be read.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            rows.append((number, list(row)))
            if number > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def read_rows(content: bytes, filename: str) -> list[Row]:
    """The data rows of a CSV or XLSX file, blank rows left out. Raises FileProblem when
    the file as a whole is unreadable; problems of single cells are in each row's errors."""
    name = (filename or "").lower()
    if len(content) > MAX_BYTES:
        raise FileProblem(_("The file is larger than 2 MB."))
    if name.endswith(".csv"):
        raw = _csv_rows(content)
    elif name.endswith(".xlsx"):
        raw = _xlsx_rows(content)
    else:
        raise FileProblem(_("Upload a .csv or .xlsx file."))
    raw = [(number, cells) for number, cells in raw if any(_text(c) for c in cells)]
    if not raw:
        raise FileProblem(_("The file is empty."))
    header_number, header = raw[0]
    columns = [_text(cell).lower() for cell in header]
    unknown = [c for c in columns if c and c not in COLUMNS]
    if unknown:
        raise FileProblem(
            _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}, unknown[0]
        )
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise FileProblem(
            _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}, missing[0]
        )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise FileProblem(
            _("Columns named twice: %(columns)s.") % {"columns": ", ".join(duplicated)},
            duplicated[0],
        )
    data = raw[1:]
    if len(data) > MAX_ROWS:
        raise FileProblem(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return [_row(number, columns, cells) for number, cells in data]


def _row(number: int, columns: list[str], cells: list) -> Row:
    values = {name: "" for name in FIELD_OF_COLUMN.values()}
    values.update(starts_on=None, ends_on=None)
    errors = {}
    for index, column in enumerate(columns):
        if not column:
            continue
        cell = cells[index] if index < len(cells) else None
        name = FIELD_OF_COLUMN[column]
        if name in DATE_FIELDS:
            try:
                values[name] = _date(cell)
            except ValueError as error:
                errors[name] = str(error)
        elif name in ("baseline", "target", "budget") and isinstance(cell, int | float):
            values[name] = cell  # a number cell stays a number
        else:
            values[name] = _text(cell)
    kind = values["kind"].strip().lower()
    if kind in KINDS:
        values["kind"] = KINDS[kind]
    elif kind:
        errors["kind"] = _("The kind is axis, strategic, operational or measure.")
    else:
        errors["kind"] = _("This field is required.")
    return Row(number, values, errors)


class OwnerLookup:
    """Measure owners by e-mail and organisations by exact name, for all rows at once
    (two queries)."""

    def __init__(self, emails: set[str], names: set[str]):
        owners = Membership.objects.filter(
            role=Role.MEASURE_OWNER,
            is_active=True,
            user__is_active=True,
            user__email__in=emails,
        ).values_list("user__email", "user_id")
        self.owners = {email.lower(): user_id for email, user_id in owners}
        found: dict[str, list[int]] = {}
        for pk, name in Organisation.objects.filter(name__in=names, is_active=True).values_list(
            "pk", "name"
        ):
            found.setdefault(name, []).append(pk)
        self.organisations = found

    def resolve(self, values: dict) -> dict:
        email, name = values.get("owner", "").lower(), values.get("owner_organisation", "")
        organisations = self.organisations.get(name, [])
        return {
            "owner": self.owners.get(email),
            "owner_organisation": organisations[0] if len(organisations) == 1 else None,
        }

    def errors(self, values: dict) -> dict:
        errors = {}
        email, name = values.get("owner_email_text", ""), values.get("owner_organisation_text", "")
        if email and email.lower() not in self.owners:
            errors["owner"] = _("No measure owner has the e-mail address “%(email)s”.") % {
                "email": email
            }
        matches = len(self.organisations.get(name, [])) if name else 0
        if name and matches == 0:
            errors["owner_organisation"] = _("No active organisation is named “%(name)s”.") % {
                "name": name
            }
        elif matches > 1 and not email:
            errors["owner_organisation"] = _(
                "Several organisations are named “%(name)s”; give the owner's e-mail instead."
            ) % {"name": name}
        return errors


def owner_lookup(rows: list[Row]) -> OwnerLookup:
    """Keep the text of the owner columns (for messages) and look them all up at once."""
    for row in rows:
        row.values["owner_email_text"] = row.values.get("owner", "")
        row.values["owner_organisation_text"] = row.values.get("owner_organisation", "")
    emails = {row.values["owner"].lower() for row in rows if row.values.get("owner")}
    emails |= {row.values["owner"] for row in rows if row.values.get("owner")}
    names = {r.values["owner_organisation"] for r in rows if r.values.get("owner_organisation")}
    return OwnerLookup(emails, names)
