"""The acceptance overview for the coordinator and the DPO, and the demo charters."""

import pytest
from django.urls import reverse

from livc.accounts.models import User
from livc.charters.demo import NOT_ACCEPTED, seed_charters
from livc.charters.models import CharterAcceptance, CharterVersion
from livc.charters.policies import pending_charters
from livc.organisations.models import Cell, Role
from livc.site.demo import seed_demo

from ..factories import member
from .conftest import CONFIDENTIALITY, RULES, accept, publish

pytestmark = pytest.mark.django_db

# session, user, memberships, cell, current versions, paginator count, page of members,
# their memberships, their acceptances, acceptance counts, member total
QUERIES = 11


def overview(client, world, **query):
    client.force_login(world.users["dpo"])
    return client.get(reverse("charters:acceptances", args=[world.cell.pk]), query)


def statuses(response) -> dict[str, list[bool]]:
    return {
        row.user.full_name: [a is not None for a in row.acceptances]
        for row in response.context["rows"]
    }


def test_lists_who_accepted_each_current_version_and_who_not(client, world):
    rules = publish(world, RULES)
    confidentiality = publish(world, CONFIDENTIALITY)
    accept(world, "partner", rules, confidentiality)
    accept(world, "chair", rules)
    response = overview(client, world)
    assert response.status_code == 200
    assert response.context["versions"] == [rules, confidentiality]
    found = statuses(response)
    users = world.users
    assert found[users["partner"].full_name] == [True, True]
    assert found[users["chair"].full_name] == [True, False]
    assert found[users["coordinator"].full_name] == [False, False]
    assert users["foreign_coordinator"].full_name not in found  # another cell's member
    assert response.context["total"] == 8
    assert response.context["counts"] == {rules.pk: 2, confidentiality.pk: 1}
    body = response.content.decode()
    assert "2 of 8 members accepted" in body and "Not yet" in body


def test_acceptance_of_an_earlier_version_does_not_count(client, world):
    first = publish(world)
    accept(world, "partner", first)
    second = publish(world)
    response = overview(client, world)
    assert response.context["versions"] == [second]
    assert statuses(response)[world.users["partner"].full_name] == [False]


def test_filter_shows_only_members_still_to_accept(client, world):
    rules = publish(world, RULES)
    confidentiality = publish(world, CONFIDENTIALITY)
    accept(world, "partner", rules, confidentiality)
    accept(world, "chair", rules)
    names = set(statuses(overview(client, world, show="pending")))
    assert world.users["partner"].full_name not in names
    assert world.users["chair"].full_name in names
    assert len(names) == 7
    assert overview(client, world, show="nonsense").context["show"] == "all"


def test_without_texts_there_is_nothing_to_accept(client, world):
    response = overview(client, world)
    assert response.status_code == 200
    assert "nothing to accept" in response.content.decode()


def test_paginated_with_a_constant_query_count(client, world, django_assert_num_queries):
    rules, confidentiality = publish(world, RULES), publish(world, CONFIDENTIALITY)
    overview(client, world)
    url = reverse("charters:acceptances", args=[world.cell.pk])
    with django_assert_num_queries(QUERIES):
        client.get(url)
    for _ in range(30):
        user = member(Role.PARTNER, world.cell)
        accept(world, "partner", rules)
        CharterAcceptance.objects.create(
            version=confidentiality, user=user, accepted_at=rules.published_at
        )
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert len(response.context["rows"]) == 25
    assert response.context["page"].paginator.count == 38
    assert len(client.get(url, {"page": 2}).context["rows"]) == 13


def test_seed_charters_is_idempotent_and_leaves_one_partner_to_accept():
    seed_demo()  # publishes the charters and records the acceptances
    assert CharterVersion.objects.count() == 6
    assert seed_charters() == 0
    for cell in Cell.objects.filter(code__in=["MEC", "VMZ", "VER"]):
        versions = CharterVersion.objects.filter(cell=cell)
        assert sorted(versions.values_list("kind", "number")) == [
            ("confidentiality", 1),
            ("internal_rules", 1),
        ]
    french = CharterVersion.objects.get(cell__code="VER", kind=RULES)
    assert french.text.startswith("Règlement d'ordre intérieur – CSIL-R Verviers")
    assert CharterVersion.objects.get(cell__code="MEC", kind=CONFIDENTIALITY).text.startswith(
        "Charter gedeeld beroepsgeheim – LIVC-R Mechelen"
    )
    waiting = [u.email for u in User.objects.all() if pending_charters(u)]
    assert waiting == [NOT_ACCEPTED]
