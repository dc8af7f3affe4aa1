"""The plan page: content per case and a query count that does not grow with the plan."""

import pytest
from django.urls import reverse

from livc.trajectories import services

from .conftest import add_action, days

pytestmark = pytest.mark.django_db
# session, user, memberships, case; plan (get) and its view entry; goals, actions, their
# notes and status history, reviews; add-action form: organisations (exists + choices),
# owners, goals
PLAN_PAGE_QUERIES = 16


def grow(world, n: int) -> None:
    coordinator, partner = world.users["coordinator"], world.users["partner"]
    plan = services.plan_for(user=coordinator, case=world.case)
    for i in range(n):
        goal = services.goal_add(user=coordinator, plan=plan, description=f"Goal {i}")
        action = add_action(world, goal=goal, owner=partner)
        services.progress_note_add(user=partner, action=action, text=f"Note {i}")
        services.action_transition(
            user=partner, action=action, to_status="in_progress", version=action.version
        )
        plan.refresh_from_db()
        services.review_add(
            user=coordinator,
            plan=plan,
            held_on=days(0),
            note=f"Review {i}",
            next_review_on=days(30),
            version=plan.version,
        )


@pytest.mark.parametrize("who", ["coordinator", "partner"])
def test_plan_page_query_count_is_constant(world, client, django_assert_num_queries, who):
    url = reverse("trajectories:plan", kwargs={"case_id": world.case.pk})
    grow(world, 1)
    client.force_login(world.users[who])
    client.get(url)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        client.get(url)
    grow(world, 5)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        response = client.get(url)
    body = response.content.decode()
    assert len(response.context["rows"]) == 6
    assert all(f"Note {i}" in body and f"Review {i}" in body for i in range(5))


def test_plan_of_a_case_the_user_cannot_see_is_absent(world, client):
    client.force_login(world.users["colleague"])
    url = reverse("trajectories:plan", kwargs={"case_id": world.case.pk})
    assert client.get(url).status_code == 404
    assert client.get(url.replace(str(world.case.pk), "999999")).status_code == 404
