"""Importing a plan's structure from CSV or XLSX: a good file builds the objectives and
measures; a file with broken rows is refused as a whole, every broken row reported with
its number and reason, and nothing is written."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from livc.audit.models import AccessLogEntry
from livc.policy import services
from livc.policy.imports import MAX_ROWS
from livc.policy.models import Measure, MeasureChange, Objective

from .conftest import plan_data

pytestmark = pytest.mark.django_db

HEADER = [
    "kind", "code", "parent", "title", "policy_domain", "owner_email", "owner_organisation",
    "indicator", "unit", "baseline", "target", "budget", "start", "end",
]  # fmt: skip


@pytest.fixture
def plan(world):
    """A draft plan with strategic and operational objectives, in the officer's area."""
    return services.plan_create(
        user=world.users["flemish_officer"],
        **plan_data(title="Plan with objectives", structure="objectives"),
    )


def csv_bytes(rows, delimiter=",") -> bytes:
    lines = [delimiter.join(HEADER)] + [delimiter.join(str(c) for c in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(kind, code, parent, title, **columns) -> list:
    """A row of the file: the four first columns, then any other by name."""
    values = dict.fromkeys(HEADER, "")
    values.update(kind=kind, code=code, parent=parent, title=title, **columns)
    return [values[name] for name in HEADER]


def good_rows(world, year):
    return [
        row("strategic", "1", "", "Resilience against polarisation"),
        row("operational", "1.1", "1", "Media literacy"),
        row(
            "measure",
            "1.1.1",
            "1.1",
            "Lesson packages for schools",
            policy_domain="education",
            owner_email=world.users["other_owner"].email,
            indicator="schools reached",
            unit="schools",
            baseline="0",
            target="150",
            budget="80000,50",
            start=f"01/02/{year}",
            end=f"{year}-12-31",
        ),
        row(
            "measure",
            "1.2",
            "1",
            "Dialogue on polarisation",
            policy_domain="youth",
            owner_organisation="Department of Welfare",
            budget="12000",
        ),
        row("strategic", "2", "", "Support for local governments"),
    ]


def test_a_good_csv_builds_the_structure(world, plan):
    year = plan.period_start.year
    result = services.plan_structure_import(
        user=world.users["flemish_officer"],
        plan=plan,
        content=csv_bytes(good_rows(world, year), delimiter=";"),
        filename="Structure.CSV",
    )
    assert (result.objectives, result.measures) == (3, 2)
    operational = plan.objectives.get(code="1.1")
    assert operational.kind == "operational" and operational.parent.code == "1"
    lessons = plan.measures.get(code="1.1.1")
    assert lessons.objective == operational
    assert lessons.owner == world.users["other_owner"]
    assert lessons.owner_organisation.name == "Department of Education"
    assert lessons.budget == Decimal("80000.50")
    assert lessons.starts_on == datetime.date(year, 2, 1)
    assert lessons.status == "planned" and lessons.history.count() == 1
    dialogue = plan.measures.get(code="1.2")
    assert dialogue.owner is None and dialogue.owner_organisation.name == "Department of Welfare"
    entry = AccessLogEntry.objects.filter(object_type="policy_plan", object_id=plan.pk).last()
    assert entry.reason == "import: 3 axes or objectives, 2 measures"


def test_a_good_xlsx_builds_the_same(world, plan):
    year = plan.period_start.year
    rows = good_rows(world, year)
    rows[2][12] = datetime.datetime(year, 2, 1)  # a date cell
    rows[2][11] = 80000.5  # a number cell
    rows[0][1] = 1  # a code the spreadsheet turned into a number
    rows[1][2] = 1
    rows[3][2] = 1.0
    rows[4][1] = 2
    services.plan_structure_import(
        user=world.users["flemish_officer"],
        plan=plan,
        content=xlsx_bytes(rows),
        filename="structure.xlsx",
    )
    assert sorted(plan.objectives.values_list("code", flat=True)) == ["1", "1.1", "2"]
    assert plan.measures.get(code="1.1.1").budget == Decimal("80000.50")


def test_a_file_built_to_fail_reports_every_broken_row_and_writes_nothing(world, plan):
    year = plan.period_start.year
    youth = {"policy_domain": "youth"}
    rows = good_rows(world, year) + [
        row("chapter", "3", "", "Unknown kind"),  # row 8 (after the blank line)
        row("strategic", "1", "", "Code used twice"),  # 9
        row("operational", "3.1", "", "No parent"),  # 10
        row("operational", "3.2", "1.1", "Parent not strategic"),  # 11
        row("axis", "4", "", "An axis in a plan with objectives"),  # 12
        row("measure", "9.1", "7", "Parent missing", **youth),  # 13
        row("measure", "9.2", "1", "Bad domain", policy_domain="astrology"),  # 14
        row("measure", "9.3", "1", "Unknown owner", owner_email="nobody@example.test", **youth),
        row("measure", "9.4", "1", "Bad date", start="31/02/2025", **youth),  # 16
        row("measure", "9.5", "1", "Negative budget", budget="-5", **youth),  # 17
        row(
            "measure",
            "9.6",
            "1",
            "End before start",
            start=f"{year}-06-01",
            end=f"{year}-01-01",
            **youth,
        ),  # 18
        row("measure", "9.7", "1", "Written by Jan Peeters", **youth),  # 19
        row("measure", "9 8", "1", "", **youth),  # 20: code and title
        row("measure", "1.2", "1", "Measure code used twice", **youth),  # 21
        row(
            "measure",
            "9.9",
            "1",
            "Owner is not a measure owner",
            owner_email=world.users["coordinator"].email,
            **youth,
        ),  # 22
        row("measure", "9.10", "1", "Too precise", budget="1.234", **youth),  # 23
    ]
    rows.insert(5, [""] * len(HEADER))  # a blank line (row 7) is skipped, numbers follow it
    before = (
        Objective.objects.count(),
        Measure.objects.count(),
        MeasureChange.objects.count(),
        AccessLogEntry.objects.count(),
    )
    with pytest.raises(services.ImportRejected) as rejected:
        services.plan_structure_import(
            user=world.users["flemish_officer"],
            plan=plan,
            content=csv_bytes(rows, delimiter=";"),
            filename="structure.csv",
        )
    reported = {}
    for problem in rejected.value.rows:
        reported.setdefault(problem.row, set()).add(problem.column)
    assert reported == {
        8: {"kind"},
        9: {"code"},
        10: {"parent"},
        11: {"parent"},
        12: {"kind"},
        13: {"parent"},
        14: {"policy_domain"},
        15: {"owner_email"},
        16: {"start"},
        17: {"budget"},
        18: {"end"},
        19: {"title"},
        20: {"code", "title"},
        21: {"code"},
        22: {"owner_email"},
        23: {"budget"},
    }
    messages = {p.row: p.message for p in rejected.value.rows}
    assert "Jan Peeters" in messages[19] and "nobody@example.test" in messages[15]
    assert "16 rows" in rejected.value.messages[0]
    after = (
        Objective.objects.count(),
        Measure.objects.count(),
        MeasureChange.objects.count(),
        AccessLogEntry.objects.count(),
    )
    assert after == before


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"kind,code,title\naxis,1,One\n", "structure.txt", "Upload a .csv or .xlsx file"),
        (b"not a spreadsheet", "structure.xlsx", "XLSX file cannot be read"),
        (b"", "structure.csv", "The file is empty"),
        (b"kind,title\nstrategic,One\n", "structure.csv", "Missing columns: code"),
        (b"kind,code,title,colour\nstrategic,1,One,red\n", "s.csv", "Unknown columns: colour"),
        (b"kind,code,title,code\nstrategic,1,One,2\n", "s.csv", "Columns named twice: code"),
        (b"kind,code,title\n", "structure.csv", "no rows below its header"),
        (
            ("kind,code,title\n" + "strategic,1,x\n" * (MAX_ROWS + 1)).encode(),
            "structure.csv",
            "more than",
        ),
    ],
)
def test_unreadable_files_are_refused_at_row_1(world, plan, content, filename, message):
    with pytest.raises(services.ImportRejected) as rejected:
        services.plan_structure_import(
            user=world.users["flemish_officer"], plan=plan, content=content, filename=filename
        )
    assert rejected.value.rows[0].row == 1
    assert message in rejected.value.rows[0].message
    assert not plan.objectives.exists()


def test_the_import_page_lists_the_broken_rows(client, world, plan):
    client.force_login(world.users["flemish_officer"])
    upload = io.BytesIO(csv_bytes([row("measure", "1", "", "Orphan", policy_domain="youth")]))
    upload.name = "structure.csv"
    response = client.post(reverse("policy:plan_import", args=[plan.pk]), {"file": upload})
    assert response.status_code == 400
    assert [(p.row, p.column) for p in response.context["rejected"]] == [(2, "parent")]
    assert "Nothing was written" in response.content.decode()
    assert not plan.objectives.exists() and not plan.measures.exists()


def test_the_import_page_imports_a_good_file(client, world, plan):
    client.force_login(world.users["flemish_officer"])
    upload = io.BytesIO(xlsx_bytes(good_rows(world, plan.period_start.year)))
    upload.name = "structure.xlsx"
    response = client.post(reverse("policy:plan_import", args=[plan.pk]), {"file": upload})
    assert response.status_code == 302
    assert plan.measures.count() == 2
