"""Planning a conference, its agenda and attendance through the pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from livc.conferences.models import Attendance, Conference, StatusChange

from ..casework import build_world
from .helpers import attest, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_coordinator_plans_a_conference(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("conferences:create"),
        {
            "cell": world.cell.pk,
            "date": "2027-01-12",
            "starts": "14:00",
            "ends": "16:00",
            "place": "Town hall",
        },
    )
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("conferences:detail", args=[conference.pk])
    assert conference.status == Conference.Status.PLANNED
    assert timezone.localtime(conference.starts_at).time() == datetime.time(14)
    assert StatusChange.objects.get(conference=conference).to_status == "planned"


def test_end_before_start_is_a_400_at_the_field(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("conferences:create"),
        {"cell": world.cell.pk, "date": "2027-01-12", "starts": "14:00", "ends": "13:00",
         "place": "Town hall"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "The conference must end after it starts." in response.content.decode()
    assert not Conference.objects.exists()


def test_coordinator_cannot_plan_in_another_cell(client, world):
    client.force_login(world.users["foreign_coordinator"])
    response = client.post(
        reverse("conferences:create"),
        {"cell": world.cell.pk, "date": "2027-01-12", "starts": "14:00", "ends": "16:00",
         "place": "Town hall"},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Conference.objects.exists()


def test_agenda_add_and_remove(client, world):
    conference = plan(world, cases=[], invite={})
    client.force_login(world.users["coordinator"])
    added = client.post(
        reverse("conferences:agenda_add", args=[conference.pk]), {"case": world.case.pk}
    )
    assert added.status_code == 302
    item = conference.items.get()
    removed = client.post(reverse("conferences:agenda_remove", args=[conference.pk, item.pk]))
    assert removed.status_code == 302
    assert not conference.items.exists()


def test_attendance_records_invitees_and_shows_attestations(client, world):
    conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
    attest(world, conference, "partner")
    client.force_login(world.users["coordinator"])
    url = reverse("conferences:attendance", args=[conference.pk])
    page = client.get(url).content.decode()
    assert world.users["partner"].full_name in page
    assert world.users["chair"].full_name in page
    assert world.users["colleague"].full_name not in page  # not invited
    present = [world.users["partner"].pk, world.users["coordinator"].pk]
    assert client.post(url, {"attendees": present}).status_code == 302
    assert set(Attendance.objects.values_list("user", flat=True)) == set(present)
    refused = client.post(url, {"attendees": [world.users["colleague"].pk]})
    assert refused.status_code == 400
    assert set(Attendance.objects.values_list("user", flat=True)) == set(present)


def test_list_shows_only_the_users_conferences(client, world):
    invited = plan(world, cases=[world.case], invite={world.case: ["partner"]}, place="Room A")
    plan(world, cases=[world.case], invite={}, place="Room B")
    client.force_login(world.users["partner"])
    page = client.get(reverse("conferences:list")).content.decode()
    assert "Room A" in page and "Room B" not in page
    assert reverse("conferences:detail", args=[invited.pk]) in page
    client.force_login(world.users["chair"])
    page = client.get(reverse("conferences:list")).content.decode()
    assert "Room A" in page and "Room B" in page
