"""Need-to-know: who sees which case, and refusal looks like absence."""

import pytest
from django.urls import reverse

from livc.cases import policies, services
from livc.cases.models import Participant

from ..casework import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("coordinator", True),
        ("chair", True),
        ("information_officer", True),  # police participates
        ("partner", True),  # named member of an invited organisation
        ("colleague", False),  # same organisation, not named
        ("other_partner", False),
        ("dpo", False),  # metadata only
        ("foreign_coordinator", False),
        ("supervisor", False),
        ("administrator", False),
    ],
)
def test_visibility(world, client, who, sees):
    assert policies.visible_cases(world.users[who]).filter(pk=world.case.pk).exists() is sees
    client.force_login(world.users[who])
    response = client.get(reverse("cases:detail", args=[world.case.pk]))
    assert response.status_code == (200 if sees else 404)


def test_refusal_and_absence_look_the_same(world, client):
    client.force_login(world.users["other_partner"])
    refused = client.get(reverse("cases:detail", args=[world.case.pk]))
    missing = client.get(reverse("cases:detail", args=[world.case.pk + 999]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content


def test_partner_whose_organisation_declined_loses_access(world, client):
    participant = world.case.participants.get(organisation=world.caw)
    services.participant_decline(
        user=world.users["partner"], participant=participant, reason="No capacity"
    )
    assert not policies.visible_cases(world.users["partner"]).exists()
    participant.refresh_from_db()
    assert participant.status == Participant.Status.DECLINED
    assert participant.decline_reason == "No capacity"


def test_partner_who_left_the_cell_loses_access(world):
    world.users["partner"].memberships.update(is_active=False)
    user = type(world.users["partner"]).objects.get(pk=world.users["partner"].pk)
    assert not policies.visible_cases(user).exists()


def test_ltf_visible_to_coordinator_and_chair_only(world, client):
    services.ltf_record(
        user=world.users["information_officer"],
        case=world.case,
        known=True,
        checked_on=world.case.opened_on,
    )
    for who, sees in (("coordinator", True), ("chair", True), ("partner", False)):
        client.force_login(world.users[who])
        body = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
        assert ("Known at the Local Task Force" in body) is sees, who


def test_access_log_page_for_coordinator_chair_and_dpo(world, client):
    url = reverse("cases:access_log", args=[world.case.pk])
    for who, status in (
        ("coordinator", 200),
        ("chair", 200),
        ("dpo", 200),
        ("partner", 404),
        ("information_officer", 404),
    ):
        client.force_login(world.users[who])
        assert client.get(url).status_code == status, who


def test_case_list_query_count_is_constant(world, client, django_assert_num_queries):
    client.force_login(world.users["partner"])
    client.get(reverse("cases:list"))
    with django_assert_num_queries(6):
        client.get(reverse("cases:list"), {"phase": "preparation"})
    for _ in range(5):
        services.case_open(
            user=world.users["coordinator"],
            subject=world.case.subject,
            phenomenon="other",
            prevention_level="primary",
            reporting_organisation=world.caw,
            reporter=world.users["partner"],
        )
    with django_assert_num_queries(6):
        response = client.get(reverse("cases:list"), {"phase": "preparation"})
    assert len(response.context["page"].object_list) == 6


def test_dpo_register_shows_metadata_without_content(world, client):
    client.force_login(world.users["dpo"])
    body = client.get(reverse("cases:register")).content.decode()
    assert world.case.code in body
    assert "Peeters" not in body and "Jan" not in body


def test_case_detail_query_count_is_constant(world, client, django_assert_num_queries):
    client.force_login(world.users["partner"])
    url = reverse("cases:detail", args=[world.case.pk])
    client.get(url)
    # 12 = 11 + the retention notice (the cell's periods and active legal holds, one query)
    with django_assert_num_queries(12):
        client.get(url)
    for n in range(4):
        services.note_add(
            user=world.users["partner"], case=world.case, organisation=world.caw, text=f"note {n}"
        )
    services.participant_invite(
        user=world.users["coordinator"],
        case=world.case,
        organisation=world.clb,
        members=[world.users["other_partner"]],
    )
    with django_assert_num_queries(12):
        client.get(url)


@pytest.mark.parametrize(
    ("who", "url_name", "queries"),
    [("dpo", "cases:register", 6), ("coordinator", "cases:access_log", 8)],
)
def test_register_and_access_log_query_counts_are_constant(
    world, client, django_assert_num_queries, who, url_name, queries
):
    args = [world.case.pk] if url_name == "cases:access_log" else []
    url = reverse(url_name, args=args)
    client.force_login(world.users[who])
    client.get(url)
    with django_assert_num_queries(queries):
        client.get(url)
    for _ in range(5):
        services.case_open(
            user=world.users["coordinator"],
            subject=world.case.subject,
            phenomenon="other",
            prevention_level="primary",
        )
        services.case_viewed(user=world.users["chair"], case=world.case)
    with django_assert_num_queries(queries):
        client.get(url)
