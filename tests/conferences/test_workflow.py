"""The conference workflow: planned → held → minutes_approved, as a table."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livc.conferences import services, workflow
from livc.conferences.models import Conference, StatusChange

from ..casework import build_world
from .helpers import attest, hold, plan

pytestmark = pytest.mark.django_db
S = Conference.Status


def test_table_allows_exactly_the_documented_path():
    allowed = {(a, b) for a in S.values for b in S.values if workflow.is_allowed(a, b)}
    assert allowed == {(S.PLANNED, S.HELD), (S.HELD, S.MINUTES_APPROVED)}
    assert workflow.allowed_next(S.MINUTES_APPROVED) == frozenset()
    assert workflow.allowed_next("unknown") == frozenset()


@pytest.fixture
def world():
    return build_world()


def test_each_transition_is_a_dated_row(world):
    conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
    hold(world, conference)
    services.conference_transition(
        user=world.users["coordinator"], conference=conference, to_status=S.MINUTES_APPROVED
    )
    rows = list(StatusChange.objects.filter(conference=conference))
    assert [(r.from_status, r.to_status) for r in rows] == [
        ("", S.PLANNED),
        (S.PLANNED, S.HELD),
        (S.HELD, S.MINUTES_APPROVED),
    ]
    assert all(r.at and r.by == world.users["coordinator"] for r in rows)
    conference.refresh_from_db()
    assert conference.status == S.MINUTES_APPROVED


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.PLANNED, S.MINUTES_APPROVED),
        (S.PLANNED, S.PLANNED),
        (S.HELD, S.PLANNED),
        (S.MINUTES_APPROVED, S.HELD),
        (S.MINUTES_APPROVED, S.PLANNED),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_message(world, start, target):
    conference = plan(world, cases=[world.case], invite={})
    if start != S.PLANNED:
        hold(world, conference)
    if start == S.MINUTES_APPROVED:
        services.conference_transition(
            user=world.users["coordinator"], conference=conference, to_status=start
        )
    rows_before = StatusChange.objects.filter(conference=conference).count()
    with pytest.raises(ValidationError) as error:
        services.conference_transition(
            user=world.users["coordinator"], conference=conference, to_status=target
        )
    assert "A conference cannot go from" in error.value.messages[0]
    conference.refresh_from_db()
    assert conference.status == start
    assert StatusChange.objects.filter(conference=conference).count() == rows_before


def test_held_needs_an_agenda_and_a_start_in_the_past(world):
    coordinator = world.users["coordinator"]
    empty = plan(world, cases=[], invite={})
    with pytest.raises(ValidationError, match="at least one case"):
        services.conference_transition(user=coordinator, conference=empty, to_status=S.HELD)
    future = plan(world, cases=[world.case], invite={}, hours_from_now=48)
    with pytest.raises(ValidationError, match="not started"):
        services.conference_transition(user=coordinator, conference=future, to_status=S.HELD)


def test_approval_needs_minutes_for_every_item(world):
    coordinator = world.users["coordinator"]
    conference = plan(world, cases=[world.case], invite={})
    services.conference_transition(user=coordinator, conference=conference, to_status=S.HELD)
    with pytest.raises(ValidationError, match="minutes of every agenda item"):
        services.conference_transition(
            user=coordinator, conference=conference, to_status=S.MINUTES_APPROVED
        )


def test_agenda_and_invitations_freeze_once_held(world):
    coordinator = world.users["coordinator"]
    conference = hold(world, plan(world, cases=[world.case], invite={}))
    item = conference.items.get()
    with pytest.raises(ValidationError, match="only change while the conference is planned"):
        services.agenda_remove(user=coordinator, item=item)
    with pytest.raises(ValidationError, match="only change while the conference is planned"):
        services.invitations_set(user=coordinator, item=item, invitees=[])


def test_minutes_only_while_held(world):
    coordinator = world.users["coordinator"]
    conference = plan(world, cases=[world.case], invite={})
    item = conference.items.get()
    with pytest.raises(ValidationError, match="once the conference is held"):
        services.minutes_save(
            user=coordinator, item=item, decisions="x", next_review_on=None, actions=[]
        )


def test_illegal_transition_through_the_view_is_a_400_with_the_message(world, client):
    conference = plan(world, cases=[world.case], invite={})
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("conferences:approve", args=[conference.pk]))
    assert response.status_code == 400
    assert "A conference cannot go from “planned” to “minutes approved”." in (
        response.content.decode()
    )
    conference.refresh_from_db()
    assert conference.status == S.PLANNED


def test_marking_held_through_the_view(world, client):
    conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
    attest(world, conference, "partner")
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("conferences:held", args=[conference.pk]))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.status == S.HELD


def test_end_before_start_is_refused(world):
    now = datetime.datetime(2027, 1, 5, 10, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError):
        services.conference_plan(
            user=world.users["coordinator"], cell=world.cell, starts_at=now, ends_at=now, place="x"
        )
