"""Permission matrix for plans: every role × every trajectories view, allowed and refused.

Refused is always 404 (absence). "Allowed" is 200 for pages and 400 for a POST that
reached its form with deliberately empty input (so nothing is written). Readers of the
plan are the readers of the case; the coordinator edits all, information officer and
partners their own organisation's actions, the case director all (tested below).
"""

import pytest
from django.urls import reverse

from livc.cases import services as case_services
from livc.trajectories.models import Action, Plan

from ..casework import CELL_MEMBERS
from ..factories import UserFactory
from ..matrix import matrix_test
from .conftest import add_action, days

pytestmark = pytest.mark.django_db

CASE_READERS = {"coordinator", "chair", "information_officer", "partner"}


def plan(name):
    return lambda w: reverse(f"trajectories:{name}", kwargs={"case_id": w.case.pk})


def action(name, which):
    return lambda w: reverse(f"trajectories:{name}", args=[getattr(w, which).pk])


# name, method, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("plan", "get", plan("plan"), dict.fromkeys(CASE_READERS, 200)),
    ("action_add", "post", plan("action_add"),
     {"coordinator": 400, "information_officer": 400, "partner": 400}),
    ("goal_add", "post", plan("goal_add"), {"coordinator": 400}),
    ("goal_reached", "post",
     lambda w: reverse("trajectories:goal_reached",
                       kwargs={"case_id": w.case.pk, "goal_id": w.goal.pk}),
     {"coordinator": 400}),
    ("schedule", "post", plan("schedule"), {"coordinator": 400}),
    ("review_add", "post", plan("review_add"), {"coordinator": 400}),
    ("action_edit_caw", "get", action("action_edit", "caw_action"),
     {"coordinator": 200, "partner": 200}),
    ("action_edit_police", "get", action("action_edit", "police_action"),
     {"coordinator": 200, "information_officer": 200}),
    ("action_edit_post", "post", action("action_edit", "caw_action"),
     {"coordinator": 400, "partner": 400}),
    ("action_transition_caw", "post", action("action_transition", "caw_action"),
     {"coordinator": 400, "partner": 400}),
    ("action_transition_police", "post", action("action_transition", "police_action"),
     {"coordinator": 400, "information_officer": 400}),
    ("note_add_caw", "post", action("note_add", "caw_action"),
     {"coordinator": 400, "partner": 400}),
    ("note_add_police", "post", action("note_add", "police_action"),
     {"coordinator": 400, "information_officer": 400}),
    ("my_actions", "get", lambda w: reverse("trajectories:my_actions"),
     dict.fromkeys(CELL_MEMBERS, 200)),
    ("dashboard", "get", lambda w: reverse("trajectories:dashboard"),
     {"coordinator": 200, "foreign_coordinator": 200}),  # each their own cell
    ("dashboard_of_this_cell", "get",
     lambda w: reverse("trajectories:dashboard") + f"?cell={w.cell.pk}", {"coordinator": 200}),
    ("dashboard_section", "get",
     lambda w: reverse("trajectories:dashboard_section", args=["actions"]) + f"?cell={w.cell.pk}",
     {"coordinator": 200}),
]  # fmt: skip


@pytest.fixture
def matrix_world(world):
    world.caw_action = add_action(world, organisation=world.caw)
    world.police_action = add_action(world, organisation=world.police)
    world.goal = world.caw_action.plan.goals.create(description="Finish school")
    return world


test_matrix = matrix_test(MATRIX, world_fixture="matrix_world")


def test_refusal_and_absence_look_the_same(client, matrix_world):
    client.force_login(matrix_world.users["other_partner"])
    refused = client.get(reverse("trajectories:action_edit", args=[matrix_world.caw_action.pk]))
    missing = client.get(reverse("trajectories:action_edit", args=[999_999]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content


def test_partner_gives_actions_to_their_own_organisation_only(client, matrix_world):
    client.force_login(matrix_world.users["partner"])
    url = reverse("trajectories:action_add", kwargs={"case_id": matrix_world.case.pk})
    data = {
        "organisation": matrix_world.police.pk,
        "description": "Police visit",
        "due_on": days(5),
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "organisation" in response.context["action_form"].errors
    assert not Action.objects.filter(description="Police visit").exists()
    assert client.post(url, {**data, "organisation": matrix_world.caw.pk}).status_code == 302


def test_plan_page_offers_forms_by_permission(client, matrix_world):
    url = reverse("trajectories:plan", kwargs={"case_id": matrix_world.case.pk})
    expected = {
        # role: (editable action organisations, plan forms, add-action form)
        "coordinator": ({"CAW", "Police zone"}, True, True),
        "partner": ({"CAW"}, False, True),
        "information_officer": ({"Police zone"}, False, True),
        "chair": (set(), False, False),
    }
    for role, (editable, plan_forms, can_add) in expected.items():
        client.force_login(matrix_world.users[role])
        response = client.get(url)
        rows = response.context["rows"]
        assert {r.action.organisation.name for r in rows if r.can_edit} == editable, role
        assert ("review_form" in response.context) is plan_forms, role
        assert response.context["can_add_action"] is can_add, role
        body = response.content.decode()
        assert ("Record a review" in body) is plan_forms, role
        assert ("Add an action" in body) is can_add, role


def test_case_director_edits_the_whole_plan(client, matrix_world):
    case = matrix_world.case
    case.case_director = matrix_world.users["partner"]
    case.save(update_fields=["case_director"])
    client.force_login(matrix_world.users["partner"])
    police_action = matrix_world.police_action
    response = client.post(
        reverse("trajectories:action_transition", args=[police_action.pk]),
        {"to_status": "in_progress", "version": police_action.version},
    )
    assert response.status_code == 302
    plan_kwargs = {"case_id": case.pk}
    goal = client.post(reverse("trajectories:goal_add", kwargs=plan_kwargs), {"description": "X"})
    assert goal.status_code == 302
    schedule = client.post(
        reverse("trajectories:schedule", kwargs=plan_kwargs),
        {"next_review_on": days(7), "version": Plan.objects.get().version},
    )
    assert schedule.status_code == 302
    added = client.post(
        reverse("trajectories:action_add", kwargs=plan_kwargs),
        {"organisation": matrix_world.police.pk, "description": "Talk", "due_on": days(3)},
    )
    assert added.status_code == 302


def test_case_director_who_no_longer_sees_the_case_edits_nothing(client, matrix_world):
    """Being named director does not bypass need-to-know."""
    case = matrix_world.case
    case.case_director = matrix_world.users["other_partner"]
    case.save(update_fields=["case_director"])
    client.force_login(matrix_world.users["other_partner"])
    url = reverse("trajectories:goal_add", kwargs={"case_id": case.pk})
    assert client.post(url, {"description": "X"}).status_code == 404


def test_partner_of_a_declined_organisation_loses_the_actions(client, matrix_world):
    participant = matrix_world.case.participants.get(organisation=matrix_world.caw)
    participant.status = "declined"
    participant.save(update_fields=["status"])
    client.force_login(matrix_world.users["partner"])
    url = reverse("trajectories:action_edit", args=[matrix_world.caw_action.pk])
    assert client.get(url).status_code == 404


def test_chair_edits_nothing_even_when_their_organisation_takes_part(client, matrix_world):
    """The chair's role, not their organisation, decides: the chair reads, never edits."""
    chair = matrix_world.users["chair"]
    city = chair.memberships.get().organisation
    # The chair reads every case of the cell; only partners and information officers are
    # ever named members.
    case_services.participant_invite(
        user=matrix_world.users["coordinator"], case=matrix_world.case, organisation=city,
        members=[],
    )  # fmt: skip
    city_action = add_action(matrix_world, organisation=city)
    client.force_login(chair)
    assert client.get(reverse("trajectories:action_edit", args=[city_action.pk])).status_code == 404
    response = client.get(reverse("trajectories:plan", kwargs={"case_id": matrix_world.case.pk}))
    assert not any(row.can_edit for row in response.context["rows"])
    assert response.context["can_add_action"] is False


def test_superuser_gets_no_bypass(client, matrix_world):
    client.force_login(UserFactory(is_superuser=True))
    for url in (
        reverse("trajectories:plan", kwargs={"case_id": matrix_world.case.pk}),
        reverse("trajectories:action_edit", args=[matrix_world.caw_action.pk]),
        reverse("trajectories:my_actions"),
        reverse("trajectories:dashboard"),
    ):
        assert client.get(url).status_code == 404, url
