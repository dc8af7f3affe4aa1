"""The figures cache: a hit gives the live figures, costs almost no queries, respects the
TTL and the language; `warm_figures` fills the keys the supervisor dashboard and a
region's report read."""

import pickle

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from livc.monitoring import figures_cache
from livc.monitoring.definitions import DEFINITIONS
from livc.monitoring.figures_cache import cache_key, cached_series
from livc.monitoring.indicators import compute_series
from livc.monitoring.publication import calendar_periods, published_series
from livc.monitoring.reports import selectors as report_selectors
from livc.monitoring.reports import services as report_services
from livc.monitoring.selectors import cell_places
from livc.monitoring.suppression import protect, tree
from livc.organisations.models import Membership, Region, Role

from ..factories import UserFactory
from . import dataset
from .dataset import BEFORE, TODAY, P

pytestmark = pytest.mark.django_db

SUPERVISOR = reverse("monitoring:supervisor_dashboard")
INDICATOR_TABLES = ("intake_signal", "cases_case", "trajectories_action", "retention_tombstone")


@pytest.fixture
def data():
    return dataset.build()


def values(reports) -> list:
    """Everything a reader could see of a series, per-cell parts included."""
    return [
        (
            r.period.code,
            r.cell_ids,
            [
                (f.code, f.total, f.value, f.note, f.total_parts,
                 [(row.key, row.label, row.count, row.parts) for row in f.breakdown])
                for f in r
            ],
        )
        for r in reports
    ]  # fmt: skip


def indicator_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if any(t in q["sql"] for t in INDICATOR_TABLES)]


def test_reports_survive_pickling(data):
    reports = compute_series(cell_ids=[data.cell.pk, data.other.pk], periods=[BEFORE, P],
                             today=TODAY)  # fmt: skip
    assert values(pickle.loads(pickle.dumps(reports))) == values(reports)  # noqa: S301


def test_a_hit_gives_the_live_figures_with_almost_no_queries(data, django_assert_max_num_queries):
    cells, periods = [data.other.pk, data.cell.pk], [BEFORE, P]
    live = compute_series(cell_ids=cells, periods=periods, today=TODAY)
    first, computed_at = cached_series(cell_ids=cells, periods=periods, today=TODAY)
    with django_assert_max_num_queries(1):
        again, again_at = cached_series(cell_ids=reversed(cells), periods=periods, today=TODAY)
    assert values(first) == values(again) == values(live)
    assert again_at == computed_at
    assert [r.period for r in again] == periods


def test_the_key_follows_cells_periods_today_and_language(data):
    key = cache_key(cell_ids=[1, 2], periods=[BEFORE, P], today=TODAY)
    assert key == cache_key(cell_ids=[2, 1, 1], periods=[BEFORE, P], today=TODAY)
    assert len(key) < 250  # the database cache's limit
    others = {
        cache_key(cell_ids=[1], periods=[BEFORE, P], today=TODAY),
        cache_key(cell_ids=[1, 2], periods=[P], today=TODAY),
        cache_key(cell_ids=[1, 2], periods=[BEFORE, P], today=TODAY.replace(day=2)),
    }
    with translation.override("fr"):
        others.add(cache_key(cell_ids=[1, 2], periods=[BEFORE, P], today=TODAY))
    assert key not in others and len(others) == 4


def test_ttl_zero_computes_every_time(data, settings):
    settings.LIVC_FIGURES_CACHE_SECONDS = 0
    cells = [data.cell.pk]
    cached_series(cell_ids=cells, periods=[P], today=TODAY)
    with CaptureQueriesContext(connection) as queries:
        cached_series(cell_ids=cells, periods=[P], today=TODAY)
    assert len(indicator_queries(queries)) > 5


def test_an_expired_entry_is_computed_again(data, settings, monkeypatch):
    cells = [data.cell.pk]
    cached_series(cell_ids=cells, periods=[P], today=TODAY)
    monkeypatch.setattr(figures_cache.cache, "get", lambda key, default=None: default)
    with CaptureQueriesContext(connection) as queries:
        cached_series(cell_ids=cells, periods=[P], today=TODAY)
    assert indicator_queries(queries)


def test_labels_follow_the_language(data):
    cells, periods = [data.cell.pk], [P]
    with translation.override("nl"):
        dutch, _at = cached_series(cell_ids=cells, periods=periods, today=TODAY)
    with translation.override("fr"):
        french, _at = cached_series(cell_ids=cells, periods=periods, today=TODAY)
        live = compute_series(cell_ids=cells, periods=periods, today=TODAY)
    assert values(french) == values(live)
    labels = {r.label for f in french[0] for r in f.breakdown}
    assert labels != {r.label for f in dutch[0] for r in f.breakdown}


def test_warming_serves_the_supervisor_dashboard_without_indicator_queries(data, client):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.SUPERVISOR, region=None)
    client.force_login(user)
    call_command("warm_figures", quiet=True)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SUPERVISOR)
    assert response.status_code == 200
    assert indicator_queries(queries) == []
    assert len(queries) <= 12  # session, user, memberships, areas, one cache read
    assert response.context["computed_at"] <= timezone.now()
    assert "Figures computed at" in response.content.decode()
    region = Region.objects.get(pk=cell_places()[data.cell.pk].region_id)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SUPERVISOR, {"region": region.pk})
    assert response.status_code == 200 and indicator_queries(queries) == []


def test_warming_serves_a_region_report(data):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.SUPERVISOR, region=None)
    region = Region.objects.get(pk=cell_places()[data.cell.pk].region_id)
    period = dataset.Period.containing(timezone.localdate(), "half")
    report = report_services.report_open(user=user, period=period, region=region)
    call_command("warm_figures", quiet=True, languages="en")
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        reports = report_selectors.report_figures(report, suppressed=True)
    assert indicator_queries(queries) == []
    assert all(r.suppressed for r in reports)
    live = compute_series(cell_ids=reports[-1].cell_ids, periods=[r.period for r in reports])
    assert [f.code for f in live[-1]] == [f.code for f in reports[-1]]


def test_warming_twice_is_harmless(data, capsys):
    call_command("warm_figures", languages="en")
    call_command("warm_figures", languages="en")
    assert "warm_figures:" in capsys.readouterr().out


def test_a_published_series_is_the_live_one_protected(data, django_assert_max_num_queries):
    """Protected with every calendar period of its years, whatever the cache holds."""
    cells, periods = [data.cell.pk, data.other.pk], [BEFORE, P]
    flat = {data.cell.pk: ("region:1",), data.other.pk: ("region:1",)}
    split = {data.cell.pk: ("region:1",), data.other.pk: ("region:2",)}
    for hierarchy in (flat, split, None):
        expected = {}
        for year in (2024, 2025):
            live = [r for kind in ("year", "half", "quarter") for r in compute_series(
                cell_ids=cells, today=TODAY,
                periods=[p for p in calendar_periods(year) if p.kind == kind])]  # fmt: skip
            expected.update((r.period, r) for r in protect(live, tree(cells, hierarchy)))
        first, _at = published_series(cell_ids=cells, periods=periods, hierarchy=hierarchy,
                                      today=TODAY)  # fmt: skip
        with django_assert_max_num_queries(1):
            again, _at = published_series(cell_ids=cells, periods=periods, hierarchy=hierarchy,
                                          today=TODAY)  # fmt: skip
        assert values(first) == values(again) == values([expected[p] for p in periods])
        assert all(r.suppressed for r in again)
        assert all(not f.total_parts for r in again for f in r)
    assert again[-1]["cases_opened"].definition is DEFINITIONS["cases_opened"]
    assert any(row.hidden for r in again for f in r for row in f.breakdown)
