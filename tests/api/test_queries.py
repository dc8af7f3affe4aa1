"""Query counts of the list endpoints are pinned: they do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from livc.trajectories import services as plan_services

from .conftest import Caller

pytestmark = pytest.mark.django_db


def count(caller, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert caller.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["api:cases", "api:actions", "api:me"])
def test_list_queries_do_not_grow_with_rows(client, world, name):
    caller = Caller(client, world.users["partner"], "token")
    url = reverse(name)
    caller.get(url)  # the token's first use writes last_used_at; later ones within a minute don't
    before = count(caller, url)
    for _ in range(3):
        plan_services.create_action(
            user=world.users["coordinator"], case=world.case, organisation=world.caw,
            description="Another talk", due_on=world.action.due_on,
        )  # fmt: skip
    assert count(caller, url) == before
    assert before <= 8, before
