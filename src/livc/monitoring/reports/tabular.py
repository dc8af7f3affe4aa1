"""The half-yearly report as XLSX (openpyxl) and CSV: one row per figure and per row of
its breakdown, for every period of the trend; a sheet of definitions; the commentary.

Hidden values are the marker "<5" (text), other counts are numbers; a share is a
percentage and a median a number of days, both with one decimal rounded half-up as on the
pages (`livc.core.numbers`), with a dot decimal. Text that a spreadsheet would run as a
formula (starting with = + - @ or a tab/CR) is prefixed with a quote: commentary is free
text.
"""

import csv
import io

from django.utils.translation import gettext as _

from livc.core import numbers

from ..definitions import DEFINITIONS, THEMES, Unit
from ..indicators import Report
from ..indicators.base import marker

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """A cell value that no spreadsheet evaluates."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _headline(figure):
    if figure.hidden:
        return marker()
    if figure.value is None:
        return ""
    if figure.unit == Unit.SHARE:
        return float(figure.percent)
    return numbers.machine_number(figure.value)


def _unit(definition) -> str:
    if definition.unit == Unit.SHARE:
        return str(_("percentage"))
    return str(Unit(definition.unit).label)


def figure_rows(reports: list[Report]) -> list[list]:
    """Header + one row per (period, figure) and per (period, figure, breakdown row)."""
    themes = {t.code: str(t.title) for t in THEMES}
    rows = [[_("period"), _("theme"), _("code"), _("indicator"), _("unit"), _("row code"), _("row"),
             _("value"), _("total")]]  # fmt: skip
    for report in reports:
        period = report.period.code
        for figure in report:
            definition = figure.definition
            total = marker() if figure.total_hidden else figure.total
            rows.append([period, themes.get(definition.theme, ""), figure.code,
                         str(figure.title), _unit(definition), "", "",
                         _headline(figure), total])  # fmt: skip
            for row in figure.breakdown:
                count = marker() if row.hidden else row.count
                theme = themes.get(definition.theme, "")
                rows.append([period, theme, figure.code, str(figure.title), str(_("number")),
                             row.key, str(row.label), count, ""])  # fmt: skip
    return rows


def definition_rows() -> list[list]:
    rows = [[_("code"), _("indicator"), _("unit"), _("breakdown"), _("definition")]]
    for d in DEFINITIONS.values():
        rows.append([d.code, str(d.title), str(Unit(d.unit).label), str(d.dimension or ""),
                     str(d.text)])  # fmt: skip
    return rows


def commentary_rows(report) -> list[list]:
    from ..models import HalfYearlyReport

    rows = [[_("section"), _("text")]]
    for name, text in report.commentary().items():
        label = HalfYearlyReport._meta.get_field(name).verbose_name
        rows.append([str(label), text])
    return rows


def report_xlsx(report, reports: list[Report]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheets = [
        (_("Figures"), figure_rows(reports)),
        (_("Definitions"), definition_rows()),
        (_("Commentary"), commentary_rows(report)),
    ]
    for n, (title, rows) in enumerate(sheets):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = str(title)[:31]
        for row in rows:
            sheet.append([safe(value) for value in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_csv(report, reports: list[Report]) -> bytes:
    """Figures only (UTF-8 with BOM so spreadsheet programs detect the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in figure_rows(reports):
        writer.writerow([safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
