"""The cell dashboard (exact) and the supervisor dashboard (suppressed): contents, bad
input, empty periods and cells, an area with one cell, a purge, pinned query counts."""

import pytest
from django.urls import reverse

from livc.monitoring.definitions import DEFINITIONS
from livc.organisations.models import Membership, Region, Role
from livc.retention import purge

from ..factories import CellFactory, OrganisationFactory, UserFactory
from . import dataset
from .dataset import D

pytestmark = pytest.mark.django_db

CELL = reverse("monitoring:cell_dashboard")
SUPERVISOR = reverse("monitoring:supervisor_dashboard")
# Per request: session, user, memberships, cells; then the indicators (about 23 queries
# for four periods, tests/monitoring/test_indicators.py) and, for supervisors, the areas.
# Supervisors' figures are published with every calendar period of their years (the
# years, the half-years, the quarters: three passes, see publication.py).
CELL_QUERIES = 27
SUPERVISOR_QUERIES = 86


@pytest.fixture
def data():
    return dataset.build()


def supervisor(region=None):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.SUPERVISOR, region=region)
    return user


def figures(response) -> dict:
    return response.context["report"].figures


def visible_counts(response):
    for _theme, blocks in response.context["sections"]:
        for block in blocks:
            for fig in block.history:
                yield fig.code, fig.total
                for row in fig.breakdown:
                    yield fig.code, row.count


# Cell dashboard ----------------------------------------------------------------------------


def test_the_cell_sees_its_exact_figures_with_definitions(client, data):
    client.force_login(data.users["coordinator"])
    response = client.get(CELL, {"period": "2025-H1"})
    assert response.status_code == 200
    report = response.context["report"]
    assert not report.suppressed and report.period.code == "2025-H1"
    assert [p.code for p in response.context["periods"]] == [
        "2023-H2", "2024-H1", "2024-H2", "2025-H1",
    ]  # fmt: skip
    assert report["signals_by_source"].row("caw").count == 1  # below 5, inside the cell
    body = response.content.decode()
    assert "50.0 %" in body and "3 of 6" in body  # screened within the deadline
    assert "146 days" in body  # median case duration
    for definition in DEFINITIONS.values():
        assert str(definition.text).split(".")[0].replace("'", "&#x27;") in body
        assert f'id="chart-data-{definition.code.replace("_", "-")}"' in body
    assert "H1 2025" in body


def test_a_coordinator_of_two_cells_chooses(client, data):
    coordinator = data.users["coordinator"]
    Membership.objects.create(
        user=coordinator, role=Role.CHAIR, cell=data.other, organisation=OrganisationFactory()
    )
    client.force_login(coordinator)
    response = client.get(CELL, {"cell": data.other.pk, "period": "2025-H1"})
    assert response.status_code == 200
    assert response.context["cell"] == data.other
    assert figures(response)["signals_by_source"].total == 2
    assert len(response.context["cells"]) == 2


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2025-H3"},
        {"period": "next year"},
        {"start": "2025-01-01"},
        {"start": "2025-02-01", "end": "2025-01-01"},
        {"start": "2025-13-01", "end": "2026-01-01"},
    ],
)
def test_bad_input_comes_back_at_the_field(client, data, query):
    client.force_login(data.users["coordinator"])
    response = client.get(CELL, query)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert "report" not in response.context
    assert 'class="invalid-feedback' in response.content.decode()


def test_a_malformed_cell_is_absent(client, data):
    client.force_login(data.users["coordinator"])
    assert client.get(CELL, {"cell": "1; DROP"}).status_code == 404


def test_a_custom_range(client, data):
    client.force_login(data.users["coordinator"])
    response = client.get(CELL, {"start": "2025-06-30", "end": "2025-06-30"})
    assert response.status_code == 200
    assert figures(response)["signals_by_source"].total == 1
    assert response.context["periods"][0].code == "2025-06-27..2025-06-27"


def test_an_empty_period_and_a_cell_without_data(client, data):
    client.force_login(data.users["coordinator"])
    response = client.get(CELL, {"period": "2010-H1"})
    assert response.status_code == 200
    assert all(f.total == 0 for f in figures(response).values())
    assert "no data" in response.content.decode()
    empty = CellFactory(serves=["11002"])
    coordinator = UserFactory()
    Membership.objects.create(
        user=coordinator, role=Role.COORDINATOR, cell=empty, organisation=OrganisationFactory()
    )
    client.force_login(coordinator)
    response = client.get(CELL)
    assert response.status_code == 200
    assert "No figures to show." in response.content.decode()


def test_a_period_spanning_a_purge(client, data):
    client.force_login(data.users["coordinator"])
    before = client.get(CELL, {"period": "2025-H1"})
    purge.purge_expired(today=D(2031, 1, 1), triggered_by="test")
    after = client.get(CELL, {"period": "2025-H1"})
    assert after.status_code == 200
    for code in ("signals_by_source", "cases_opened", "case_duration", "conferences_held"):
        assert figures(after)[code].value == figures(before)[code].value, code


def test_cell_dashboard_query_count(client, data, django_assert_max_num_queries):
    client.force_login(data.users["coordinator"])
    client.get(CELL)  # warm the session
    with django_assert_max_num_queries(CELL_QUERIES):
        assert client.get(CELL, {"period": "2025-H1"}).status_code == 200


# Supervisor dashboard ----------------------------------------------------------------------


def test_the_supervisor_sees_suppressed_aggregates_only(client, data):
    client.force_login(supervisor())
    response = client.get(SUPERVISOR, {"period": "2025-H1"})
    assert response.status_code == 200
    assert response.context["report"].suppressed
    assert {c.pk for c in response.context["selection"].cells} >= {data.cell.pk, data.other.pk}
    for code, count in visible_counts(response):
        assert count is None or not 1 <= count <= 4, code
    for fig in figures(response).values():
        assert fig.total_parts == {}
    assert "&lt;5" in response.content.decode()


def test_an_area_with_one_cell_shows_what_the_cell_would(client, data):
    """The province of cell A holds only A: its figures are A's, suppressed."""
    client.force_login(supervisor())
    province = data.cell.areas.get().municipality.province
    by_area = client.get(SUPERVISOR, {"province": province.pk, "period": "2025-H1"})
    by_cell = client.get(SUPERVISOR, {"cell": data.cell.pk, "period": "2025-H1"})
    assert [c.pk for c in by_area.context["selection"].cells] == [data.cell.pk]
    for code, fig in figures(by_area).items():
        other = figures(by_cell)[code]
        assert (fig.total, fig.value) == (other.total, other.value), code
        assert [r.count for r in fig.breakdown] == [r.count for r in other.breakdown], code
    signals = figures(by_area)["signals_by_source"]
    # 6 signals, 3 in each quarter: a half-year shows a count only where its quarters do.
    assert signals.total is None and signals.row("caw").count is None
    assert figures(by_area)["participation_invited"].total == 6  # all 6 in one quarter


def test_a_region_with_one_cell_is_protected(client, data):
    wallonia = Region.objects.get(nis_code="03000")
    lonely = CellFactory(serves=["62063"])  # Liège
    dataset.signal(data, D(2025, 3, 3), cell=lonely, phenomenon="other", level="primary")
    client.force_login(supervisor(region=wallonia))
    response = client.get(SUPERVISOR, {"period": "2025-H1"})  # their region by default
    assert response.status_code == 200
    assert response.context["form"]["region"].value() == str(wallonia.pk)
    assert [c.pk for c in response.context["selection"].cells] == [lonely.pk]
    signals = figures(response)["signals_by_source"]
    assert signals.total is None and signals.display_total == "<5"


def test_supervisor_bad_input(client, data):
    client.force_login(supervisor())
    flanders = data.cell.areas.get().municipality.region
    walloon_province = Region.objects.get(nis_code="03000").provinces.first()
    for query in ({"region": "abc"}, {"cell": "x"}, {"period": "2025-H0"},
                  {"region": flanders.pk, "province": walloon_province.pk},
                  {"province": walloon_province.pk, "cell": data.cell.pk}):  # fmt: skip
        response = client.get(SUPERVISOR, query)
        assert response.status_code == 400, query
        assert response.context["form"].errors, query
    assert client.get(SUPERVISOR, {"region": 999999}).status_code == 404


def test_supervisor_dashboard_query_count(client, data, django_assert_max_num_queries, settings):
    settings.LIVC_FIGURES_CACHE_SECONDS = 0  # pin the live computation (the cache has its own)
    user = supervisor()
    client.force_login(user)
    client.get(SUPERVISOR)
    dataset.build(serves=("11002", "44021"))  # more cells and rows: no more queries
    with django_assert_max_num_queries(SUPERVISOR_QUERIES):
        assert client.get(SUPERVISOR, {"period": "2025-H1"}).status_code == 200


def test_the_demo_history_fills_the_dashboards(client):
    from livc.monitoring.demo import seed_monitoring_history
    from livc.organisations.models import Cell
    from livc.site.demo import seed_demo

    seed_demo()  # seeds the history: 48 signals per demo cell
    assert seed_monitoring_history() == 0  # idempotent
    coordinator = Membership.objects.filter(cell__code="MEC", role=Role.COORDINATOR).first()
    client.force_login(coordinator.user)
    response = client.get(CELL)
    assert response.status_code == 200
    history = [r.value for r in response.context["sections"][0][1][0].history]
    assert sum(history) > 10  # signals over the four half-years
    client.force_login(Membership.objects.get(role=Role.SUPERVISOR, region__isnull=False).user)
    response = client.get(SUPERVISOR)
    assert response.status_code == 200
    assert {c.code for c in response.context["selection"].cells} >= {"MEC", "VMZ"}
    assert Cell.objects.get(code="VER") not in response.context["selection"].cells
