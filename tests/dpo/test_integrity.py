"""The chain-verification result on the DPO's screens: none yet, intact, broken, run now."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from livc.audit.maintenance import log_maintenance
from livc.audit.models import AccessLogEntry, ChainVerification
from livc.audit.services import seal
from livc.dpo import views
from livc.dpo.demo import seed_dpo

pytestmark = pytest.mark.django_db

URL = reverse("dpo:integrity")


def page(client, world) -> str:
    client.force_login(world.users["dpo"])
    return client.get(URL).content.decode()


def test_says_when_nothing_was_verified_yet(client, world):
    assert "has not been verified yet" in page(client, world)


def test_shows_an_intact_result_stored_by_the_command(client, world, capsys):
    seal(grace=datetime.timedelta(0))
    call_command("verify_access_log")
    assert "Access log intact" in capsys.readouterr().out
    result = ChainVerification.objects.get()
    assert result.ok and result.trigger == "command" and result.user_id is None
    assert result.entries_checked == AccessLogEntry.objects.count() > 0
    body = page(client, world)
    assert "Intact." in body and f"{result.entries_checked} entries checked" in body
    assert "Broken." not in body


def test_shows_a_broken_chain_with_the_first_bad_entry(client, world):
    seal(grace=datetime.timedelta(0))
    victim = AccessLogEntry.objects.order_by("id")[2]
    # Someone with the table owner's rights edits the log (the app role cannot: trigger).
    with log_maintenance(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslogentry SET user_id = 99 WHERE id = %s", [victim.pk])
    with pytest.raises(CommandError, match="chain broken"):
        call_command("verify_access_log")
    result = ChainVerification.objects.get()
    assert not result.ok and result.first_bad_id == victim.pk and result.entries_checked == 2
    body = page(client, world)
    assert "Broken." in body and f"breaks at entry {victim.pk}" in body
    assert "changed after it was sealed" in body  # the problem, translated for the screen


def test_the_home_page_shows_the_status_too(client, world):
    seal(grace=datetime.timedelta(0))
    call_command("verify_access_log")
    client.force_login(world.users["dpo"])
    assert "Intact." in client.get(reverse("dpo:home")).content.decode()


def test_seal_status_counts_entries_waiting(client, world):
    body = page(client, world)
    waiting = AccessLogEntry.objects.filter(hash="").count()
    assert waiting > 0 and "Entries not sealed yet" in body and "oldest from" in body


def test_the_dpo_verifies_now(client, world):
    seal(grace=datetime.timedelta(0))
    client.force_login(world.users["dpo"])
    response = client.post(reverse("dpo:verify"), {"cell": world.cell.pk}, follow=True)
    assert response.redirect_chain[-1][0] == f"{URL}?cell={world.cell.pk}"
    result = ChainVerification.objects.get()
    assert result.ok and result.trigger == "user" and result.user_id == world.users["dpo"].pk
    assert "The access log is intact" in response.content.decode()
    entry = AccessLogEntry.objects.get(object_type="chain_verification")
    assert (entry.object_id, entry.role, entry.reason) == (result.pk, "dpo", "intact")


def test_too_large_a_log_is_left_to_the_schedule(client, world, monkeypatch):
    seal(grace=datetime.timedelta(0))
    monkeypatch.setattr(views, "LIVE_VERIFY_MAX_ENTRIES", 1)
    client.force_login(world.users["dpo"])
    body = client.get(URL).content.decode()
    assert "Verify the access log now" not in body and "takes too long" in body
    response = client.post(reverse("dpo:verify"), follow=True)
    assert "too large to verify" in response.content.decode()
    assert not ChainVerification.objects.exists()


def test_results_are_append_only(world):
    call_command("verify_access_log")
    result = ChainVerification.objects.get()
    with pytest.raises(PermissionError):
        result.save()
    with pytest.raises(PermissionError):
        ChainVerification.objects.all().delete()


def test_demo_seeding_stores_an_intact_result(world):
    result = seed_dpo()
    assert result.ok and result.unsealed == 0 and result.entries_checked > 0
