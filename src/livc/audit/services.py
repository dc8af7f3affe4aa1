"""The access log: `record` on every read or write of personal data; `seal` chains entries.

Recording is a single INSERT without locks, so concurrent requests never queue behind
each other. Sealing runs on a schedule (`manage.py seal_access_log`, every minute): it takes
the chain head's row lock and hashes unsealed entries in id order, each hash covering the
previous one. Entries younger than a few seconds are left for the next run, so a
transaction that committed late is never skipped.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .models import AccessLogEntry, ChainHead

GENESIS = "0" * 64
SEAL_GRACE = timedelta(seconds=5)
SEAL_BATCH = 5000
HASHED_FIELDS = (
    "at",
    "user_id",
    "role",
    "organisation_id",
    "cell_id",
    "action",
    "object_type",
    "object_id",
    "object_ref",
    "case_id",
    "reason",
)


@dataclass(frozen=True)
class Actor:
    """Who acts, in which capacity. Built by policies from the user's membership."""

    user_id: int | None
    role: str = ""
    organisation_id: int | None = None
    cell_id: int | None = None


def entry_hash(prev_hash: str, values: dict) -> str:
    payload = json.dumps(
        [prev_hash, *[str(values[field]) for field in HASHED_FIELDS]], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()


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


def seal(*, grace: timedelta = SEAL_GRACE, batch: int = SEAL_BATCH) -> int:
    """Chain every unsealed entry older than `grace`, in id order; returns how many."""
    sealed = 0
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
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
                digest = entry_hash(previous, row)
                updates.append((previous, digest, row["id"]))
                previous = digest
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {table} SET prev_hash = %s, hash = %s "  # noqa: S608
                    "WHERE id = %s AND hash = ''",
                    updates,
                )
            ChainHead.objects.filter(pk=1).update(last_hash=previous, last_id=rows[-1]["id"])
            sealed += len(rows)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None
    problem: str = ""
    unsealed: int = 0

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def verify_chain(batch_size: int = 5000) -> ChainReport:
    """Recompute every sealed hash in order; report the first entry that does not fit.

    Also refused: an unsealed entry behind the sealed end (inserted after sealing).
    """
    previous, checked, last_id = GENESIS, 0, 0
    sealed = AccessLogEntry.objects.exclude(hash="")
    while True:
        batch = list(
            sealed.filter(id__gt=last_id)
            .order_by("id")
            .values("id", "prev_hash", "hash", *HASHED_FIELDS)[:batch_size]
        )
        if not batch:
            break
        for row in batch:
            if row["prev_hash"] != previous:
                return ChainReport(checked, row["id"], "previous hash does not match")
            if entry_hash(previous, row) != row["hash"]:
                return ChainReport(checked, row["id"], "content does not match its hash")
            previous, checked, last_id = row["hash"], checked + 1, row["id"]
    head = ChainHead.objects.filter(pk=1).values("last_hash", "last_id").first()
    if head and head["last_hash"] != previous:
        return ChainReport(checked, last_id, "entries after this one were removed")
    sealed_end = head["last_id"] if head else 0
    intruder = (
        AccessLogEntry.objects.filter(hash="", id__lt=sealed_end).values_list("id", flat=True)
    ).first()
    if intruder is not None:
        return ChainReport(checked, intruder, "entry added behind the sealed chain")
    unsealed = AccessLogEntry.objects.filter(hash="").count()
    return ChainReport(checked, None, unsealed=unsealed)
