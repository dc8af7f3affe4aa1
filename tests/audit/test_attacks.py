"""Finding 5: someone with write access to the database rewrites the access log.

Before keyed sealing, each of these left `verify_access_log` reporting "intact": the chain
was plain SHA-256 that anyone could recompute, and nothing outside the database knew its
head. Now the hashes need a key the database does not hold, and every sealed head is
anchored in a file the database cannot reach.
"""

import pytest
from django.core.management import CommandError, call_command

from livc.audit import checker
from livc.audit.chain import legacy_hash, sealing_key
from livc.audit.models import ChainVerification
from livc.audit.services import seal, verify_chain

from .conftest import KEY_A, NOW, entries, forged_key, owner_sql, rewrite_chain

pytestmark = pytest.mark.django_db


def assert_broken(problem, first_bad_id):
    report = verify_chain()
    assert (report.problem, report.first_broken_id) == (problem, first_bad_id)
    with pytest.raises(CommandError, match=f"broken at entry {first_bad_id} "):
        call_command("verify_access_log")
    assert not ChainVerification.objects.latest("id").ok


def test_recomputing_with_the_old_plain_sha256_is_detected():
    made = entries()
    rewrite_chain(made[2].pk, legacy_hash, sealing_key().id, user_id=99)
    assert_broken(checker.CONTENT, made[2].pk)


def test_relabelling_the_rewritten_entries_as_unkeyed_is_detected():
    made = entries()
    rewrite_chain(made[2].pk, legacy_hash, "", user_id=99)
    assert_broken(checker.UNKEYED_AFTER_KEYED, made[2].pk)


def test_relabelling_the_whole_log_as_unkeyed_is_caught_by_the_anchor():
    made = entries()
    rewrite_chain(made[0].pk, legacy_hash, "", user_id=99)  # now a consistent legacy chain
    assert_broken(checker.ANCHOR_DIFFERS, made[-1].pk)


def test_recomputing_with_a_wrong_key_under_the_real_key_id_is_detected():
    made = entries()
    forged = forged_key("an-attackers-own-key-of-32-characters-or-more", sealing_key().id)
    rewrite_chain(made[2].pk, forged.digest, forged.id, user_id=99)
    assert_broken(checker.CONTENT, made[2].pk)


def test_recomputing_with_a_wrong_key_of_its_own_id_is_not_intact(audit_settings):
    made = entries()
    forged = forged_key("an-attackers-own-key-of-32-characters-or-more")
    rewrite_chain(made[2].pk, forged.digest, forged.id, user_id=99)
    report = verify_chain()
    assert (report.problem, report.first_broken_id) == (checker.ANCHOR_DIFFERS, made[-1].pk)
    assert report.unverifiable == 3
    audit_settings.LIVC_AUDIT_ANCHOR_FILE = ""  # the key alone refuses it too
    report = verify_chain()
    assert (report.problem, report.first_broken_id) == (checker.UNKNOWN_KEY, made[2].pk)
    assert (report.unverifiable, report.checked) == (3, 2)


def test_a_leaked_key_still_cannot_rewrite_what_was_anchored():
    first = entries(3)  # anchored at first[-1]
    second = entries(3, first=4)  # anchored at second[-1]
    leaked = forged_key(KEY_A)
    rewrite_chain(second[0].pk, leaked.digest, leaked.id, user_id=99)
    report = verify_chain()  # the first anchor still holds; the second no longer does
    assert (report.problem, report.first_broken_id) == (checker.ANCHOR_DIFFERS, second[-1].pk)
    assert report.anchored_id == first[-1].pk


def test_deleting_the_newest_entries_and_fixing_the_head_is_caught_by_the_anchor():
    made = entries()
    owner_sql("DELETE FROM audit_accesslogentry WHERE id >= %s", [made[3].pk])
    owner_sql("UPDATE audit_chainhead SET last_hash = %s, last_id = %s", [made[2].hash, made[2].pk])
    assert_broken(checker.ANCHOR_MISSING, made[-1].pk)


def test_without_the_anchor_file_the_same_truncation_would_pass(audit_settings):
    """Why the anchor exists: the database alone cannot tell a shortened chain."""
    made = entries()
    audit_settings.LIVC_AUDIT_ANCHOR_FILE = ""
    owner_sql("DELETE FROM audit_accesslogentry WHERE id >= %s", [made[3].pk])
    owner_sql("UPDATE audit_chainhead SET last_hash = %s, last_id = %s", [made[2].hash, made[2].pk])
    assert verify_chain().intact


def test_a_lost_anchor_file_is_reported(audit_settings, tmp_path):
    made = entries()
    audit_settings.LIVC_AUDIT_ANCHOR_FILE = str(tmp_path / "elsewhere.log")
    assert_broken(checker.NOT_ANCHORED, made[0].pk)


def test_an_entry_slipped_in_before_an_anchored_head_is_detected_even_with_the_key():
    made = entries()
    forged_id = made[0].pk - 1
    owner_sql(
        "INSERT INTO audit_accesslogentry (id, at, user_id, role, action, object_type,"
        " object_id, object_ref, case_id, reason, prev_hash, hash, key_id)"
        " VALUES (%s, %s, 99, '', 'view', 'case', 79, '', 79, '', '', 'forged', '')",
        [forged_id, made[0].at],
    )
    leaked = forged_key(KEY_A)
    rewrite_chain(forged_id, leaked.digest, leaked.id)  # every MAC and link is valid again
    assert_broken(checker.ANCHOR_DIFFERS, made[-1].pk)


def test_sealing_after_an_attack_does_not_launder_it():
    made = entries()
    rewrite_chain(made[2].pk, legacy_hash, sealing_key().id, user_id=99)
    entries(2, first=6)
    seal(grace=NOW)
    assert verify_chain().first_broken_id == made[2].pk
