"""The conference list stays O(1) in queries as conferences grow."""

import pytest
from django.urls import reverse

from ..casework import build_world
from .helpers import attest, plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["coordinator", "partner"])
def test_list_query_count_is_constant(client, django_assert_num_queries, who):
    world = build_world()
    client.force_login(world.users[who])
    url = reverse("conferences:list")

    def add(n):
        for _ in range(n):
            conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
            attest(world, conference, "partner")

    add(2)
    client.get(url)  # warm up (session, content types)
    # session, user, memberships, count, page
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    add(8)
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 10
