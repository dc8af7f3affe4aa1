"""Permission matrix for the half-yearly report pages: every role of tests/casework.py
plus a regional supervisor of the world's region and one of another region. Refused is
404 (a form whose scope the user may not choose comes back at the field: 400)."""

import pytest
from django.urls import reverse

from livc.monitoring.models import HalfYearlyReport, ReportJob
from livc.monitoring.periods import Period
from livc.monitoring.reports import policies, services
from livc.organisations.models import Membership, Region, Role

from ..casework import ROLES, build_world
from ..factories import UserFactory

pytestmark = pytest.mark.django_db

ALL = [*ROLES, "regional_supervisor", "foreign_supervisor"]
SUPERVISORS = {"supervisor", "regional_supervisor", "foreign_supervisor"}
READERS = {"coordinator", "chair"}
P = Period.half_year(2025, 1)


@pytest.fixture
def world(db, settings):
    settings.LIVC_REPORT_JOBS_INLINE = True
    world = build_world()
    area = world.cell.areas.select_related("municipality").get().municipality
    world.region = area.region
    world.elsewhere = Region.objects.exclude(pk=world.region.pk).order_by("nis_code").first()
    for name, region in (("regional_supervisor", world.region),
                         ("foreign_supervisor", world.elsewhere)):  # fmt: skip
        world.users[name] = UserFactory()
        Membership.objects.create(user=world.users[name], role=Role.SUPERVISOR, region=region)
    coordinator = world.users["coordinator"]
    world.report = services.report_open(user=coordinator, period=P, cell=world.cell)
    world.region_report = services.report_open(user=None, period=P, region=world.region)
    world.far_report = services.report_open(user=None, period=P, region=world.elsewhere)
    world.job = services.job_request(user=coordinator, report=world.report, fmt="csv")
    return world


def get(url):
    return lambda client, w: client.get(url(w))


def post(url, data):
    return lambda client, w: client.post(url(w), data(w) if callable(data) else data)


def commentary(report_attr):
    def data(w):
        report = getattr(w, report_attr)
        empty = dict.fromkeys(("signals_trend", "cases_trend", "cooperation", "outlook"), "")
        return {**empty, "summary": "Stable.", "status": "draft", "version": report.version}

    return data


def report_url(attr, name="monitoring:report"):
    return lambda w: reverse(name, args=[getattr(w, attr).pk])


# name, request, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("reports", get(lambda w: reverse("monitoring:reports")),
     {**dict.fromkeys(READERS | SUPERVISORS, 200), "foreign_coordinator": 200}),
    ("open_cell_report", post(lambda w: reverse("monitoring:report_open"),
                              lambda w: {"scope": f"cell:{w.cell.pk}", "period": "2025-H1"}),
     {**dict.fromkeys(READERS, 302), **dict.fromkeys(SUPERVISORS, 400),
      "foreign_coordinator": 400}),
    ("open_region_report", post(lambda w: reverse("monitoring:report_open"),
                                lambda w: {"scope": f"region:{w.region.pk}", "period": "2025-H1"}),
     {"supervisor": 302, "regional_supervisor": 302, "foreign_supervisor": 400,
      **dict.fromkeys(READERS, 400), "foreign_coordinator": 400}),
    ("cell_report", get(report_url("report")), dict.fromkeys(READERS, 200)),
    ("region_report", get(report_url("region_report")),
     {"supervisor": 200, "regional_supervisor": 200}),
    ("far_region_report", get(report_url("far_report")),
     {"supervisor": 200, "foreign_supervisor": 200}),
    ("comment_cell_report", post(report_url("report"), commentary("report")),
     {"coordinator": 302}),
    ("comment_region_report", post(report_url("region_report"), commentary("region_report")),
     {"supervisor": 302, "regional_supervisor": 302}),
    ("generate_cell_report", post(report_url("report", "monitoring:report_generate"),
                                  {"format": "csv"}), dict.fromkeys(READERS, 302)),
    ("generate_region_report", post(report_url("region_report", "monitoring:report_generate"),
                                    {"format": "csv"}),
     {"supervisor": 302, "regional_supervisor": 302}),
    ("job", get(report_url("job", "monitoring:report_job")), dict.fromkeys(READERS, 200)),
    ("download", get(report_url("job", "monitoring:report_download")),
     dict.fromkeys(READERS, 200)),
]  # fmt: skip


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize(("view", "call", "allowed"), MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(client, world, role, view, call, allowed):
    client.force_login(world.users[role])
    response = call(client, world)
    assert response.status_code == allowed.get(role, 404), f"{role} on {view}"


def test_a_refused_report_looks_like_a_missing_one(client, world):
    client.force_login(world.users["foreign_coordinator"])
    refused = client.get(reverse("monitoring:report", args=[world.report.pk]))
    missing = client.get(reverse("monitoring:report", args=[999999]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content


def test_superuser_gets_no_bypass(client, world):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(reverse("monitoring:reports")).status_code == 404
    assert client.get(reverse("monitoring:report", args=[world.report.pk])).status_code == 404


def test_the_chair_reads_the_commentary_without_a_form(client, world):
    client.force_login(world.users["chair"])
    response = client.get(reverse("monitoring:report", args=[world.report.pk]))
    assert response.context["form"] is None
    assert [label for label, _text in response.context["commentary"]][0] == "summary"


def test_navigation_policy(world):
    users = world.users
    assert policies.can_see_reports(users["chair"])
    assert policies.can_see_reports(users["foreign_supervisor"])
    assert not policies.can_see_reports(users["dpo"])
    assert not policies.can_see_reports(users["administrator"])
    listed = set(policies.visible_reports(users["regional_supervisor"]))
    assert listed == {world.region_report}
    assert HalfYearlyReport.objects.count() == 3 and ReportJob.objects.count() == 1
