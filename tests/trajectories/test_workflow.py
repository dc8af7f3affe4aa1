"""Actions: workflow table, dated status rows, validation, plans, reviews, concurrency."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from livc.trajectories import services, workflow
from livc.trajectories.models import Action, ActionStatusChange, Plan, Review

from .conftest import add_action, backdate, days, foreign_case

pytestmark = pytest.mark.django_db
S = Action.Status


def plan_url(world):
    return reverse("trajectories:plan", kwargs={"case_id": world.case.pk})


def test_workflow_table():
    assert {
        S.OPEN: {S.IN_PROGRESS, S.CANCELLED},
        S.IN_PROGRESS: {S.DONE, S.CANCELLED},
        S.DONE: set(),
        S.CANCELLED: set(),
    } == workflow.TRANSITIONS
    assert set(workflow.TRANSITIONS) == set(S.values)


def test_every_status_change_is_a_dated_row(world):
    action = add_action(world)
    partner = world.users["partner"]
    for status in (S.IN_PROGRESS, S.DONE):
        services.action_transition(
            user=partner, action=action, to_status=status, version=action.version
        )
    changes = list(ActionStatusChange.objects.filter(action=action))
    assert [(c.from_status, c.to_status) for c in changes] == [
        ("", "open"),
        ("open", "in_progress"),
        ("in_progress", "done"),
    ]
    assert all(c.at for c in changes)
    assert [c.by for c in changes] == [world.users["coordinator"], partner, partner]
    action.refresh_from_db()
    assert action.status == S.DONE and action.version == 3


@pytest.mark.parametrize(
    ("path", "to_status"),
    [((), S.DONE), ((S.CANCELLED,), S.IN_PROGRESS), ((S.IN_PROGRESS, S.DONE), S.OPEN)],
)
def test_illegal_transitions_are_refused_with_a_clear_message(world, path, to_status):
    action = add_action(world)
    for status in path:
        services.action_transition(
            user=world.users["coordinator"], action=action, to_status=status, version=action.version
        )
    with pytest.raises(ValidationError, match="An action cannot go from"):
        services.action_transition(
            user=world.users["coordinator"],
            action=action,
            to_status=to_status,
            version=action.version,
        )
    assert ActionStatusChange.objects.filter(action=action).count() == 1 + len(path)


def test_illegal_transition_through_the_page_comes_back_at_the_action(world, client):
    action = add_action(world)
    client.force_login(world.users["partner"])
    url = reverse("trajectories:action_transition", args=[action.pk])
    response = client.post(url, {"to_status": "done", "version": action.version})
    assert response.status_code == 400
    assert "An action cannot go from “open” to “done”." in response.content.decode()
    bogus = client.post(url, {"to_status": "lost", "version": action.version})
    assert bogus.status_code == 400
    action.refresh_from_db()
    assert action.status == S.OPEN
    ok = client.post(url, {"to_status": "in_progress", "version": action.version})
    assert ok.status_code == 302 and ok["Location"].endswith(f"#action-{action.pk}")


def test_overdue_is_derived_from_the_due_date(world):
    action = add_action(world, due_in=0)
    assert not action.is_overdue  # due today is not late yet
    backdate(action, created_days_ago=5, due_days_ago=1)
    assert action.is_overdue
    services.action_transition(
        user=world.users["coordinator"], action=action, to_status="cancelled", version=1
    )
    assert not action.is_overdue


def test_action_due_before_it_was_created_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        add_action(world, due_in=-1)
    assert (
        "An action cannot be due before it was created" in refused.value.message_dict["due_on"][0]
    )
    assert not Action.objects.exists()


def test_due_before_creation_comes_back_at_the_field(world, client):
    client.force_login(world.users["partner"])
    url = reverse("trajectories:action_add", kwargs={"case_id": world.case.pk})
    data = {"organisation": world.caw.pk, "description": "Home visit", "due_on": days(-3)}
    response = client.post(url, data)
    assert response.status_code == 400
    form = response.context["action_form"]
    assert "An action cannot be due before it was created" in form.errors["due_on"][0]
    assert 'id="id_action_due_on-errors"' in response.content.decode()
    assert not Action.objects.exists()
    assert client.post(url, {**data, "due_on": days(3)}).status_code == 302
    assert Action.objects.get().description == "Home visit"


def test_editing_keeps_the_due_date_after_the_creation_date(world):
    action = backdate(add_action(world), created_days_ago=10, due_days_ago=2)
    edit = {"user": world.users["coordinator"], "action": action, "description": "Call"}
    with pytest.raises(ValidationError) as refused:
        services.action_update(**edit, version=action.version, due_on=days(-11))
    assert "due_on" in refused.value.message_dict
    services.action_update(**edit, version=action.version, due_on=days(-5))  # still overdue
    action.refresh_from_db()
    assert action.due_on == days(-5) and action.is_overdue


def test_action_data_are_checked(world):
    other = foreign_case(world)
    plan_of_other_case = Plan.objects.create(case=other, cell=other.cell)
    foreign_goal = services.goal_add(
        user=world.users["foreign_coordinator"], plan=plan_of_other_case, description="Other"
    )
    with pytest.raises(ValidationError) as refused:
        add_action(
            world,
            organisation=world.clb,  # does not take part
            owner=world.users["other_partner"],
            goal=foreign_goal,
            description=" ",
        )
    assert set(refused.value.message_dict) == {"organisation", "goal", "description"}
    with pytest.raises(ValidationError) as refused:
        add_action(world, organisation=world.caw, owner=world.users["information_officer"])
    assert refused.value.message_dict["owner"] == [
        "The owner must be a member of the organisation in this cell."
    ]


def test_a_done_action_no_longer_changes(world):
    action = add_action(world)
    for status in (S.IN_PROGRESS, S.DONE):
        services.action_transition(
            user=world.users["coordinator"], action=action, to_status=status, version=action.version
        )
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.action_update(
            user=world.users["coordinator"],
            action=action,
            version=action.version,
            description="Changed",
            due_on=days(5),
        )


def test_one_plan_per_case_created_on_first_use(world, client):
    assert not Plan.objects.exists()
    action = add_action(world)
    assert action.plan.pk == world.case.pk and action.cell_id == world.case.cell_id
    client.force_login(world.users["chair"])
    assert client.get(plan_url(world)).status_code == 200
    assert Plan.objects.count() == 1


def test_plan_page_creates_the_plan_for_the_first_reader(world, client):
    client.force_login(world.users["information_officer"])
    assert client.get(plan_url(world)).status_code == 200
    plan = Plan.objects.get()
    assert plan.case == world.case and plan.cell == world.cell


def test_free_text_is_encrypted_at_rest(world):
    action = add_action(world, description="Visit the family at home")
    services.progress_note_add(user=world.users["partner"], action=action, text="Went well")
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM trajectories_action")
        stored = cursor.fetchone()[0]
        cursor.execute("SELECT text FROM trajectories_progressnote")
        note = cursor.fetchone()[0]
    assert "Visit" not in stored and "Went" not in note


def test_reviews_are_recorded_and_plan_the_next(world, client):
    client.force_login(world.users["coordinator"])
    client.get(plan_url(world))
    plan = Plan.objects.get()
    url = reverse("trajectories:review_add", kwargs={"case_id": world.case.pk})
    data = {"held_on": days(0), "note": "Goals still valid.", "next_review_on": days(30)}
    future = client.post(url, {**data, "held_on": days(1), "version": plan.version})
    assert future.status_code == 400
    assert "cannot be recorded before it is held" in future.content.decode()
    assert client.post(url, {**data, "version": plan.version}).status_code == 302
    plan.refresh_from_db()
    assert plan.next_review_on == days(30)
    review = Review.objects.get()
    assert (review.held_on, review.note, review.author) == (
        days(0),
        "Goals still valid.",
        world.users["coordinator"],
    )
    past = client.post(
        reverse("trajectories:schedule", kwargs={"case_id": world.case.pk}),
        {"next_review_on": days(-1), "version": plan.version},
    )
    assert past.status_code == 400 and "This date is in the past." in past.content.decode()


def test_goals_are_added_and_reached(world, client):
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("trajectories:goal_add", kwargs={"case_id": world.case.pk}),
        {"description": "Back to school"},
    )
    assert response.status_code == 302
    goal = Plan.objects.get().goals.get()
    url = reverse(
        "trajectories:goal_reached", kwargs={"case_id": world.case.pk, "goal_id": goal.pk}
    )
    assert client.post(url, {"reached": "yes"}).status_code == 302
    goal.refresh_from_db()
    assert goal.reached_on == days(0)
    action = add_action(world, goal=goal)
    assert action.goal == goal


# Optimistic locking -----------------------------------------------------------------------


def test_second_save_of_an_action_is_refused_and_nothing_is_lost(world, client):
    action = add_action(world)
    url = reverse("trajectories:action_edit", args=[action.pk])
    stale = {"description": "First version", "due_on": days(9), "version": action.version}
    client.force_login(world.users["coordinator"])
    assert client.post(url, stale).status_code == 302
    client.force_login(world.users["partner"])
    second = client.post(url, {**stale, "description": "Partner's careful wording"})
    assert second.status_code == 400
    body = second.content.decode()
    assert "Someone else changed this while you were editing" in body
    assert "Partner&#x27;s careful wording" in body  # the input comes back, not lost
    action.refresh_from_db()
    assert action.description == "First version" and action.version == 2


def test_stale_status_change_is_refused(world, client):
    action = add_action(world)
    url = reverse("trajectories:action_transition", args=[action.pk])
    client.force_login(world.users["partner"])
    assert client.post(url, {"to_status": "in_progress", "version": 1}).status_code == 302
    again = client.post(url, {"to_status": "cancelled", "version": 1})
    assert again.status_code == 400
    assert "Someone else changed this" in again.content.decode()
    action.refresh_from_db()
    assert action.status == S.IN_PROGRESS


def test_second_save_of_the_plan_is_refused(world, client):
    client.force_login(world.users["coordinator"])
    client.get(plan_url(world))
    url = reverse("trajectories:schedule", kwargs={"case_id": world.case.pk})
    assert client.post(url, {"next_review_on": days(10), "version": 1}).status_code == 302
    second = client.post(url, {"next_review_on": days(20), "version": 1})
    assert second.status_code == 400
    assert "Someone else changed this" in second.content.decode()
    assert Plan.objects.get().next_review_on == days(10)


def test_open_actions_are_cancelled_in_one_go(world):
    """For the cases app's closure: leftover actions do not stay overdue forever."""
    first, second, done = add_action(world), add_action(world), add_action(world)
    for status in ("in_progress", "done"):
        services.action_transition(
            user=world.users["coordinator"], action=done, to_status=status, version=done.version
        )
    cancelled = services.actions_cancel_open(user=world.users["coordinator"], case=world.case)
    assert cancelled == 2
    statuses = dict(Action.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "cancelled", done.pk: "done"}
    assert ActionStatusChange.objects.filter(to_status="cancelled").count() == 2
