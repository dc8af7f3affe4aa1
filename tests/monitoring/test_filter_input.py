"""What the dashboards do with what a query string may hold: supervisors get fixed periods
only (a range of their own is refused at the period field, never computed), and malformed
ids ("²", other scripts' digits, letters, overlong numbers) give the page with a message or
a 404, never a server error."""

import pytest
from django.urls import reverse

from livc.organisations.models import Membership, Role

from ..factories import UserFactory
from . import dataset

pytestmark = pytest.mark.django_db

CELL = reverse("monitoring:cell_dashboard")
SUPERVISOR = reverse("monitoring:supervisor_dashboard")
COVERAGE = reverse("monitoring:coverage")
MALFORMED = ["²", "١٢", "１", "abc", "1.5", "-1", "0", "1e3", "9" * 30, "1; DROP"]


@pytest.fixture
def data():
    return dataset.build()


@pytest.fixture
def federal(client):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.SUPERVISOR, region=None)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2025-06-30", "end": "2025-06-30"},
        {"start": "2025-01-01", "end": "2025-06-30", "period": "2025-H1"},
        {"start": "2025-06-30"},
        {"end": "2025-06-30"},
        {"period": "2025-06-01..2025-06-30"},
    ],
)
def test_a_supervisor_cannot_choose_dates(client, data, federal, query):
    response = client.get(SUPERVISOR, query)
    assert response.status_code == 400
    assert "report" not in response.context  # no figures for that range, nor any other
    assert response.context["form"].has_error("period", "fixed_only")
    body = response.content.decode()
    assert "Dates of your own are not available across cells" in body
    assert 'id="id_period-errors"' in body
    assert 'name="start"' not in body and 'name="end"' not in body


@pytest.mark.parametrize("period", ["2025-H1", "2025-Q2", "2025"])
def test_a_supervisor_chooses_fixed_periods(client, data, federal, period):
    response = client.get(SUPERVISOR, {"period": period})
    assert response.status_code == 200
    assert response.context["report"].period.code == period


def test_the_cell_keeps_its_own_ranges(client, data):
    client.force_login(data.users["coordinator"])
    response = client.get(CELL, {"start": "2025-06-30", "end": "2025-06-30"})
    assert response.status_code == 200
    assert 'name="start"' in response.content.decode()


@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_cell_on_the_cell_dashboard_is_absent(client, data, value):
    client.force_login(data.users["coordinator"])
    assert client.get(CELL, {"cell": value}).status_code == 404


@pytest.mark.parametrize("name", ["region", "province", "cell"])
@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_area_on_the_supervisor_dashboard_is_a_message(
    client, data, federal, name, value
):
    response = client.get(SUPERVISOR, {name: value})
    assert response.status_code == 400, value
    assert response.context["form"].has_error(name), value
    assert "report" not in response.context


@pytest.mark.parametrize("period", ["２０２５-H1", "2025-H²", "2025-Q١", "²⁰²⁵"])
def test_other_digits_in_a_period_are_a_message(client, data, federal, period):
    response = client.get(SUPERVISOR, {"period": period})
    assert response.status_code == 400
    assert response.context["form"].has_error("period")


@pytest.mark.parametrize("value", MALFORMED)
def test_the_coverage_page_takes_malformed_areas_calmly(client, federal, value):
    for name in ("region", "province"):
        assert client.get(COVERAGE, {name: value}).status_code in (200, 400, 404), value
