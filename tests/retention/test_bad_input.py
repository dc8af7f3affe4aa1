"""Malformed ids in query strings (finding 3): `?cell=²` made `/retention/policy/` answer
500. The cell switcher parses it: malformed or not the user's cell, a 404. Read-only pages
answer GET/HEAD only (finding 6)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BAD = ["²", "abc", "-1", "0", "9999999999999999999999", "1.0"]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("who", ["coordinator", "dpo"])
def test_a_malformed_cell_is_a_404(client, world, who, value):
    client.force_login(world.users[who])
    assert client.get(reverse("retention:policy"), {"cell": value}).status_code == 404


def test_another_users_cell_is_a_404_and_their_own_is_shown(client, world):
    client.force_login(world.users["coordinator"])
    url = reverse("retention:policy")
    assert client.get(url, {"cell": world.other_cell.pk}).status_code == 404
    response = client.get(url, {"cell": world.cell.pk})
    assert response.status_code == 200 and response.context["current"].cell == world.cell


@pytest.mark.parametrize("name", ["queue", "tombstones"])
def test_read_only_pages_refuse_a_post_and_answer_head(client, world, name):
    client.force_login(world.users["coordinator"])
    url = reverse(f"retention:{name}")
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200
