"""Known audit keys, a fresh anchor file per test, and what someone with database access does."""

from datetime import timedelta

import pytest
from django.db import connection

from livc.audit.chain import GENESIS, HASHED_FIELDS, ChainKey, key_id, legacy_hash
from livc.audit.maintenance import log_maintenance
from livc.audit.models import AccessLogEntry
from livc.audit.services import Actor, record, seal

KEY_A = "a-first-audit-key-of-at-least-32-characters"
KEY_B = "b-second-audit-key-of-at-least-32-characters"
NOW = timedelta(0)


@pytest.fixture(autouse=True)
def audit_settings(settings, tmp_path):
    settings.LIVC_AUDIT_KEYS = [KEY_A]
    settings.LIVC_AUDIT_ANCHOR_FILE = str(tmp_path / "var" / "audit-anchors.log")
    return settings


def entries(n=5, sealed=True, first=1):
    made = [
        record(
            actor=Actor(7, "coordinator", 3, 2),
            action="view",
            object_type="case",
            object_id=i,
            object_ref=f"MEC-2026-{i:04d}",
            case_id=i,
        )
        for i in range(first, first + n)
    ]
    if sealed:
        seal(grace=NOW)
    return [AccessLogEntry.objects.get(pk=entry.pk) for entry in made]


def owner_sql(sql, params=()):
    """Run SQL with the rights of the table's owner, the strongest attacker with database
    access (on PostgreSQL the trigger refuses it to anyone else): the chain and the anchors
    must catch what it does all the same."""
    with log_maintenance(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def forged_key(secret: str, claimed_id: str | None = None) -> ChainKey:
    secret = secret.encode()
    return ChainKey(claimed_id or key_id(secret), secret)


def rewrite_chain(from_id: int, hasher, key_label: str, *, user_id: int | None = None):
    """Edit entry `from_id` (its user), recompute every hash from there on with `hasher`
    (prev_hash, row) -> hash, label those entries with `key_label` and fix the chain head."""
    if user_id is not None:
        owner_sql("UPDATE audit_accesslogentry SET user_id = %s WHERE id = %s", [user_id, from_id])
    rows = (
        AccessLogEntry.objects.exclude(hash="").order_by("id").values("id", "hash", *HASHED_FIELDS)
    )
    previous = GENESIS
    for row in rows:
        if row["id"] >= from_id:
            digest = hasher(previous, {**row, "key_id": key_label})
            owner_sql(
                "UPDATE audit_accesslogentry SET prev_hash = %s, hash = %s, key_id = %s"
                " WHERE id = %s",
                [previous, digest, key_label, row["id"]],
            )
            previous = digest
        else:
            previous = row["hash"]
    owner_sql("UPDATE audit_chainhead SET last_hash = %s", [previous])


def seal_as_before_keys(upto_id: int):
    """Seal entries up to `upto_id` the way the log was sealed before keyed sealing
    (plain SHA-256, no key id): an existing installation's log at the upgrade."""
    rows = (
        AccessLogEntry.objects.filter(id__lte=upto_id).order_by("id").values("id", *HASHED_FIELDS)
    )
    previous = GENESIS
    for row in rows:
        digest = legacy_hash(previous, row)
        owner_sql(
            "UPDATE audit_accesslogentry SET prev_hash = %s, hash = %s WHERE id = %s",
            [previous, digest, row["id"]],
        )
        previous = digest
    owner_sql(
        "INSERT INTO audit_chainhead (id, last_hash, last_id) VALUES (1, %s, %s)",
        [previous, upto_id],
    )
