"""Permission matrix for conferences: every role × every view, allowed and refused.

Refused is always 404 (absence). "Allowed" is 200 for pages, 302 for a completed POST and
400 for a POST that reached the form with deliberately empty input. Each view is tried on
the conference in the state where it makes sense (see helpers.conference_world).
"""

import pytest
from django.urls import reverse

from livc.conferences.urls import urlpatterns

from ..casework import CELL_MEMBERS, ROLES
from .helpers import conference_world

pytestmark = pytest.mark.django_db

COORDINATORS = {"coordinator", "foreign_coordinator"}  # each plans in their own cell
SEES = {"coordinator", "chair", "information_officer", "partner"}  # invited or cell lead


def planned(w):
    return [w.planned.pk]


def planned_item(w):
    return [w.planned.pk, w.planned.items.get().pk]


def held(w):
    return [w.held.pk]


def held_item(w):
    return [w.held.pk, w.held.items.get().pk]


def approved(w):
    return [w.approved.pk]


# url name, method, url arguments, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("list", "get", None, dict.fromkeys(CELL_MEMBERS, 200)),
    ("create", "get", None, dict.fromkeys(COORDINATORS, 200)),
    ("create", "post", None, dict.fromkeys(COORDINATORS, 400)),
    ("detail", "get", planned, dict.fromkeys(SEES, 200)),
    ("agenda_add", "post", planned, {"coordinator": 400}),
    ("agenda_remove", "post", planned_item, {"coordinator": 302}),
    ("invitations", "get", planned, {"coordinator": 200}),
    ("invitations", "post", planned, {"coordinator": 400}),
    ("attestation", "post", planned, dict.fromkeys(SEES, 400)),
    ("attendance", "get", held, {"coordinator": 200}),
    ("attendance", "post", held, {"coordinator": 400}),
    ("minutes", "get", held_item, {"coordinator": 200}),
    ("minutes", "post", held_item, {"coordinator": 400}),
    ("held", "post", planned, {"coordinator": 302}),
    ("approve", "post", held, {"coordinator": 302}),
    ("pdf", "get", approved, dict.fromkeys(SEES, 200)),
    ("ics", "get", planned, dict.fromkeys(SEES, 200)),
]


@pytest.fixture
def world():
    return conference_world()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "args", "allowed"), MATRIX, ids=[f"{m[0]}-{m[1]}" for m in MATRIX]
)
def test_matrix(client, world, role, name, method, args, allowed):
    client.force_login(world.users[role])
    url = reverse(f"conferences:{name}", args=args(world) if args else None)
    response = getattr(client, method)(url, {})
    assert response.status_code == allowed.get(role, 404), f"{role} on {name} ({method})"


def test_matrix_covers_every_view():
    # De-identified copies have their own matrix, with the records they copy
    # (tests/privacy/test_copies.py).
    views = {p.name for p in urlpatterns if not p.name.endswith("_copy")}
    assert views == {m[0] for m in MATRIX}
