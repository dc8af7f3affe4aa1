"""A cell (build_world) with one polarisation situation in it: a diagnosis contribution by
the CAW partner and an intervention planned by the coordinator."""

import datetime

import pytest
from django.utils import timezone

from livc.polarisation import services

from ..casework import build_world
from ..factories import municipality


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


SITUATION = {
    "title": "Tension between youth groups at the station",
    "place": "Station square and the park behind it",
    "groups": "Two youth groups from neighbouring districts; residents of the square.",
    "description": "Verbal clashes every weekend, rumours spread on social media.",
    "themes": ["public_space", "identity"],
    "tension_signals": ["rumours", "incidents"],
    "sources": "Neighbourhood police officer, youth work, residents' committee.",
    "intensity": 2,
}


def situation_data(world, **changes) -> dict:
    return {**SITUATION, "municipality": municipality("12025"), "reported_on": days(-10), **changes}


def record_situation(world, by="coordinator", cell=None, **changes):
    cell = cell or world.cell
    data = situation_data(world, **changes)
    if cell != world.cell:
        data["municipality"] = cell.municipalities.first()
    return services.situation_create(user=world.users[by], cell=cell, **data)


@pytest.fixture
def world(db):
    world = build_world()
    world.situation = record_situation(world)
    world.contribution = services.contribution_add(
        user=world.users["partner"],
        situation=world.situation,
        analysis="Youth work sees two groups claiming the same square.",
    )
    world.intervention = services.intervention_plan(
        user=world.users["coordinator"],
        situation=world.situation,
        kind="dialogue",
        description="Dialogue evening in the community centre with both groups.",
        organisation=world.caw,
        starts_on=days(7),
    )
    world.situation.refresh_from_db()
    return world
