"""Role × plan service: allowed, or refused by the service itself."""

import pytest

from livc.trajectories import services

from ..cases.service_matrix import Row, allowed_by, service_matrix_test
from .conftest import add_action, days
from .test_permissions import MATRIX

pytestmark = pytest.mark.django_db

READERS = allowed_by(MATRIX, "plan")


def _own_organisation(world, user):
    """The organisation a user gives actions to: their own in the cell, else CAW."""
    membership = next((m for m in user.memberships.all() if m.cell_id == world.case.cell_id), None)
    organisation = membership.organisation if membership else None
    participating = {world.caw.pk, world.police.pk}
    return organisation if organisation and organisation.pk in participating else world.caw


def _plan(world):
    return services.plan_for(user=world.users["coordinator"], case=world.case)


ROWS = [
    Row("plan_for", lambda w, u: services.plan_for(user=u, case=w.case), READERS, READERS),
    Row("create_action",
        lambda w, u: services.create_action(
            user=u, case=w.case, organisation=_own_organisation(w, u), description="Visit",
            due_on=days(7)),
        allowed_by(MATRIX, "action_add"), READERS),
    Row("goal_add",
        lambda w, u: services.goal_add(user=u, plan=_plan(w), description="School"),
        allowed_by(MATRIX, "goal_add"), READERS),
    Row("goal_set_reached",
        lambda w, u: services.goal_set_reached(user=u, goal=w.goal, case=w.case, reached=True),
        allowed_by(MATRIX, "goal_reached"), READERS),
    Row("plan_schedule_review",
        lambda w, u: services.plan_schedule_review(
            user=u, plan=_plan(w), next_review_on=days(10), version=_plan(w).version),
        allowed_by(MATRIX, "schedule"), READERS),
    Row("review_add",
        lambda w, u: services.review_add(
            user=u, plan=_plan(w), held_on=days(0), note="Going well", next_review_on=None,
            version=_plan(w).version),
        allowed_by(MATRIX, "review_add"), READERS),
    Row("action_update",
        lambda w, u: services.action_update(
            user=u, action=w.caw_action, version=w.caw_action.version, description="Call",
            due_on=days(9)),
        allowed_by(MATRIX, "action_edit_post"), READERS),
    Row("action_transition (CAW's action)",
        lambda w, u: services.action_transition(
            user=u, action=w.caw_action, to_status="in_progress", version=w.caw_action.version),
        allowed_by(MATRIX, "action_transition_caw"), READERS),
    Row("action_transition (police's action)",
        lambda w, u: services.action_transition(
            user=u, action=w.police_action, to_status="cancelled",
            version=w.police_action.version),
        allowed_by(MATRIX, "action_transition_police"), READERS),
    Row("progress_note_add (CAW's action)",
        lambda w, u: services.progress_note_add(user=u, action=w.caw_action, text="Went well"),
        allowed_by(MATRIX, "note_add_caw"), READERS),
    Row("progress_note_add (police's action)",
        lambda w, u: services.progress_note_add(user=u, action=w.police_action, text="Done"),
        allowed_by(MATRIX, "note_add_police"), READERS),
    Row("action_viewed",
        lambda w, u: services.action_viewed(user=u, action=w.caw_action), READERS, READERS),
]  # fmt: skip


@pytest.fixture
def matrix_world(world):
    world.caw_action = add_action(world, organisation=world.caw)
    world.police_action = add_action(world, organisation=world.police)
    world.goal = world.caw_action.plan.goals.create(description="Finish school")
    return world


test_service_matrix = service_matrix_test(ROWS, world_fixture="matrix_world")
