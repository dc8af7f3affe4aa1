"""The access log: `record` on every read or write of personal data; `seal` chains entries.

Recording is a single INSERT without locks, so concurrent requests never queue behind
each other. Sealing runs on a schedule (`manage.py seal_access_log`, every minute): it takes
the chain head's row lock and MACs unsealed entries in id order under the current audit
key, each MAC covering the previous hash (see chain.py), then anchors the new head outside
the database (anchors.py). Entries younger than a few seconds are left for the next run, so
a transaction that committed late is never skipped. `verify_chain` lives in checker.py.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .anchors import Anchor, write_anchor
from .chain import GENESIS, HASHED_FIELDS, sealing_key
from .checker import ChainReport, verify_chain
from .models import AccessLogEntry, ChainHead

__all__ = ["GENESIS", "Actor", "ChainReport", "record", "seal", "verify_chain"]

SEAL_GRACE = timedelta(seconds=5)
SEAL_BATCH = 5000


@dataclass(frozen=True)
class Actor:
    """Who acts, in which capacity. Built by policies from the user's membership."""

    user_id: int | None
    role: str = ""
    organisation_id: int | None = None
    cell_id: int | None = None


def record(
    *,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: int,
    object_ref: str = "",
    case_id: int | None = None,
    reason: str = "",
) -> AccessLogEntry:
    """Append one entry (one INSERT; part of the caller's transaction if there is one)."""
    return AccessLogEntry.objects.create(
        at=timezone.now(),
        user_id=actor.user_id,
        role=actor.role,
        organisation_id=actor.organisation_id,
        cell_id=actor.cell_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_ref=object_ref,
        case_id=case_id,
        reason=reason[:200],
    )


def _head_for_update() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        ChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def _store_seals(updates: list[tuple[str, str, str, int]]) -> None:
    """Write (prev_hash, hash, key_id, id) for each row still unsealed (all the PostgreSQL
    trigger allows); if a row is gone, the batch rolls back rather than chain past it."""
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET prev_hash = %s, hash = %s, key_id = %s "  # noqa: S608
            "WHERE id = %s AND hash = ''",
            updates,
        )
        written = cursor.rowcount
    if written != len(updates):
        raise RuntimeError(f"Sealed {written} of {len(updates)} access-log entries; retry.")


def seal(*, grace: timedelta = SEAL_GRACE, batch: int = SEAL_BATCH) -> int:
    """Chain every unsealed entry older than `grace`, in id order; returns how many.

    Each committed batch's head is anchored (anchors.py); an anchor that cannot be
    written raises after its batch committed.
    """
    key = sealing_key()
    sealed = 0
    while True:
        with transaction.atomic():
            head = _head_for_update()
            rows = list(
                AccessLogEntry.objects.filter(
                    hash="", id__gt=head.last_id, at__lt=timezone.now() - grace
                )
                .order_by("id")
                .values("id", *HASHED_FIELDS)[:batch]
            )
            if not rows:
                return sealed
            previous, updates = head.last_hash, []
            for row in rows:
                digest = key.digest(previous, row)
                updates.append((previous, digest, key.id, row["id"]))
                previous = digest
            _store_seals(updates)
            ChainHead.objects.filter(pk=1).update(last_hash=previous, last_id=rows[-1]["id"])
        write_anchor(Anchor(rows[-1]["id"], previous, key.id))
        sealed += len(rows)
