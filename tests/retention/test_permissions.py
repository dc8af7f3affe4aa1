"""Permission matrix for the retention pages: every role × every view, allowed and refused.

Only the cell's coordinator and DPO use them (the coordinator of another cell sees their
own cell's empty pages); everyone else gets 404. "Allowed" is 200 for pages, 302 for a
completed POST and 400 for a POST that reached its form with deliberately empty input.
"""

import pytest
from django.urls import reverse

from livc.retention import services

from ..matrix import matrix_test

pytestmark = pytest.mark.django_db

MANAGERS = {"coordinator", "dpo", "foreign_coordinator"}
OWN_CELL = {"coordinator", "dpo"}


def policy(w, cell=True):
    return reverse("retention:policy") + (f"?cell={w.cell.pk}" if cell else "")


# name, method, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("queue", "get", lambda w: reverse("retention:queue"), dict.fromkeys(MANAGERS, 200)),
    ("holds", "get", lambda w: reverse("retention:holds"), dict.fromkeys(MANAGERS, 200)),
    ("hold_place", "post", lambda w: reverse("retention:holds"), dict.fromkeys(MANAGERS, 400)),
    ("hold_lift", "post", lambda w: reverse("retention:hold_lift", args=[w.hold.pk]),
     dict.fromkeys(OWN_CELL, 302)),
    ("tombstones", "get", lambda w: reverse("retention:tombstones"),
     dict.fromkeys(MANAGERS, 200)),
    ("policy", "get", lambda w: policy(w, cell=False), dict.fromkeys(MANAGERS, 200)),
    ("policy_of_the_cell", "get", policy, dict.fromkeys(OWN_CELL, 200)),
    ("policy_save", "post", policy, {"coordinator": 400}),
]  # fmt: skip


@pytest.fixture
def matrix_world(world):
    world.hold = services.legal_hold_place(
        user=world.users["coordinator"], case=world.case, reason="Court order"
    )
    return world


test_matrix = matrix_test(MATRIX, world_fixture="matrix_world")


def test_refusal_looks_like_absence(client, matrix_world):
    client.force_login(matrix_world.users["foreign_coordinator"])
    refused = client.post(reverse("retention:hold_lift", args=[matrix_world.hold.pk]))
    missing = client.post(reverse("retention:hold_lift", args=[matrix_world.hold.pk + 99]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content
