"""Minutes per item: decisions, agreed actions, next review; encrypted at rest."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from livc.conferences import selectors, services
from livc.conferences.models import AgreedAction, Conference, Minutes
from livc.trajectories.models import Action

from ..casework import build_world
from .helpers import plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_world()
    world.conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
    services.conference_transition(
        user=world.users["coordinator"], conference=world.conference, to_status="held"
    )
    world.item = world.conference.items.get()
    return world


def _post(client, world, **extra):
    data = {
        "decisions": "Weekly contact with the youth worker.",
        "next_review_on": "2027-02-01",
        "actions-TOTAL_FORMS": "2",
        "actions-INITIAL_FORMS": "0",
        "actions-0-organisation": world.caw.pk,
        "actions-0-description": "Home visit",
        "actions-0-due_on": "2027-01-15",
        **extra,
    }
    client.force_login(world.users["coordinator"])
    return client.post(
        reverse("conferences:minutes", args=[world.conference.pk, world.item.pk]), data
    )


def test_minutes_form_saves_decisions_actions_and_review(client, world):
    response = _post(client, world)
    assert response.status_code == 302
    minutes = Minutes.objects.get(item=world.item)
    assert minutes.decisions == "Weekly contact with the youth worker."
    assert minutes.next_review_on == datetime.date(2027, 2, 1)
    action = AgreedAction.objects.get(item=world.item)
    assert (action.organisation, action.description, action.due_on) == (
        world.caw,
        "Home visit",
        datetime.date(2027, 1, 15),
    )


def test_rewriting_replaces_the_actions(client, world):
    _post(client, world)
    _post(client, world, **{"actions-0-description": "Call the school"})
    assert list(AgreedAction.objects.values_list("description", flat=True)) == ["Call the school"]


def test_free_text_is_encrypted_at_rest(client, world):
    _post(client, world)
    with connection.cursor() as cursor:
        cursor.execute("SELECT decisions FROM conferences_minutes")
        (raw_decisions,) = cursor.fetchone()
        cursor.execute("SELECT description FROM conferences_agreedaction")
        (raw_action,) = cursor.fetchone()
    assert "youth worker" not in raw_decisions
    assert "Home visit" not in raw_action


def test_actions_only_for_organisations_in_the_case(client, world):
    response = _post(client, world, **{"actions-0-organisation": world.clb.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Minutes.objects.exists()


def test_empty_decisions_are_refused_at_the_field(client, world):
    response = _post(client, world, decisions="")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_agreed_actions_for_returns_actions_only_once_approved(client, world):
    _post(client, world)
    assert list(selectors.agreed_actions_for(world.item)) == []
    services.conference_transition(
        user=world.users["coordinator"],
        conference=world.conference,
        to_status=Conference.Status.MINUTES_APPROVED,
    )
    world.item.conference.refresh_from_db()
    actions = list(selectors.agreed_actions_for(world.item))
    assert [(a.organisation.name, a.description, a.item.case) for a in actions] == [
        ("CAW", "Home visit", world.case)
    ]


def test_approved_agreed_actions_become_plan_actions(client, world):
    _post(client, world)
    assert not Action.objects.exists()  # draft minutes create nothing yet
    services.conference_transition(
        user=world.users["coordinator"],
        conference=world.conference,
        to_status=Conference.Status.MINUTES_APPROVED,
    )
    action = Action.objects.get()
    assert (action.plan_id, action.organisation, action.description) == (
        world.case.pk,
        world.caw,
        "Home visit",
    )
    assert action.due_on == datetime.date(2027, 1, 15)
