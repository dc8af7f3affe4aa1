"""Key rotation, and the log sealed before keyed sealing existed."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from livc.audit import checker
from livc.audit.chain import chain_keys, key_id, legacy_hash
from livc.audit.models import AccessLogEntry
from livc.audit.services import verify_chain

from ..test_settings import KEYS as PRODUCTION_KEYS
from ..test_settings import run_settings
from .conftest import KEY_A, KEY_B, entries, owner_sql, seal_as_before_keys

pytestmark = pytest.mark.django_db

ID_A, ID_B = key_id(KEY_A.encode()), key_id(KEY_B.encode())


def test_rotation_round_trip(audit_settings, capsys):
    under_a = entries(3)
    audit_settings.LIVC_AUDIT_KEYS = [KEY_B, KEY_A]  # a new key, prepended
    under_b = entries(3, first=4)
    assert {e.key_id for e in under_a} == {ID_A} and {e.key_id for e in under_b} == {ID_B}
    assert under_b[0].prev_hash == under_a[-1].hash  # one chain across the rotation
    report = verify_chain()
    assert report.intact and report.checked == 6 and report.anchored_id == under_b[-1].pk

    audit_settings.LIVC_AUDIT_KEYS = [KEY_B]  # key A dropped too early
    report = verify_chain()
    assert not report.intact
    assert (report.problem, report.first_broken_id) == (checker.UNKNOWN_KEY, under_a[0].pk)
    assert (report.unverifiable, report.checked) == (3, 0)
    with pytest.raises(CommandError, match="3 entries sealed with a key no longer configured"):
        call_command("verify_access_log")

    audit_settings.LIVC_AUDIT_KEYS = [KEY_B, KEY_A]  # listing it again restores the proof
    call_command("verify_access_log")
    assert "intact: 6 entries" in capsys.readouterr().out


def test_a_tampered_entry_is_found_behind_entries_under_a_dropped_key(audit_settings):
    entries(2)
    audit_settings.LIVC_AUDIT_KEYS = [KEY_B]
    under_b = entries(3, first=3)
    owner_sql("UPDATE audit_accesslogentry SET user_id = 99 WHERE id = %s", [under_b[1].pk])
    report = verify_chain()
    assert (report.problem, report.first_broken_id) == (checker.CONTENT, under_b[1].pk)


def test_a_log_sealed_before_keys_verifies_as_legacy_and_is_then_pinned(capsys):
    old = entries(4, sealed=False)
    seal_as_before_keys(old[-1].pk)
    new = entries(2, first=5)  # the first keyed seal after the upgrade
    assert new[0].prev_hash == AccessLogEntry.objects.get(pk=old[-1].pk).hash
    report = verify_chain()
    assert report.intact and (report.legacy, report.checked) == (4, 6)
    call_command("verify_access_log")
    assert "4 of them sealed before keyed sealing" in capsys.readouterr().out

    # Rewriting the legacy prefix by its own (keyless) rule breaks the keyed entry after it.
    owner_sql("UPDATE audit_accesslogentry SET user_id = 99 WHERE id = %s", [old[1].pk])
    previous = AccessLogEntry.objects.get(pk=old[0].pk).hash
    for entry in AccessLogEntry.objects.filter(id__in=[e.pk for e in old[1:]]).values():
        digest = legacy_hash(previous, entry)
        owner_sql(
            "UPDATE audit_accesslogentry SET prev_hash = %s, hash = %s WHERE id = %s",
            [previous, digest, entry["id"]],
        )
        previous = digest
    assert verify_chain().first_broken_id == new[0].pk
    owner_sql("UPDATE audit_accesslogentry SET prev_hash = %s WHERE id = %s", [previous, new[0].pk])
    report = verify_chain()
    assert (report.problem, report.first_broken_id) == (checker.CONTENT, new[0].pk)


def test_production_refuses_missing_or_short_keys():
    base = {"LIVC_PRODUCTION": "1", "LIVC_SECRET_KEY": "k" * 60, **PRODUCTION_KEYS}
    base.pop("LIVC_AUDIT_KEYS", None)  # the settings tests' key set now includes one
    result = run_settings(**base)
    assert "LIVC_AUDIT_KEYS must be set in production" in result.stderr
    result = run_settings(**base, LIVC_AUDIT_KEYS=f"{KEY_B},short")
    assert "at least 32 characters" in result.stderr
    result = run_settings(**base, LIVC_AUDIT_KEYS=f"{KEY_B},{KEY_A}", LIVC_AUDIT_ANCHOR_FILE="")
    assert "LIVC_AUDIT_ANCHOR_FILE cannot be empty" in result.stderr
    result = run_settings(**base, LIVC_AUDIT_KEYS=f"{KEY_B},{KEY_A}")
    assert result.returncode == 0, result.stderr


def test_outside_production_the_key_derives_from_the_secret_key(settings):
    settings.LIVC_AUDIT_KEYS = []
    assert len(chain_keys()) == 1
    settings.PRODUCTION = True  # as settings would have refused to start
    with pytest.raises(ImproperlyConfigured, match="LIVC_AUDIT_KEYS"):
        chain_keys()
