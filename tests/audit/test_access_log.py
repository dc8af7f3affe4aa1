from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from livc.audit.models import AccessLogEntry
from livc.audit.services import Actor, record, seal, verify_chain

pytestmark = pytest.mark.django_db


NOW = timedelta(0)


def _entries(n=5, sealed=True):
    entries = [
        record(
            actor=Actor(7, "coordinator", 3, 2),
            action="view",
            object_type="case",
            object_id=i,
            object_ref=f"MEC-2026-{i:04d}",
            case_id=i,
        )
        for i in range(1, n + 1)
    ]
    if sealed:
        seal(grace=NOW)
    return [AccessLogEntry.objects.get(pk=e.pk) for e in entries]


def test_entries_chain_and_verify(capsys):
    entries = _entries()
    assert entries[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))
    assert verify_chain().intact
    call_command("verify_access_log")
    assert "intact: 5 entries" in capsys.readouterr().out


def test_the_log_is_append_only():
    entry = _entries(1)[0]
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.update(reason="x")


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        (
            "UPDATE audit_accesslogentry SET user_id = 99 WHERE object_id = 3",
            "content does not match",
        ),
        ("DELETE FROM audit_accesslogentry WHERE object_id = 3", "previous hash does not match"),
        ("DELETE FROM audit_accesslogentry WHERE object_id = 5", "were removed"),
    ],
)
def test_tampering_is_detected(sql, problem):
    _entries()
    with connection.cursor() as cursor:
        cursor.execute(sql)  # someone with database access edits the log
    report = verify_chain()
    assert not report.intact and problem in report.problem
    with pytest.raises(CommandError, match="chain broken"):
        call_command("verify_access_log")


def test_recording_is_one_insert_without_locks(django_assert_num_queries):
    with django_assert_num_queries(1):
        record(actor=Actor(1), action="view", object_type="case", object_id=1)


def test_recent_entries_wait_for_the_next_sealing_run():
    entry = _entries(1, sealed=False)[0]
    assert seal() == 0  # younger than the grace period
    report = verify_chain()
    assert report.intact and report.unsealed == 1
    assert seal(grace=NOW) == 1
    assert AccessLogEntry.objects.get(pk=entry.pk).hash


def test_an_entry_slipped_in_behind_the_seal_is_detected():
    first = _entries(3)[0]
    with connection.cursor() as cursor:  # a forged entry with an id inside the sealed range
        cursor.execute(
            "INSERT INTO audit_accesslogentry (id, at, action, object_type, object_id, role,"
            " object_ref, reason, prev_hash, hash) VALUES (%s, %s, 'view', 'case', 9, '',"
            " '', '', '', '')",
            [first.pk - 1, first.at],
        )
    report = verify_chain()
    assert not report.intact and "behind the sealed chain" in report.problem
