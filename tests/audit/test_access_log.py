import pytest
from django.core.management import CommandError, call_command

from livc.audit.chain import sealing_key
from livc.audit.models import AccessLogEntry
from livc.audit.services import Actor, record, seal, verify_chain

from .conftest import NOW, entries, owner_sql

pytestmark = pytest.mark.django_db


def test_entries_chain_and_verify(capsys):
    made = entries()
    assert made[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in zip(made, made[1:], strict=False))
    assert {entry.key_id for entry in made} == {sealing_key().id}
    report = verify_chain()
    assert report.intact and report.anchored_id == made[-1].pk and report.legacy == 0
    call_command("verify_access_log")
    assert "intact: 5 entries" in capsys.readouterr().out


def test_the_log_is_append_only():
    entry = entries(1)[0]
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
        ("DELETE FROM audit_accesslogentry WHERE object_id = 5", "anchored entry is missing"),
    ],
)
def test_tampering_is_detected(sql, problem):
    entries()
    owner_sql(sql)  # someone with database access edits the log
    report = verify_chain()
    assert not report.intact and problem in report.problem
    with pytest.raises(CommandError, match="chain broken"):
        call_command("verify_access_log")


def test_recording_is_one_insert_without_locks(django_assert_num_queries):
    with django_assert_num_queries(1):
        record(actor=Actor(1), action="view", object_type="case", object_id=1)


def test_recent_entries_wait_for_the_next_sealing_run():
    entry = entries(1, sealed=False)[0]
    assert seal() == 0  # younger than the grace period
    report = verify_chain()
    assert report.intact and report.unsealed == 1
    assert seal(grace=NOW) == 1
    assert AccessLogEntry.objects.get(pk=entry.pk).hash


def test_an_entry_slipped_in_behind_the_seal_is_detected():
    first = entries(3)[0]
    # a forged entry with an id inside the sealed range
    owner_sql(
        "INSERT INTO audit_accesslogentry (id, at, action, object_type, object_id, role,"
        " object_ref, reason, prev_hash, hash, key_id) VALUES (%s, %s, 'view', 'case', 9, '',"
        " '', '', '', '', '')",
        [first.pk - 1, first.at],
    )
    report = verify_chain()
    assert not report.intact and "behind the sealed chain" in report.problem


def test_the_seal_command_names_its_key(capsys):
    entries(2, sealed=False)
    call_command("seal_access_log")  # the default grace keeps fresh entries for later
    assert f"(key {sealing_key().id})" in capsys.readouterr().out
