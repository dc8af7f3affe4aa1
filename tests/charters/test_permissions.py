"""Permission matrix for charters: every role × every charter view, allowed and refused.

Refused is always 404 (absence). "Allowed" is 200 for pages, 302 where the page sends the
user on (index with one cell, accept with nothing to accept), and 400 for a POST that
reached its form with deliberately empty input (so nothing is written). A charter is
published in the world's cell, so its members have something to accept.
"""

import pytest
from django.urls import reverse

from ..casework import CELL_MEMBERS, join
from ..matrix import matrix_test
from .conftest import RULES, publish

pytestmark = pytest.mark.django_db

MEMBERS_HERE = CELL_MEMBERS - {"foreign_coordinator"}


def cell_url(name, *extra):
    return lambda w: reverse(f"charters:{name}", args=[w.cell.pk, *extra])


# name, method, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("index", "get", lambda w: reverse("charters:index"), dict.fromkeys(CELL_MEMBERS, 302)),
    ("detail", "get", cell_url("detail"), dict.fromkeys(MEMBERS_HERE, 200)),
    ("version", "get", lambda w: reverse("charters:version", args=[w.version.pk]),
     dict.fromkeys(MEMBERS_HERE, 200)),
    ("publish", "get", cell_url("publish", RULES.value), {"coordinator": 200}),
    ("publish_post", "post", cell_url("publish", RULES.value), {"coordinator": 400}),
    ("publish_unknown_kind", "get", cell_url("publish", "other"), {}),
    ("acceptances", "get", cell_url("acceptances"), {"coordinator": 200, "dpo": 200}),
    ("accept", "get", lambda w: reverse("charters:accept"),
     {**dict.fromkeys(MEMBERS_HERE, 200), "foreign_coordinator": 302}),
    ("accept_post", "post", lambda w: reverse("charters:accept"),
     {**dict.fromkeys(MEMBERS_HERE, 400), "foreign_coordinator": 302}),
]  # fmt: skip


@pytest.fixture
def matrix_world(world):
    world.version = publish(world)
    return world


test_matrix = matrix_test(MATRIX, world_fixture="matrix_world")


def test_refusal_and_absence_look_the_same(client, matrix_world):
    client.force_login(matrix_world.users["foreign_coordinator"])
    refused = client.get(reverse("charters:version", args=[matrix_world.version.pk]))
    missing = client.get(reverse("charters:version", args=[999_999]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content
    refused = client.get(reverse("charters:detail", args=[matrix_world.cell.pk]))
    missing = client.get(reverse("charters:detail", args=[999_999]))
    assert refused.status_code == missing.status_code == 404


def test_member_of_several_cells_chooses_on_the_index(client, matrix_world):
    user = matrix_world.users["coordinator"]
    join(user, "partner", matrix_world.other_cell, matrix_world.caw)
    client.force_login(user)
    response = client.get(reverse("charters:index"))
    assert response.status_code == 200
    assert list(response.context["cells"]) == sorted(
        [matrix_world.cell, matrix_world.other_cell], key=lambda c: c.name
    )


def test_detail_offers_actions_by_permission(client, matrix_world):
    url = reverse("charters:detail", args=[matrix_world.cell.pk])
    for role, (publish_link, acceptances_link) in {
        "coordinator": (True, True),
        "dpo": (False, True),
        "chair": (False, False),
        "partner": (False, False),
    }.items():
        client.force_login(matrix_world.users[role])
        body = client.get(url).content.decode()
        assert ("Publish a new version" in body) is publish_link, role
        assert ("Who accepted" in body) is acceptances_link, role


def test_read_only_pages_refuse_a_post_and_answer_head(client, world):
    """Finding 6: read views answer GET/HEAD only; a POST never renders them."""
    version = publish(world)
    client.force_login(world.users["coordinator"])
    for url in (
        reverse("charters:index"),
        reverse("charters:detail", args=[world.cell.pk]),
        reverse("charters:version", args=[version.pk]),
        reverse("charters:acceptances", args=[world.cell.pk]),
    ):
        assert client.post(url).status_code == 405, url
        assert client.head(url).status_code in (200, 302), url
