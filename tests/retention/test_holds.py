"""Legal holds: placed and lifted by the cell's coordinator or DPO, by reference, audited;
a purged or unknown reference is refused at the field without leaking other cells."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from livc.audit.models import AccessLogEntry
from livc.retention import purge, services
from livc.retention.models import LegalHold

from .conftest import closed_case, local, out_of_scope_signal

pytestmark = pytest.mark.django_db

D = datetime.date


def place(client, reference, reason="Judicial request 2025/17", until=""):
    return client.post(
        reverse("retention:holds"), {"reference": reference, "reason": reason, "until": until}
    )


@pytest.mark.parametrize("who", ["coordinator", "dpo"])
def test_place_a_hold_on_a_case_by_its_code(world, client, who):
    client.force_login(world.users[who])
    response = place(client, world.case.code.lower())  # case does not matter
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.case, hold.signal, hold.cell) == (world.case, None, world.cell)
    assert hold.placed_by == world.users[who]
    entry = AccessLogEntry.objects.filter(object_type="legal_hold").get()
    assert (entry.object_ref, entry.case_id, entry.action) == (
        world.case.code,
        world.case.pk,
        "create",
    )


def test_place_a_hold_on_a_signal(world, client):
    signal = out_of_scope_signal(world, local(D(2020, 1, 1)))
    client.force_login(world.users["coordinator"])
    assert place(client, signal.reference, until="2031-01-01").status_code == 302
    hold = LegalHold.objects.get()
    assert hold.signal == signal and hold.until == D(2031, 1, 1)


def test_a_purged_reference_is_refused_with_the_purge_date(world, client):
    case = closed_case(world, D(2019, 5, 2))
    purge.purge_expired(today=D(2025, 1, 1))
    client.force_login(world.users["coordinator"])
    response = place(client, case.code)
    assert response.status_code == 400
    today = date_format(timezone.localdate())
    assert response.context["form"].errors["reference"] == [
        f"This record was already purged on {today}; nothing left to hold."
    ]
    assert not LegalHold.objects.exists()


def test_an_unknown_or_foreign_reference_is_refused_alike(world, client):
    client.force_login(world.users["foreign_coordinator"])
    foreign = place(client, world.case.code)
    missing = place(client, "NOPE-2025-0001")
    message = "No case or signal with this reference in your cell."
    assert foreign.status_code == missing.status_code == 400
    assert foreign.context["form"].errors["reference"] == [message]
    assert missing.context["form"].errors["reference"] == [message]


def test_bad_input_comes_back_at_the_fields(world, client):
    client.force_login(world.users["coordinator"])
    response = place(client, world.case.code, reason="")
    assert response.status_code == 400 and "reason" in response.context["form"].errors
    response = place(client, world.case.code, until="2001-01-01")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["until"] == ["The end of the hold cannot lie in the past."]
    response = place(client, world.case.code, until="2999-01-01")
    assert response.status_code == 400
    assert response.context["form"].errors["until"] == [
        "The date cannot be more than 10 years ahead."
    ]
    response = place(client, world.case.code, until="not a date")
    assert response.status_code == 400 and "until" in response.context["form"].errors


def test_lift_a_hold(world, client):
    hold = services.legal_hold_place(user=world.users["coordinator"], case=world.case, reason="x")
    client.force_login(world.users["dpo"])
    response = client.post(reverse("retention:hold_lift", args=[hold.pk]))
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_at and hold.lifted_by == world.users["dpo"]
    assert AccessLogEntry.objects.filter(object_type="legal_hold", reason="lifted").exists()
    with pytest.raises(ValidationError):
        services.legal_hold_lift(user=world.users["dpo"], hold=hold)
    response = client.post(reverse("retention:hold_lift", args=[hold.pk]), follow=True)
    assert "This hold was already lifted." in response.content.decode()


def test_service_refuses_a_past_end_and_an_empty_reason(world):
    with pytest.raises(ValidationError) as error:
        services.legal_hold_place(
            user=world.users["coordinator"], case=world.case, reason=" ", until=D(2000, 1, 1)
        )
    assert set(error.value.message_dict) == {"reason", "until"}
    with pytest.raises(ValueError):
        services.legal_hold_place(user=world.users["coordinator"], reason="x")


def test_holds_show_on_the_case_and_signal_pages(world, client):
    case = closed_case(world, D(2019, 5, 2))
    signal = case.signals.get()
    services.legal_hold_place(
        user=world.users["coordinator"], signal=signal, reason="Complaint procedure"
    )
    client.force_login(world.users["coordinator"])
    for url in (
        reverse("cases:detail", args=[case.pk]),
        reverse("intake:signal_detail", args=[signal.pk]),
    ):
        body = client.get(url).content.decode()
        assert "Legal hold" in body and "Complaint procedure" in body
        assert "until lifted" in body
