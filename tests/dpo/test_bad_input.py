"""Malformed ids in query strings (finding 3): `?cell=²` made `/dpo/` answer 500 ("²" is a
digit to Python, not to int()). Every DPO page parses the cell with the access switcher:
a malformed or foreign cell is a 404, never a 500. And read-only pages answer GET/HEAD only
(finding 6)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BAD = ["²", "abc", "-1", "0", "9999999999999999999999", "1.0", " 1x"]
PAGES = [
    "home",
    "access_log",
    "access_log_export",
    "statistics",
    "integrity",
    "register",
    "register_pdf",
]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("name", PAGES)
def test_a_malformed_cell_is_a_404(client, world, name, value):
    client.force_login(world.users["dpo"])
    response = client.get(reverse(f"dpo:{name}"), {"cell": value})
    assert response.status_code == 404


@pytest.mark.parametrize("value", BAD)
def test_a_malformed_cell_posted_to_verify_is_a_404(client, world, value):
    client.force_login(world.users["dpo"])
    assert client.post(reverse("dpo:verify"), {"cell": value}).status_code == 404
    assert client.post(reverse("dpo:verify") + f"?cell={value}").status_code == 404


@pytest.mark.parametrize("value", BAD)
def test_a_malformed_page_number_shows_the_first_page(client, world, value):
    client.force_login(world.users["dpo"])
    response = client.get(reverse("dpo:access_log"), {"cell": world.cell.pk, "page": value})
    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_a_page_far_beyond_the_log_is_empty(client, world):
    client.force_login(world.users["dpo"])
    response = client.get(reverse("dpo:access_log"), {"page": "999999999999999999"})
    assert response.status_code == 200 and not response.context["page"].object_list


@pytest.mark.parametrize("name", PAGES)
def test_read_only_pages_refuse_a_post_and_answer_head(client, world, name):
    client.force_login(world.users["dpo"])
    url = reverse(f"dpo:{name}")
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200
