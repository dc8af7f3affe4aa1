"""Every figure set that leaves a cell comes from `publication.published_series`, so the
audit runs on each of them: the supervisor dashboard, a region's report page, the files
of cell and region reports. Reports, like the dashboard, cover calendar periods only."""

import pytest
from django.urls import reverse

from livc.monitoring import publication, suppression
from livc.monitoring.models import HalfYearlyReport, ReportJob
from livc.monitoring.periods import Period, PeriodError
from livc.monitoring.reports import jobs, selectors, services
from livc.organisations.models import Membership, Region, Role

from ..factories import UserFactory
from . import dataset
from .dataset import P

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(settings):
    settings.LIVC_FIGURES_CACHE_SECONDS = 0  # every request computes: none can skip the audit
    settings.LIVC_REPORT_JOBS_INLINE = True
    return dataset.build()


@pytest.fixture
def audits(monkeypatch):
    """The units audited (their cells), as rule 5 runs."""
    seen = []
    audit = suppression._audit

    def spy(models, owner, *args):
        seen.append(owner)
        return audit(models, owner, *args)

    monkeypatch.setattr(suppression, "_audit", spy)
    return seen


def supervisor():
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.SUPERVISOR, region=None)
    return user


def region_of(data) -> Region:
    return data.cell.areas.get().municipality.region


def test_the_supervisor_dashboard_is_audited(client, data, audits):
    client.force_login(supervisor())
    response = client.get(reverse("monitoring:supervisor_dashboard"), {"period": "2025-H1"})
    assert response.status_code == 200 and response.context["report"].suppressed
    assert audits


def test_a_region_report_page_and_its_files_are_audited(client, data, audits):
    user = supervisor()
    report = services.report_open(user=user, period=P, region=region_of(data))
    client.force_login(user)
    assert client.get(reverse("monitoring:report", args=[report.pk])).status_code == 200
    assert audits
    for fmt in ("csv", "xlsx", "pdf"):
        audits.clear()
        content, _name = jobs.build(report, fmt)
        assert content and audits, fmt


def test_a_cell_report_file_is_audited_and_its_preview_stays_exact(data, audits):
    report = services.report_open(user=data.users["coordinator"], period=P, cell=data.cell)
    assert not selectors.report_figures(report, suppressed=False)[-1].suppressed
    assert not audits  # the preview stays inside the cell: exact, nothing to audit
    for fmt in ("csv", "xlsx"):
        audits.clear()
        jobs.build(report, fmt)
        assert audits, fmt
    files = selectors.report_figures(report, suppressed=True)
    published, _at = publication.published_series(
        cell_ids=[data.cell.pk], periods=P.series(4), hierarchy={}
    )
    assert [r.figures for r in files] == [r.figures for r in published]


def test_dates_of_ones_own_are_never_published(data):
    with pytest.raises(PeriodError):
        publication.published_series(cell_ids=[data.cell.pk], hierarchy={},
                                     periods=[Period(P.start, P.start)])  # fmt: skip


def test_a_report_is_opened_for_a_calendar_period_only(client, data):
    client.force_login(data.users["coordinator"])
    url = reverse("monitoring:report_open")
    response = client.post(
        url, {"scope": f"cell:{data.cell.pk}", "period": "2025-01-01..2025-01-31"}
    )
    assert response.status_code == 400 and response.context["form"].has_error("period")
    response = client.post(url, {"scope": f"cell:{data.cell.pk}", "period": "2025-Q1"})
    assert response.status_code == 302


def test_a_region_report_of_dates_of_its_own_shows_why_it_has_no_figures(client, data):
    user = supervisor()
    report = HalfYearlyReport.objects.create(
        region=region_of(data), period_code="2025-01-01..2025-01-31", created_by=user,
        updated_by=user,
    )  # fmt: skip
    client.force_login(user)
    response = client.get(reverse("monitoring:report", args=[report.pk]))
    assert response.status_code == 200
    assert "not dates of one" in response.content.decode().replace("&#x27;", "'")
    job = services.job_request(user=user, report=report, fmt=ReportJob.Format.CSV)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED and "half-year" in job.message
