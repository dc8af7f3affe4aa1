"""The case-work world of tests/casework.py with one plan action given to CAW, and helpers
to call the API with a session or with a personal access token."""

import datetime

import pytest
from django.utils import timezone

from livc.api import services as api_services
from livc.api.models import Scope
from livc.trajectories import services as plan_services

from ..casework import build_world

ALL_SCOPES = list(Scope.values)


@pytest.fixture
def world(db):
    world = build_world()
    world.action = plan_services.create_action(
        user=world.users["coordinator"],
        case=world.case,
        organisation=world.caw,
        description="Weekly talk with the young person",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return world


def issue(user, scopes=None, days=30, name="test system"):
    return api_services.token_issue(
        user=None, holder=user, name=name, scopes=scopes or ALL_SCOPES, days=days
    )


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


class Caller:
    """Calls the API as `user`, by session or by a token with `scopes`."""

    def __init__(self, client, user, how: str, scopes=None):
        self.client, self.user, self.extra = client, user, {}
        if how == "session":
            client.force_login(user)
        else:
            _, secret = issue(user, scopes)
            self.extra = bearer(secret)

    def get(self, url, data=None, **extra):
        return self.client.get(url, data or {}, **self.extra, **extra)

    def patch(self, url, data, **extra):
        return self.client.patch(url, data, content_type="application/json", **self.extra, **extra)
