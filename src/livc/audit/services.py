"""Appending to the access log. Every read or write of personal data calls `record`."""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import AccessLogEntry, ChainHead

GENESIS = "0" * 64
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
    """Append one entry, chained to the previous one (serialised by a row lock)."""
    values = {
        "at": timezone.now(),
        "user_id": actor.user_id,
        "role": actor.role,
        "organisation_id": actor.organisation_id,
        "cell_id": actor.cell_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_ref": object_ref,
        "case_id": case_id,
        "reason": reason[:200],
    }
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:  # first entry ever (or a freshly flushed test database)
            ChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
            head = ChainHead.objects.select_for_update().get(pk=1)
        digest = entry_hash(head.last_hash, values)
        entry = AccessLogEntry.objects.create(prev_hash=head.last_hash, hash=digest, **values)
        ChainHead.objects.filter(pk=1).update(last_hash=digest)
    return entry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def verify_chain(batch_size: int = 5000) -> ChainReport:
    """Recompute every hash in order; report the first entry that does not fit."""
    previous, checked, last_id = GENESIS, 0, 0
    while True:
        batch = list(
            AccessLogEntry.objects.filter(id__gt=last_id)
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
    head = ChainHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    if checked and head != previous:
        return ChainReport(checked, last_id, "entries after this one were removed")
    return ChainReport(checked, None)
