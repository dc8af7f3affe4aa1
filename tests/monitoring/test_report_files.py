"""The half-yearly report: files (PDF with charts, XLSX, CSV), jobs, commentary, and the
bad inputs of issue 5 (empty period, cell without data, region with one cell)."""

import csv
import io
import re
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from livc.monitoring.definitions import DEFINITIONS
from livc.monitoring.models import HalfYearlyReport, ReportJob
from livc.monitoring.periods import Period
from livc.monitoring.reports import jobs, selectors, services
from livc.organisations.models import Membership, Region, Role

from ..factories import CellFactory, UserFactory
from . import dataset
from .dataset import D, P

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(settings):
    settings.LIVC_REPORT_JOBS_INLINE = True
    return dataset.build()


@pytest.fixture
def report(data):
    return services.report_open(user=data.users["coordinator"], period=P, cell=data.cell)


def supervisor(region=None):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.SUPERVISOR, region=region)
    return user


def generate(client, report, fmt):
    response = client.post(reverse("monitoring:report_generate", args=[report.pk]),
                           {"format": fmt})  # fmt: skip
    assert response.status_code == 302
    job = ReportJob.objects.latest("pk")
    assert response.url == reverse("monitoring:report_job", args=[job.pk])
    assert job.status == ReportJob.Status.DONE, job.message
    download = client.get(reverse("monitoring:report_download", args=[job.pk]))
    assert download.status_code == 200
    return job, download


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_pdf_has_figures_charts_trends_and_commentary(client, data, report):
    client.force_login(data.users["coordinator"])
    form = {"summary": "Signals rose slightly this half-year.", "signals_trend": "",
            "cases_trend": "Fewer cases closed.", "cooperation": "", "outlook": "Stable.",
            "status": "final", "version": report.version}  # fmt: skip
    response = client.post(reverse("monitoring:report", args=[report.pk]), form)
    assert response.status_code == 302
    job, download = generate(client, report, "pdf")
    assert download["Content-Type"] == "application/pdf"
    disposition = download["Content-Disposition"]
    assert (
        disposition
        == f'attachment; filename="livc-report-cell-{data.cell.code.lower()}-2025-h1.pdf"'
    )
    text = pdf_text(download.content)
    assert "Half-yearly report" in text and data.cell.name in text and "H1 2025" in text
    for definition in DEFINITIONS.values():
        assert str(definition.title) in text
    assert "<5" in text  # the file is suppressed: one signal from the CAW
    suppressed = selectors.report_figures(report, suppressed=True)[-1]
    assert suppressed["signals_by_source"].row("caw").hidden
    assert suppressed["signals_by_source"].display_total in text
    assert "per period" in text  # chart titles ("…, per period") and their tables
    assert "H2 2023" in text  # the trend over four half-years
    assert "Signals rose slightly this half-year." in text and "Fewer cases closed." in text
    assert "Final version" in text
    assert job.progress == 100 and job.finished_at


def test_the_pdf_embeds_one_chart_image_per_drawn_chart(data, report):
    from livc.monitoring.reports import pdf

    reports = selectors.report_figures(report, suppressed=True)
    steps = []
    html = pdf.report_html(report, reports, progress=steps.append)
    images = html.count('class="chart-image" src="data:image/svg+xml')
    assert images >= 5 and len(steps) == images and steps[-1] == 80


def test_xlsx_has_figures_definitions_and_commentary(client, data, report):
    report.summary = '=HYPERLINK("http://evil")'
    report.save()
    client.force_login(data.users["coordinator"])
    _job, download = generate(client, report, "xlsx")
    assert download["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(download.content))
    assert book.sheetnames == ["Figures", "Definitions", "Commentary"]
    rows = list(book["Figures"].iter_rows(values_only=True))
    assert rows[0][:3] == ("period", "theme", "code")
    total = next(r for r in rows if r[0] == "2025-H1" and r[2] == "participation_invited"
                 and not r[5])  # fmt: skip
    assert total[7] == 6 and total[8] == 6
    caw = next(r for r in rows if r[0] == "2025-H1" and r[2] == "signals_by_source"
               and r[5] == "caw")  # fmt: skip
    assert caw[7] == "<5"
    signals = next(r for r in rows if r[0] == "2025-H1" and r[2] == "signals_by_source"
                   and not r[5])  # fmt: skip
    assert signals[7] == signals[8] == "<5"  # 6, but 3 in each quarter
    assert {r[0] for r in rows[1:]} == {"2023-H2", "2024-H1", "2024-H2", "2025-H1"}
    codes = {r[0] for r in book["Definitions"].iter_rows(min_row=2, values_only=True)}
    assert codes == set(DEFINITIONS)
    commentary = list(book["Commentary"].iter_rows(min_row=2, values_only=True))
    assert commentary[0] == ("summary", '\'=HYPERLINK("http://evil")')


def test_csv_has_a_row_per_figure_and_breakdown_row(client, data, report):
    client.force_login(data.users["coordinator"])
    _job, download = generate(client, report, "csv")
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["period", "theme", "code"]
    mine = [r for r in rows if r[0] == "2025-H1" and r[2] == "signals_by_source"]
    assert mine[0][5] == "" and mine[0][7] == "<5"  # 6, but 3 in each quarter
    assert [r[7] for r in mine if r[5] == "caw"] == ["<5"]
    invited = [r for r in rows if r[0] == "2025-H1" and r[2] == "participation_invited"]
    assert invited[0][5] == "" and invited[0][7] == "6"
    assert len({r[2] for r in rows[1:]}) == len(DEFINITIONS)


def test_a_region_with_one_cell_is_protected_in_files(client, data):
    wallonia = Region.objects.get(nis_code="03000")
    lonely = CellFactory(serves=["62063"])  # Liège
    dataset.signal(data, D(2025, 3, 3), cell=lonely, phenomenon="other", level="primary")
    client.force_login(supervisor(region=wallonia))
    response = client.post(reverse("monitoring:report_open"),
                           {"scope": f"region:{wallonia.pk}", "period": "2025-H1"})  # fmt: skip
    report = HalfYearlyReport.objects.get(region=wallonia)
    assert response.url == reverse("monitoring:report", args=[report.pk])
    page = client.get(response.url)
    assert page.context["report"].suppressed  # a region's preview leaves the cell too
    assert page.context["report"]["signals_by_source"].display_total == "<5"
    _job, download = generate(client, report, "csv")
    rows = [r for r in csv.reader(io.StringIO(download.content.decode("utf-8-sig")))
            if r[0] == "2025-H1" and r[2] == "signals_by_source"]  # fmt: skip
    assert rows[0][7] == "<5" and rows[0][8] == "<5"
    assert "1" not in {r[7] for r in rows}
    assert download["Content-Disposition"].endswith('-region-03000-2025-h1.csv"')


@pytest.mark.parametrize("period", ["2010-H1", "2025-H1"])
def test_empty_period_empty_region_and_a_cell_without_data(client, data, period):
    brussels = Region.objects.get(nis_code="04000")  # no cell serves it
    quiet = CellFactory(serves=["11002"])
    Membership.objects.create(user=data.users["coordinator"], role=Role.COORDINATOR,
                              cell=quiet, organisation=data.orgs["prevention"])  # fmt: skip
    user = supervisor()
    for who, target in ((user, {"region": brussels}), (data.users["coordinator"], {"cell": quiet}),
                        (data.users["coordinator"], {"cell": data.cell})):  # fmt: skip
        client.force_login(who)
        report = services.report_open(user=who, period=Period.half_year(
            int(period[:4]), int(period[-1])), **target)  # fmt: skip
        assert client.get(reverse("monitoring:report", args=[report.pk])).status_code == 200
        for fmt in ("pdf", "xlsx", "csv"):
            generate(client, report, fmt)


def test_a_period_spanning_a_purge(client, data, report):
    # The dataset's purged signals count through their tombstones (test_indicators.py).
    client.force_login(data.users["coordinator"])
    _job, download = generate(client, report, "pdf")
    assert "Half-yearly report" in pdf_text(download.content)


def test_concurrent_commentary_is_refused_with_a_message(client, data, report):
    client.force_login(data.users["coordinator"])
    url = reverse("monitoring:report", args=[report.pk])
    base = {"signals_trend": "", "cases_trend": "", "cooperation": "", "outlook": "",
            "status": "draft", "version": report.version}  # fmt: skip
    assert client.post(url, {**base, "summary": "First."}).status_code == 302
    response = client.post(url, {**base, "summary": "Second."})
    assert response.status_code == 400
    assert "Someone else changed this" in response.content.decode()
    report.refresh_from_db()
    assert report.summary == "First." and report.updated_by == data.users["coordinator"]


def test_bad_input_comes_back_at_the_field(client, data, report):
    client.force_login(data.users["coordinator"])
    url = reverse("monitoring:report", args=[report.pk])
    response = client.post(url, {"summary": "x" * 4001, "status": "draft",
                                 "version": report.version})  # fmt: skip
    assert response.status_code == 400
    assert "Keep this under 4,000 characters." in response.content.decode()
    response = client.post(reverse("monitoring:report_open"),
                           {"scope": f"cell:{data.cell.pk}", "period": "2025-H7"})  # fmt: skip
    assert response.status_code == 400 and "Write a period as" in response.content.decode()
    response = client.post(reverse("monitoring:report_generate", args=[report.pk]),
                           {"format": "docx"})  # fmt: skip
    assert response.status_code == 302 and not ReportJob.objects.exists()


def test_opening_twice_gives_the_same_report(client, data):
    client.force_login(data.users["coordinator"])
    form = {"scope": f"cell:{data.cell.pk}", "period": "2025-H1"}
    first = client.post(reverse("monitoring:report_open"), form)
    second = client.post(reverse("monitoring:report_open"), form)
    assert first.url == second.url and HalfYearlyReport.objects.count() == 1
    listing = client.get(reverse("monitoring:reports"))
    assert listing.status_code == 200 and "H1 2025" in listing.content.decode()


def test_a_failure_is_a_message_not_a_500(client, data, report):
    client.force_login(data.users["coordinator"])
    with mock.patch("livc.monitoring.reports.pdf.report_pdf", side_effect=RuntimeError("boom")):
        client.post(reverse("monitoring:report_generate", args=[report.pk]), {"format": "pdf"})
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.FAILED and "could not be generated" in job.message
    page = client.get(reverse("monitoring:report_job", args=[job.pk]))
    assert page.status_code == 200 and "could not be generated" in page.content.decode()
    assert client.get(reverse("monitoring:report_download", args=[job.pk])).status_code == 404


def test_off_the_request_the_page_polls_until_done(client, data, report, settings,
                                                   django_capture_on_commit_callbacks):  # fmt: skip
    settings.LIVC_REPORT_JOBS_INLINE = False
    client.force_login(data.users["coordinator"])
    url = reverse("monitoring:report_generate", args=[report.pk])
    with (
        mock.patch.object(jobs, "start_thread") as start,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(url, {"format": "csv"})
    job = ReportJob.objects.get()
    start.assert_called_once_with(job.pk)
    assert job.status == ReportJob.Status.QUEUED
    url = reverse("monitoring:report_job", args=[job.pk])
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<progress" in fragment
    assert "<html" not in fragment
    assert client.get(reverse("monitoring:report_download", args=[job.pk])).status_code == 404
    call_command("run_report_jobs", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE and job.progress == 100
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "Download the CSV" in fragment
    assert not jobs.run_job(job.pk)  # a finished job is never run twice


def test_the_thread_closes_its_connection(data, report):
    job = ReportJob.objects.create(report=report, format="csv")
    with mock.patch.object(jobs, "run_job") as run, mock.patch.object(jobs, "connection") as conn:
        jobs.start_thread(job.pk).join()
    run.assert_called_once_with(job.pk)
    conn.close.assert_called_once()


def test_report_page_query_count(client, data, report, django_assert_max_num_queries):
    client.force_login(data.users["coordinator"])
    with django_assert_max_num_queries(40):
        assert client.get(reverse("monitoring:report", args=[report.pk])).status_code == 200
    for n in range(30):
        services.report_open(user=None, period=Period.half_year(2000 + n % 20, 1 + n // 20),
                             cell=data.cell)  # fmt: skip
    with django_assert_max_num_queries(12):
        assert client.get(reverse("monitoring:reports")).status_code == 200
