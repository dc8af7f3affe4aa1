"""Need-to-know at conferences: the attestation gate, items per invitee, refusal as 404."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livc.cases import services as case_services
from livc.conferences import policies, services
from livc.conferences.models import Attestation

from ..casework import build_world
from .helpers import attest, hold, plan, second_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two cases on one agenda: case A (CAW + police), case B (CLB only)."""
    world = build_world()
    world.case_b = second_case(world)
    world.conference = plan(
        world,
        cases=[world.case, world.case_b],
        invite={
            world.case: ["partner", "information_officer"],
            world.case_b: ["other_partner"],
        },
    )
    return world


def _page(client, world, who):
    client.force_login(world.users[who])
    return client.get(reverse("conferences:detail", args=[world.conference.pk]))


def test_items_are_invisible_before_the_attestation_and_visible_after(client, world):
    before = _page(client, world, "partner")
    body = before.content.decode()
    assert before.status_code == 200
    assert world.case.code not in body
    assert world.conference.place in body  # date and place only
    assert "Record your attestation before the agenda items are shown" in body
    assert policies.readable_items(world.users["partner"], world.conference) == []

    response = client.post(
        reverse("conferences:attestation", args=[world.conference.pk]), {"confirm": "on"}
    )
    assert response.status_code == 302
    attestation = Attestation.objects.get(user=world.users["partner"])
    assert attestation.attested_at is not None
    assert attestation.organisation == world.caw
    after = _page(client, world, "partner").content.decode()
    assert world.case.code in after
    assert "Record your attestation before" not in after


def test_attestation_needs_the_box_ticked(client, world):
    client.force_login(world.users["partner"])
    response = client.post(reverse("conferences:attestation", args=[world.conference.pk]), {})
    assert response.status_code == 400
    assert "Tick the box to record your attestation." in response.content.decode()
    assert not Attestation.objects.exists()


def test_one_attestation_per_attendee_keeps_the_first_time(world):
    first = services.attestation_record(user=world.users["partner"], conference=world.conference)
    again = services.attestation_record(user=world.users["partner"], conference=world.conference)
    assert first.pk == again.pk and first.attested_at == again.attested_at
    assert Attestation.objects.count() == 1


def test_invitee_sees_only_the_items_of_their_organisation(client, world):
    attest(world, world.conference, "partner", "other_partner", "information_officer", "chair")
    seen = {
        who: _page(client, world, who).content.decode()
        for who in ("partner", "other_partner", "information_officer", "chair", "coordinator")
    }
    a, b = world.case.code, world.case_b.code
    assert a in seen["partner"] and b not in seen["partner"]
    assert b in seen["other_partner"] and a not in seen["other_partner"]
    assert a in seen["information_officer"] and b not in seen["information_officer"]
    assert a in seen["chair"] and b in seen["chair"]
    assert a in seen["coordinator"] and b in seen["coordinator"]


def test_coordinator_prepares_the_agenda_without_attesting(world):
    items = policies.readable_items(world.users["coordinator"], world.conference)
    assert {i.case_id for i in items} == {world.case.pk, world.case_b.pk}


def test_chair_attests_like_any_attendee(client, world):
    assert world.case.code not in _page(client, world, "chair").content.decode()


@pytest.mark.parametrize(
    "who", ["colleague", "dpo", "foreign_coordinator", "supervisor", "administrator"]
)
def test_not_invited_and_foreign_users_get_404(client, world, who):
    assert _page(client, world, who).status_code == 404
    client.force_login(world.users[who])
    missing = client.get(reverse("conferences:detail", args=[world.conference.pk + 999]))
    assert missing.status_code == 404


def test_invitation_to_an_item_whose_case_they_cannot_read_still_hides_it(client, world):
    """If the organisation declines the case after the invitation, the item disappears."""
    attest(world, world.conference, "partner")
    participant = world.case.participants.get(organisation=world.caw)
    case_services.participant_decline(
        user=world.users["partner"], participant=participant, reason="No capacity"
    )
    partner = type(world.users["partner"]).objects.get(pk=world.users["partner"].pk)
    assert list(policies.visible_items(partner, world.conference)) == []


def test_only_members_who_can_read_the_case_can_be_invited(world):
    item = world.conference.items.get(case=world.case)
    for who in ("colleague", "other_partner", "dpo", "foreign_coordinator"):
        assert not policies.may_be_invited(world.users[who], item), who
    with pytest.raises(ValidationError, match="Only members of organisations taking part"):
        services.invitations_set(
            user=world.users["coordinator"], item=item, invitees=[world.users["colleague"]]
        )


def test_invitations_page_suggests_named_members(client, world):
    conference = plan(world, cases=[world.case], invite={})
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("conferences:invitations", args=[conference.pk]))
    body = response.content.decode()
    partner, officer = world.users["partner"], world.users["information_officer"]
    assert f'value="{partner.pk}" id="id_item' in body
    assert f"{partner.full_name} (CAW)" in body
    assert f"{officer.full_name} (Police zone)" in body
    assert world.users["colleague"].full_name not in body  # same organisation, not named
    assert body.count("checked") == 2


def test_saving_invitations_through_the_page(client, world):
    conference = plan(world, cases=[world.case], invite={})
    item = conference.items.get()
    client.force_login(world.users["coordinator"])
    url = reverse("conferences:invitations", args=[conference.pk])
    response = client.post(url, {"item": item.pk, "invitees": [world.users["partner"].pk]})
    assert response.status_code == 302
    assert list(item.invitations.values_list("user", flat=True)) == [world.users["partner"].pk]
    refused = client.post(url, {"item": item.pk, "invitees": [world.users["colleague"].pk]})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()


def test_minutes_approval_only_by_the_coordinator(client, world):
    attest(world, world.conference, "chair", "partner")
    hold(world, world.conference)
    for who in ("chair", "partner", "information_officer", "foreign_coordinator"):
        client.force_login(world.users[who])
        response = client.post(reverse("conferences:approve", args=[world.conference.pk]))
        assert response.status_code == 404, who
    world.conference.refresh_from_db()
    assert world.conference.status == "held"
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("conferences:approve", args=[world.conference.pk]))
    assert response.status_code == 302
    world.conference.refresh_from_db()
    assert world.conference.status == "minutes_approved"


def test_a_case_already_on_the_agenda_is_not_offered_again(client, world):
    client.force_login(world.users["coordinator"])
    url = reverse("conferences:agenda_add", args=[world.conference.pk])
    response = client.post(url, {"case": world.case.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert world.conference.items.count() == 2


def test_a_case_of_another_cell_cannot_go_on_the_agenda(world):
    foreign = services.conference_plan(
        user=world.users["foreign_coordinator"],
        cell=world.other_cell,
        starts_at=world.conference.starts_at,
        ends_at=world.conference.ends_at,
        place="Elsewhere",
    )
    with pytest.raises(ValidationError, match="Only cases of this cell"):
        services.agenda_add(
            user=world.users["foreign_coordinator"], conference=foreign, case=world.case
        )
