"""Permission matrix for the DPO tools: every role × every view, allowed and refused.

Refused is always 404 (absence). The tools are the cell's DPO's; the register of
processing is also the coordinator's (of their own cell: the foreign coordinator sees the
register of theirs, never this one).
"""

import pytest
from django.urls import reverse

from ..matrix import matrix_test

pytestmark = pytest.mark.django_db

DPO = {"dpo": 200}
REGISTER = {"dpo": 200, "coordinator": 200, "foreign_coordinator": 200}


def url(name, cell=None):
    def build(world):
        target = reverse(f"dpo:{name}")
        if cell:
            target += f"?cell={getattr(world, cell).pk}"
        return target

    return build


# name, method, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("home", "get", url("home"), DPO),
    ("home_this_cell", "get", url("home", "cell"), DPO),
    ("home_other_cell", "get", url("home", "other_cell"), {}),
    ("access_log", "get", url("access_log"), DPO),
    ("access_log_other_cell", "get", url("access_log", "other_cell"), {}),
    ("access_log_export", "get", url("access_log_export"), DPO),
    ("statistics", "get", url("statistics"), DPO),
    ("statistics_other_cell", "get", url("statistics", "other_cell"), {}),
    ("integrity", "get", url("integrity"), DPO),
    ("verify", "post", url("verify"), {"dpo": 302}),
    ("verify_other_cell", "post", url("verify", "other_cell"), {}),
    ("register", "get", url("register"), REGISTER),
    ("register_this_cell", "get", url("register", "cell"), {"dpo": 200, "coordinator": 200}),
    ("register_other_cell", "get", url("register", "other_cell"), {"foreign_coordinator": 200}),
    ("register_pdf", "get", url("register_pdf", "cell"), {"dpo": 200, "coordinator": 200}),
]  # fmt: skip


test_matrix = matrix_test(MATRIX)


def test_get_only_pages_refuse_post_and_verify_refuses_get(client, world):
    client.force_login(world.users["dpo"])
    assert client.post(reverse("dpo:access_log")).status_code == 405
    assert client.get(reverse("dpo:verify")).status_code == 405


def test_a_malformed_cell_is_absence(client, world):
    client.force_login(world.users["dpo"])
    assert client.get(reverse("dpo:home") + "?cell=abc").status_code == 404
    assert client.get(reverse("dpo:home") + "?cell=999999").status_code == 404
