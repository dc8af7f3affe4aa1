"""Permission matrix for subject access: every role × every view, allowed and refused.

Refused is always 404 (absence). "Allowed" is 200 for pages and downloads and 400 for a
POST that reached its form with deliberately empty input (so nothing is written). The
coordinator of the subject's cell does everything; the coordinator of another cell may
search (and finds nothing of this cell) and handle their own cell's requests; the DPO
sees the list of requests only.
"""

import pytest
from django.urls import reverse

from livc.subjectaccess import services

from ..factories import UserFactory
from ..matrix import matrix_test
from .conftest import today

pytestmark = pytest.mark.django_db

COORDINATORS = {"coordinator", "foreign_coordinator"}


def subject(name):
    return lambda w: reverse(f"subjectaccess:{name}", args=[w.signal.subject.pk])


def request(name):
    return lambda w: reverse(f"subjectaccess:{name}", args=[w.request.pk])


# name, method, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("search", "get", lambda w: reverse("subjectaccess:search"), dict.fromkeys(COORDINATORS, 200)),
    ("search_post", "post", lambda w: reverse("subjectaccess:search"),
     dict.fromkeys(COORDINATORS, 400)),
    ("subject", "get", subject("subject"), {"coordinator": 200}),
    ("export_json", "get", subject("export_json"), {"coordinator": 200}),
    ("export_pdf", "get", subject("export_pdf"), {"coordinator": 200}),
    ("subject_request_create", "get", subject("subject_request_create"), {"coordinator": 200}),
    ("subject_request_create_post", "post", subject("subject_request_create"),
     {"coordinator": 400}),
    ("requests", "get", lambda w: reverse("subjectaccess:requests"),
     {"coordinator": 200, "foreign_coordinator": 200, "dpo": 200}),
    ("request_create", "get", lambda w: reverse("subjectaccess:request_create"),
     dict.fromkeys(COORDINATORS, 200)),
    ("request_create_post", "post", lambda w: reverse("subjectaccess:request_create"),
     dict.fromkeys(COORDINATORS, 400)),
    ("request", "get", request("request"), {"coordinator": 200}),
    ("request_decide", "post", request("request_decide"), {"coordinator": 400}),
    ("export_for_request", "get",
     lambda w: subject("export_json")(w) + f"?request={w.request.pk}", {"coordinator": 200}),
]  # fmt: skip


@pytest.fixture
def matrix_world(world):
    world.request = services.request_create(
        user=world.users["coordinator"], cell=world.cell, kind="access", received_on=today(),
        description="What do you hold about me?", subject=world.signal.subject,
    )  # fmt: skip
    return world


test_matrix = matrix_test(MATRIX, world_fixture="matrix_world")


def test_refusal_and_absence_look_the_same(client, matrix_world):
    client.force_login(matrix_world.users["foreign_coordinator"])
    for name, pk in (
        ("subject", matrix_world.signal.subject.pk),
        ("request", matrix_world.request.pk),
    ):
        refused = client.get(reverse(f"subjectaccess:{name}", args=[pk]))
        missing = client.get(reverse(f"subjectaccess:{name}", args=[999_999]))
        assert refused.status_code == missing.status_code == 404
        assert refused.content == missing.content


def test_superuser_gets_no_bypass(client, matrix_world):
    client.force_login(UserFactory(is_superuser=True))
    for name, build in ((m[0], m[2]) for m in MATRIX if m[1] == "get"):
        assert client.get(build(matrix_world)).status_code == 404, name
