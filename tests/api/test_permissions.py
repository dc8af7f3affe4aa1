"""Every endpoint × every role of build_world(), by session and by token: allowed or 404
(refusal looks like absence), and a response showing a subject's name was logged."""

import pytest
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.trajectories.models import Action

from ..casework import CELL_MEMBERS, ROLES
from ..matrix import assert_logged_if_identity_shown, subject_names
from .conftest import Caller

pytestmark = pytest.mark.django_db

READERS = {"coordinator", "chair", "information_officer", "partner"}
EDITORS = {"coordinator", "partner"}  # the plan's editor and the action's organisation

MATRIX = [
    ("me", "get", lambda w: reverse("api:me"), set(ROLES)),
    ("cases", "get", lambda w: reverse("api:cases"), CELL_MEMBERS),
    ("case", "get", lambda w: reverse("api:case", args=[w.case.pk]), READERS),
    ("actions", "get", lambda w: reverse("api:actions"), CELL_MEMBERS),
    ("action", "get", lambda w: reverse("api:action", args=[w.action.pk]), READERS),
    ("action_patch", "patch", lambda w: reverse("api:action", args=[w.action.pk]), EDITORS),
]


@pytest.mark.parametrize("how", ["session", "token"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "allowed"), MATRIX, ids=[r[0] for r in MATRIX])
def test_matrix(client, world, how, role, name, method, url, allowed):
    user = world.users[role]
    caller = Caller(client, user, how)
    names = subject_names()
    before = AccessLogEntry.objects.filter(user_id=user.pk).count()
    if method == "patch":
        response = caller.patch(
            url(world), {"status": "in_progress"}, HTTP_IF_MATCH=f'"{world.action.version}"'
        )
    else:
        response = caller.get(url(world))
    expected = 200 if role in allowed else 404
    assert response.status_code == expected, (role, name, how, response.content[:200])
    assert_logged_if_identity_shown(response, user, names, before)
    if name == "cases" and expected == 200:
        codes = {case["code"] for case in response.json()["results"]}
        assert (world.case.code in codes) == (role in READERS)
    if name == "action_patch":
        status = Action.objects.get(pk=world.action.pk).status
        assert (status == "in_progress") == (role in allowed)


@pytest.mark.parametrize("name", [row[0] for row in MATRIX])
def test_anonymous_gets_401_not_a_login_redirect(client, world, name):
    url = next(row[2] for row in MATRIX if row[0] == name)(world)
    response = client.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_my_actions_lists_the_organisations_action(client, world):
    response = Caller(client, world.users["partner"], "token").get(reverse("api:actions"))
    assert [a["id"] for a in response.json()["results"]] == [world.action.pk]
    assert "description" not in response.json()["results"][0]
    other = Caller(client, world.users["other_partner"], "token").get(reverse("api:actions"))
    assert other.json()["results"] == []


def test_session_writes_need_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["coordinator"])
    response = client.patch(
        reverse("api:action", args=[world.action.pk]),
        {"status": "in_progress"},
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 403
    assert Action.objects.get(pk=world.action.pk).status == "open"


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_reach_the_token_admin(client, world, role):
    client.force_login(world.users[role])
    for url in (reverse("admin:api_apitoken_changelist"), reverse("admin:api_apitoken_add")):
        assert client.get(url).status_code == (200 if role == "administrator" else 404), url
