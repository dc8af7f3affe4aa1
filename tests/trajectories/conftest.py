"""A cell with a case in which CAW (partner named) and police (information officer) take
part, plus helpers to make actions and move dates into the past."""

import datetime

import pytest
from django.utils import timezone

from livc.cases import services as case_services
from livc.intake.models import Signal
from livc.trajectories import services
from livc.trajectories.models import Action

from ..casework import build_world, register_signal


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def add_action(world, organisation=None, due_in: int = 7, by="coordinator", **kwargs) -> Action:
    return services.create_action(
        user=world.users[by],
        case=kwargs.pop("case", world.case),
        organisation=organisation or world.caw,
        description=kwargs.pop("description", "Weekly talk with the young person"),
        due_on=days(due_in),
        **kwargs,
    )


def backdate(action: Action, created_days_ago: int, due_days_ago: int) -> Action:
    """Pretend the action was created and fell due in the past (services refuse that)."""
    Action.objects.filter(pk=action.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=created_days_ago),
        due_on=days(-due_days_ago),
    )
    action.refresh_from_db()
    return action


def open_case(world, cell=None, by="coordinator", organisation=None, members=()):
    """Another case (in `cell`, default the world's) with `organisation` taking part."""
    user = world.users[by]
    own = user.memberships.get().organisation  # the user reports on behalf of their own
    organisation = organisation or own
    signal = register_signal(world, user, own, cell=cell or world.cell)
    case = case_services.case_open(
        user=user, subject=signal.subject, phenomenon="other", prevention_level="primary"
    )
    Signal.objects.filter(pk=signal.pk).update(status=Signal.Status.CASE_OPENED, case=case)
    case_services.participant_invite(
        user=user, case=case, organisation=organisation, members=list(members)
    )
    return case


def foreign_case(world):
    """A case of the other cell, where the foreign coordinator's organisation takes part."""
    return open_case(world, cell=world.other_cell, by="foreign_coordinator")


@pytest.fixture
def world(db):
    return build_world()
