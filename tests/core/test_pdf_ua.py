"""Every PDF the platform makes is tagged PDF/UA-1 (issue Part E2, finding 7): a structure
tree, Marked, DisplayDocTitle, the document's language and title, alternative text for
every picture, headings in order and table cells tied to their headers. Each kind of PDF
is made the way its users make it (a request in their language, or a report job)."""

import io
import itertools
import logging
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from pypdf.generic import BooleanObject, IndirectObject

import livc
from livc.core import pdf as core_pdf
from livc.monitoring.models import ReportJob
from livc.monitoring.reports import services as reports
from livc.organisations.models import Membership, Region, Role

from ..casework import build_world
from ..conferences.helpers import approve, attest, hold, plan, second_case
from ..factories import UserFactory
from ..monitoring import dataset
from ..subjectaccess.conftest import build_rich_subject

pytestmark = pytest.mark.django_db


# What a PDF must hold -------------------------------------------------------------------


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _elements(node):
    """Every structure element under `node`, depth first, in reading order."""
    kids = _resolve(node.get("/K"))
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = _resolve(kid)
        if isinstance(kid, dict) and "/S" in kid and kid.get("/Type") != "/OBJR":
            yield kid
            yield from _elements(kid)


def assert_pdf_ua(content: bytes, *, lang: str, title: str) -> None:
    assert content.startswith(b"%PDF-1.7")
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]

    # Tagged, with the flags a reader needs to announce it and to show the title.
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert catalog["/Lang"] == lang

    # The title in the document information and in the XMP metadata, which names PDF/UA-1.
    assert title in reader.metadata.title
    assert title in reader.xmp_metadata.dc_title["x-default"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp

    elements = list(_elements(catalog["/StructTreeRoot"].get_object()))
    tags = [e["/S"] for e in elements]
    assert "/P" in tags

    # Every picture (the report's charts) has a text alternative.
    for figure in (e for e in elements if e["/S"] == "/Figure"):
        assert str(figure.get("/Alt", "")).strip(), "a picture without alternative text"

    # Headings: one H1 first, and no level skipped on the way down.
    levels = [int(tag[2]) for tag in tags if re.fullmatch(r"/H[1-6]", tag)]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels

    # Tables: header cells, and every data cell points at its headers.
    for table in (e for e in elements if e["/S"] == "/Table"):
        cells = [c for c in _elements(table) if c["/S"] in ("/TH", "/TD")]
        assert any(c["/S"] == "/TH" for c in cells), "a table without header cells"
        for cell in cells:
            if cell["/S"] == "/TD":
                assert len(cell["/A"]["/Headers"]) > 0, "a data cell without headers"


@pytest.fixture
def weasyprint_errors(caplog):
    """WeasyPrint logs what breaks PDF/UA (an image without alt, no lang) as errors."""
    caplog.set_level(logging.WARNING, logger="weasyprint")
    caplog.set_level(logging.WARNING, logger="livc.core.pdf")
    return lambda: [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def signed_in(client, user, lang: str):
    """`user` signed in with `lang` as their language (the platform speaks it to them)."""
    user.language = lang
    user.save(update_fields=["language"])
    client.force_login(user)


# Each kind of PDF ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title"),
    [("nl", "Verslag van het casusoverleg"), ("fr", "Procès-verbal de la concertation de cas")],
)
def test_minutes_per_attendee(client, weasyprint_errors, lang, title):
    world = build_world()
    world.case_b = second_case(world)
    conference = plan(
        world,
        cases=[world.case, world.case_b],
        invite={world.case: ["partner"], world.case_b: ["other_partner"]},
    )
    attest(world, conference, "partner")
    hold(world, conference)
    approve(world, conference, ["coordinator", "partner", "other_partner"])
    signed_in(client, world.users["partner"], lang)
    response = client.get(reverse("conferences:pdf", args=[conference.pk]))
    assert response.status_code == 200
    assert_pdf_ua(response.content, lang=lang, title=title)
    assert weasyprint_errors() == []


def test_subject_access_export(client, weasyprint_errors):
    world = build_world()
    build_rich_subject(world)
    signed_in(client, world.users["coordinator"], "fr")
    response = client.get(reverse("subjectaccess:export_pdf", args=[world.rich_subject.pk]))
    assert response.status_code == 200
    with translation.override("fr"):
        title = translation.gettext("Personal data held by the cell")
    assert_pdf_ua(response.content, lang="fr", title=title)
    assert weasyprint_errors() == []


def test_register_of_processing(client, weasyprint_errors):
    world = build_world()
    signed_in(client, world.users["dpo"], "en")
    response = client.get(reverse("dpo:register_pdf"))
    assert response.status_code == 200
    assert_pdf_ua(response.content, lang="en", title=f"Register of processing · {world.cell.name}")
    assert weasyprint_errors() == []


@pytest.mark.parametrize(("scope", "lang"), [("cell", "nl"), ("region", "fr")])
def test_half_yearly_report(client, settings, weasyprint_errors, scope, lang):
    settings.LIVC_REPORT_JOBS_INLINE = True
    data = dataset.build()
    if scope == "cell":
        user, target = data.users["coordinator"], {"cell": data.cell}
    else:
        flanders = Region.objects.get(nis_code="02000")  # both of the dataset's cells
        user, target = UserFactory(), {"region": flanders}
        Membership.objects.create(user=user, role=Role.SUPERVISOR, region=flanders)
    report = reports.report_open(user=user, period=dataset.P, **target)
    signed_in(client, user, lang)
    client.post(reverse("monitoring:report_generate", args=[report.pk]), {"format": "pdf"})
    job = ReportJob.objects.latest("pk")
    assert (job.status, job.language) == (ReportJob.Status.DONE, lang), job.message
    with translation.override(lang):
        title = f"{translation.gettext('Half-yearly report')}: {report.scope_name}"
    assert_pdf_ua(bytes(job.content), lang=lang, title=title)
    figures = PdfReader(io.BytesIO(bytes(job.content))).trailer["/Root"]["/StructTreeRoot"]
    charts = [e for e in _elements(figures.get_object()) if e["/S"] == "/Figure"]
    assert len(charts) >= 5  # one per drawn chart, each with its alternative (checked above)
    assert weasyprint_errors() == []


# The helper itself ---------------------------------------------------------------------


def test_a_pdf_without_title_or_language_is_reported(weasyprint_errors):
    content = core_pdf.render_pdf("<p>ok</p>")
    catalog = PdfReader(io.BytesIO(content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # still tagged, still delivered
    errors = " ".join(weasyprint_errors())
    assert "<title>" in errors and "lang" in errors


def test_every_pdf_template_names_its_title_and_language():
    """A new `*_pdf.html` template cannot forget what PDF/UA needs from the HTML."""
    package = Path(livc.__file__).parent
    templates = [t for t in package.rglob("*_pdf.html") if "templates" in t.parts]
    assert len(templates) >= 4
    for template in templates:
        source = template.read_text()
        assert re.search(r'<html lang="\{\{ LANGUAGE_CODE \}\}">', source), template
        assert re.search(r"<title>\s*\S.*</title>", source), template
