"""Retention services check their own policy, whoever calls them (Part E, rules inward)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from livc.access.errors import NotFound, Refused
from livc.retention import services

pytestmark = pytest.mark.django_db


def override(world, who):
    return services.override_save(
        user=world.users[who],
        cell=world.cell,
        out_of_scope_months=None,
        closed_case_months=None,
        version=0,
    )


def test_only_the_coordinator_sets_the_periods(world):
    with pytest.raises(Refused):
        override(world, "dpo")
    for who in ("foreign_coordinator", "partner", "chair", "supervisor"):
        with pytest.raises(NotFound):
            override(world, who)
    override(world, "coordinator")


@pytest.mark.parametrize("who", ["foreign_coordinator", "partner", "information_officer"])
def test_holds_belong_to_the_cells_coordinator_and_dpo(world, who):
    with pytest.raises(NotFound):
        services.legal_hold_place(user=world.users[who], case=world.case, reason="Court")
    hold = services.legal_hold_place(user=world.users["dpo"], case=world.case, reason="Court")
    with pytest.raises(NotFound):
        services.legal_hold_lift(user=world.users[who], hold=hold)


def test_a_hold_ends_within_the_planning_horizon(world):
    far = timezone.localdate() + datetime.timedelta(days=365 * 11)
    with pytest.raises(ValidationError) as caught:
        services.legal_hold_place(
            user=world.users["coordinator"], case=world.case, reason="Court", until=far
        )
    assert "until" in caught.value.message_dict
