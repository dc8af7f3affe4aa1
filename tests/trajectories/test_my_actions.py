"""'My actions': scoping by organisation and need-to-know, order, sorting, paging."""

import pytest
from django.urls import reverse

from livc.trajectories import services
from livc.trajectories.models import Action

from .conftest import add_action, backdate, open_case

pytestmark = pytest.mark.django_db
URL = reverse("trajectories:my_actions")
# session, user, memberships; count and page of ids (each with the visible-cases
# subquery); the page's actions with case, organisation and owner;
# the access-log entry (one INSERT)
MY_ACTIONS_QUERIES = 8


def listed(client, world, who, **params) -> list[Action]:
    client.force_login(world.users[who])
    response = client.get(URL, params)
    assert response.status_code == 200
    return list(response.context["page"])


def test_partners_see_their_organisations_actions_in_cases_they_see(world, client):
    caw = add_action(world, organisation=world.caw)
    police = add_action(world, organisation=world.police)
    # A second CAW case in which only the colleague is named: the partner does not see it.
    colleagues_case = open_case(world, organisation=world.caw, members=[world.users["colleague"]])
    colleagues = add_action(world, case=colleagues_case, organisation=world.caw)
    assert listed(client, world, "partner") == [caw]
    assert listed(client, world, "information_officer") == [police]
    assert listed(client, world, "colleague") == [colleagues]
    for who in ("other_partner", "chair", "dpo", "foreign_coordinator"):
        assert listed(client, world, who) == [], who


def test_colleague_not_named_sees_nothing_of_the_case(world, client):
    add_action(world, organisation=world.caw, owner=world.users["partner"])
    assert listed(client, world, "colleague") == []


def test_owned_actions_are_listed(world, client):
    owned = add_action(world, organisation=world.caw, owner=world.users["partner"])
    listed_actions = listed(client, world, "partner")
    assert listed_actions == [owned] and listed_actions[0].owner == world.users["partner"]


def test_open_first_then_by_due_date_and_sortable(world, client):
    late = backdate(add_action(world, due_in=1), created_days_ago=9, due_days_ago=2)
    soon, later = add_action(world, due_in=3), add_action(world, due_in=30)
    done = add_action(world, due_in=2)
    for status in ("in_progress", "done"):
        services.action_transition(
            user=world.users["partner"], action=done, to_status=status, version=done.version
        )
    assert listed(client, world, "partner") == [late, soon, later, done]
    assert listed(client, world, "partner", sort="-due") == [later, soon, late, done]
    body = client.get(URL).content.decode()
    assert body.count(">overdue</span>") == 1


def test_paginated_by_25_with_a_constant_query_count(world, client, django_assert_num_queries):
    add_action(world)
    client.force_login(world.users["partner"])
    client.get(URL)
    with django_assert_num_queries(MY_ACTIONS_QUERIES):
        client.get(URL)
    for _ in range(29):
        add_action(world, owner=world.users["partner"])
    with django_assert_num_queries(MY_ACTIONS_QUERIES):
        response = client.get(URL)
    page = response.context["page"]
    assert len(page) == 25 and page.paginator.count == 30
    assert len(client.get(URL, {"page": 2}).context["page"]) == 5


def test_lists_show_no_free_text(world, client):
    add_action(world, description="Talk to the football coach")
    client.force_login(world.users["partner"])
    assert "football coach" not in client.get(URL).content.decode()
