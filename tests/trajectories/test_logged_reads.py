"""Every render of a plan is logged, whatever the status; read-only pages answer GET and
HEAD only; `/plans/` leads somewhere."""

import pytest
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.organisations.models import Membership, Role

from ..factories import UserFactory
from .conftest import add_action

pytestmark = pytest.mark.django_db


def views_of(case) -> int:
    return AccessLogEntry.objects.filter(case_id=case.pk, action="view").count()


@pytest.fixture
def action(world):
    return add_action(world)


@pytest.mark.parametrize(
    ("who", "url", "data"),
    [
        ("partner", lambda w, a: reverse("trajectories:note_add", args=[a.pk]), {"text": ""}),
        ("coordinator", lambda w, a: reverse("trajectories:goal_add", args=[w.case.pk]),
         {"description": ""}),
        ("coordinator", lambda w, a: reverse("trajectories:review_add", args=[w.case.pk]), {}),
        ("partner", lambda w, a: reverse("trajectories:action_add", args=[w.case.pk]), {}),
        ("partner", lambda w, a: reverse("trajectories:action_transition", args=[a.pk]), {}),
        ("partner", lambda w, a: reverse("trajectories:action_edit", args=[a.pk]), {}),
    ],
    ids=["progress-note", "goal", "review", "action", "transition", "action-edit"],
)  # fmt: skip
def test_a_form_that_comes_back_with_errors_logs_one_view(world, action, client, who, url, data):
    client.force_login(world.users[who])
    before = views_of(world.case)
    response = client.post(url(world, action), data)
    assert response.status_code == 400
    assert world.case.code in response.content.decode()
    assert views_of(world.case) == before + 1


@pytest.mark.parametrize("who", ["coordinator", "partner", "chair"])
def test_the_plan_page_logs_exactly_one_view(world, action, client, who):
    client.force_login(world.users[who])
    before = views_of(world.case)
    assert client.get(reverse("trajectories:plan", args=[world.case.pk])).status_code == 200
    assert views_of(world.case) == before + 1


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("trajectories:plan", args=[w.case.pk]),
        lambda w: reverse("trajectories:my_actions"),
        lambda w: reverse("trajectories:dashboard"),
        lambda w: reverse("trajectories:dashboard_section", args=["actions"]),
        lambda w: reverse("trajectories:index"),
    ],
    ids=["plan", "my_actions", "dashboard", "dashboard_section", "index"],
)
def test_read_only_pages_answer_get_and_head_only(world, client, url):
    client.force_login(world.users["coordinator"])
    assert client.get(url(world)).status_code in (200, 302)
    assert client.head(url(world)).status_code in (200, 302)
    assert client.post(url(world), {}).status_code == 405


def test_plans_index_leads_to_my_actions(world, client):
    assert reverse("trajectories:index") == "/plans/"
    client.force_login(world.users["partner"])
    response = client.get("/plans/")
    assert response.status_code == 302
    assert response["Location"] == reverse("trajectories:my_actions")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMINISTRATOR])
def test_plans_index_is_absent_for_roles_without_cases(client, db, role):
    user = UserFactory()
    Membership.objects.create(user=user, role=role)
    client.force_login(user)
    assert client.get("/plans/").status_code == 404
