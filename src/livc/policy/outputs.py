"""The half-yearly progress report of a plan as PDF/UA (WeasyPrint, `core.pdf.render_pdf`)
and as XLSX (openpyxl): the overview per axis or strategic objective (measures counted by
the status their owners reported for the half-year, with the updates still missing), every
measure's update, and the updates overdue on the day the report was made.

Numbers go through `livc.core.numbers` (people: the locale's format; XLSX: plain numbers
with a dot decimal). Text a spreadsheet would run as a formula is prefixed with a quote.
"""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from livc.core import numbers
from livc.core.pdf import render_pdf

from .models import Measure
from .selectors import Report

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """A cell value no spreadsheet evaluates."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def filename(report: Report, extension: str) -> str:
    slug = slugify(report.plan.title)[:60] or "plan"
    return f"{slug}-{report.period.code}.{extension}"


def report_html(report: Report) -> str:
    return render_to_string(
        "policy/report_pdf.html", {"report": report, "generated_at": timezone.localtime()}
    )


def report_pdf(report: Report) -> bytes:
    return render_pdf(report_html(report))


def _amount(value):
    return None if value is None else numbers.machine_number(value, 2)


def _status(value: str) -> str:
    return str(Measure.Status(value).label) if value else ""


def overview_rows(report: Report) -> list[list]:
    header = [_("code"), _("axis or objective")]
    header += [label for _value, label in report.statuses]
    header += [_("no update"), _("measures"), _("budget (EUR)"), _("spending (EUR)")]
    rows = [header]
    for section in report.sections:
        rows.append(
            [
                section.objective.code,
                section.objective.title,
                *section.counts,
                section.missing,
                len(section.rows),
                _amount(section.budget),
                _amount(section.spending),
            ]
        )
    rows.append(
        [
            "",
            _("total"),
            *report.totals,
            report.missing,
            sum(len(s.rows) for s in report.sections),
            "",
            "",
        ]
    )
    return rows


def measure_rows(report: Report) -> list[list]:
    rows = [
        [
            _("axis or objective"),
            _("code"),
            _("measure"),
            _("policy domain"),
            _("owner organisation"),
            _("owner"),
            _("current status"),
            _("reported status"),
            _("indicator"),
            _("unit"),
            _("baseline"),
            _("target"),
            _("indicator value"),
            _("budget (EUR)"),
            _("spending (EUR)"),
            _("submitted on"),
            _("late"),
            _("progress"),
        ]
    ]
    for section in report.sections:
        for row in section.rows:
            measure, update = row.measure, row.update
            rows.append(
                [
                    section.objective.code,
                    measure.code,
                    measure.title,
                    str(measure.get_policy_domain_display()),
                    measure.owner_organisation.name if measure.owner_organisation else "",
                    measure.owner.full_name if measure.owner else "",
                    str(measure.get_status_display()),
                    _status(row.reported_status),
                    measure.indicator,
                    measure.indicator_unit,
                    _amount(measure.baseline),
                    _amount(measure.target),
                    _amount(update.indicator_value) if update else None,
                    _amount(measure.budget),
                    _amount(update.spending) if update else None,
                    update.submitted_on if update else None,
                    (_("yes") if update.is_late else _("no")) if update else "",
                    update.narrative if update else "",
                ]
            )
    return rows


def overdue_rows(report: Report) -> list[list]:
    rows = [[_("code"), _("measure"), _("owner"), _("half-year"), _("due on"), _("days late")]]
    for late in report.overdue:
        rows.append(
            [
                late.measure.code,
                late.measure.title,
                late.measure.owner.full_name if late.measure.owner else "",
                late.period.code,
                late.due_on,
                late.days_late,
            ]
        )
    return rows


def report_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = [
        (_("Overview"), overview_rows(report)),
        (_("Measures"), measure_rows(report)),
        (_("Overdue updates"), overdue_rows(report)),
    ]
    for n, (title, rows) in enumerate(sheets):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = str(title)[:31]
        for row in rows:
            sheet.append([safe(value) for value in row])
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    book.properties.title = f"{report.plan.title} – {report.period.code}"
    book.properties.language = get_language() or ""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
