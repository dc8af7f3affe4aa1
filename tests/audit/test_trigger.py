"""PostgreSQL itself refuses to change the access log; skipped on SQLite."""

import uuid

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from livc.audit.maintenance import log_maintenance
from livc.audit.models import AccessLogEntry
from livc.audit.services import verify_chain

from .conftest import entries

# The README's grants for an application role that does not own the tables.
APPLICATION_GRANTS = [
    "SELECT, INSERT ON audit_accesslogentry",
    "UPDATE (prev_hash, hash, key_id) ON audit_accesslogentry",
    "SELECT, INSERT, UPDATE ON audit_chainhead",
    "SELECT, INSERT ON audit_chainverification",
]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def refused(sql, params=()):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_raw_updates_deletes_and_truncate_are_refused():
    sealed = entries(2)[0]
    waiting = entries(1, sealed=False, first=3)[0]
    refused("UPDATE audit_accesslogentry SET user_id = 99 WHERE id = %s", [sealed.pk])
    refused("UPDATE audit_accesslogentry SET hash = %s WHERE id = %s", ["" * 64, sealed.pk])
    refused(
        "UPDATE audit_accesslogentry SET user_id = 99 WHERE id = %s", [waiting.pk]
    )  # not yet sealed
    refused("UPDATE audit_accesslogentry SET hash = 'x', reason = 'y' WHERE id = %s", [waiting.pk])
    refused("DELETE FROM audit_accesslogentry WHERE id = %s", [waiting.pk])
    refused("DELETE FROM audit_accesslogentry")
    refused("TRUNCATE audit_accesslogentry")
    refused(
        "INSERT INTO audit_accesslogentry (at, action, object_type, object_id, role,"
        " object_ref, reason, prev_hash, hash, key_id)"
        " VALUES (now(), 'view', 'case', 1, '', '', '', '', 'f', 'x')"
    )
    assert AccessLogEntry.objects.count() == 3 and verify_chain().intact


def test_replica_mode_does_not_switch_the_trigger_off():
    sealed = entries(1)[0]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
    refused("DELETE FROM audit_accesslogentry WHERE id = %s", [sealed.pk])


def as_role(*grants: str) -> None:
    """Become a fresh role that owns nothing (rolled back with the test's transaction)."""
    role = f"livc_audit_test_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        for grant in grants:
            cursor.execute(f"GRANT {grant} TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")


def test_maintenance_is_refused_to_a_role_that_does_not_own_the_table():
    sealed = entries(1)[0]
    as_role("SELECT, UPDATE, DELETE, TRUNCATE ON audit_accesslogentry")
    with log_maintenance():
        refused("UPDATE audit_accesslogentry SET user_id = 99 WHERE id = %s", [sealed.pk])
        refused("TRUNCATE audit_accesslogentry")


def test_the_recommended_application_grants_record_seal_and_verify():
    as_role(*APPLICATION_GRANTS)
    entries(3)
    assert verify_chain().intact
    call_command("verify_access_log", verbosity=0)


def test_the_owner_may_wipe_the_database_deliberately():
    entries(2)
    with log_maintenance(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE object_id = 1")
    assert AccessLogEntry.objects.count() == 1
    refused("DELETE FROM audit_accesslogentry")  # the setting ended with the block
    call_command("flush", interactive=False, verbosity=0)  # what the test runner does
    assert not AccessLogEntry.objects.exists()


def test_an_empty_log_may_be_truncated():
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_accesslogentry")
