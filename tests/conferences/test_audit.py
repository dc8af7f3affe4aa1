"""Every read and write of conference items, minutes and exports leaves a trace, with ids
and codes only."""

import pytest
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.audit.services import verify_chain

from ..casework import build_world
from .helpers import approve, attest, hold, plan

pytestmark = pytest.mark.django_db
A = AccessLogEntry.Action


@pytest.fixture
def world():
    world = build_world()
    world.conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
    world.item = world.conference.items.get()
    return world


def _entries(**filters):
    return list(AccessLogEntry.objects.filter(**filters).values_list("action", "object_type"))


def test_writes_are_logged(world):
    conference, item = world.conference, world.item
    assert (A.CREATE, "conference") in _entries(object_id=conference.pk)
    item_entries = AccessLogEntry.objects.filter(object_type="conference_item", object_id=item.pk)
    assert [(e.action, e.reason, e.case_id, e.object_ref) for e in item_entries] == [
        (A.CREATE, "", world.case.pk, world.case.code),
        (A.UPDATE, "invitations", world.case.pk, world.case.code),
    ]
    attest(world, conference, "partner")
    assert _entries(object_type="attestation") == [(A.ATTEST, "attestation")]
    hold(world, conference)
    assert (A.TRANSITION, "conference") in _entries(object_id=conference.pk)
    minutes = _entries(object_type="minutes", case_id=world.case.pk)
    assert minutes == [(A.CREATE, "minutes")]
    approve(world, conference, ["partner"])
    assert AccessLogEntry.objects.filter(reason="attendance", object_id=conference.pk).exists()
    transition = AccessLogEntry.objects.filter(action=A.TRANSITION).last()
    assert transition.reason == "held→minutes_approved"
    assert transition.user_id == world.users["coordinator"].pk
    assert transition.role == "coordinator"
    assert verify_chain().intact


def test_reading_items_and_minutes_is_logged_per_item(client, world):
    attest(world, world.conference, "partner")
    hold(world, world.conference)
    client.force_login(world.users["partner"])
    client.get(reverse("conferences:detail", args=[world.conference.pk]))
    partner = world.users["partner"].pk
    views = set(
        AccessLogEntry.objects.filter(user_id=partner, action=A.VIEW).values_list(
            "object_type", "case_id", "object_ref"
        )
    )
    assert ("conference_item", world.case.pk, world.case.code) in views
    assert ("minutes", world.case.pk, world.case.code) in views


def test_gated_page_logs_no_item_read(client, world):
    client.force_login(world.users["partner"])
    client.get(reverse("conferences:detail", args=[world.conference.pk]))
    assert not AccessLogEntry.objects.filter(
        user_id=world.users["partner"].pk, object_type="conference_item"
    ).exists()


def test_exports_are_logged(client, world):
    attest(world, world.conference, "partner")
    hold(world, world.conference)
    approve(world, world.conference, ["partner"])
    client.force_login(world.users["partner"])
    client.get(reverse("conferences:pdf", args=[world.conference.pk]))
    client.get(reverse("conferences:ics", args=[world.conference.pk]))
    exports = _entries(user_id=world.users["partner"].pk, action=A.EXPORT)
    assert (A.EXPORT, "minutes") in exports
    assert (A.EXPORT, "conference_calendar") in exports
    pdf_entry = AccessLogEntry.objects.get(action=A.EXPORT, object_type="minutes")
    assert pdf_entry.case_id == world.case.pk


def test_log_holds_no_personal_data(client, world):
    attest(world, world.conference, "partner")
    hold(world, world.conference, decisions="Jan Peeters needs support")
    client.force_login(world.users["partner"])
    client.get(reverse("conferences:detail", args=[world.conference.pk]))
    text = " ".join(
        f"{e.object_ref} {e.reason} {e.object_type}" for e in AccessLogEntry.objects.all()
    )
    for personal in ("Jan", "Peeters", "support", world.conference.place):
        assert personal not in text
