"""Verifying the sealed access log: every link, every MAC, every anchored head.

The chain is read in id order in batches. Each entry must name the previous entry's hash,
and its own hash must be the HMAC of its content under the key it names (or, for entries
sealed before keys existed, their plain SHA-256; see chain.py). Every head in the anchor
file must still be in the chain with the same hash. The first failure is reported; an
entry sealed with a key that is no longer configured cannot be verified, and is reported
as such after the rest of the chain was checked.
"""

import hmac
from dataclasses import dataclass

from .anchors import Anchor, AnchorFeed, anchor_path, read_anchors
from .chain import GENESIS, HASHED_FIELDS, chain_keys, legacy_hash
from .models import AccessLogEntry, ChainHead

PREVIOUS = "previous hash does not match"
CONTENT = "content does not match its hash"
REMOVED_AFTER = "entries after this one were removed"
BEHIND = "entry added behind the sealed chain"
UNKEYED_AFTER_KEYED = "unkeyed entry after keyed entries"
ANCHOR_DIFFERS = "entry differs from its anchored head"
ANCHOR_MISSING = "an anchored entry is missing"
NOT_ANCHORED = "no anchor for the keyed chain"
UNKNOWN_KEY = "sealed with a key that is not configured"


@dataclass(frozen=True)
class ChainReport:
    """`checked` counts entries verified before the first problem; `legacy` how many of
    them were sealed without a key; `unverifiable` entries under a key no longer listed;
    `anchored_id` the newest anchored entry found intact (None: no anchor checked)."""

    checked: int
    first_broken_id: int | None
    problem: str = ""
    unsealed: int = 0
    legacy: int = 0
    unverifiable: int = 0
    anchored_id: int | None = None

    @property
    def intact(self) -> bool:
        return not self.problem


class _Walk:
    def __init__(self, anchors: AnchorFeed):
        self.keys = chain_keys()
        self.anchors = anchors
        self.previous, self.last_id = GENESIS, 0
        self.checked = self.legacy = self.unverifiable = self.checked_before_gap = 0
        self.first_keyed = self.first_unverifiable = self.anchored_id = None
        self.late: list[Anchor] = []

    def step(self, row: dict) -> str:
        """Check one entry; returns the problem, or "" if it fits."""
        if row["prev_hash"] != self.previous:
            return PREVIOUS
        verified = True
        if not row["key_id"]:
            if self.first_keyed is not None:
                return UNKEYED_AFTER_KEYED  # a keyed entry relabelled to skip its MAC
            if legacy_hash(self.previous, row) != row["hash"]:
                return CONTENT
            self.legacy += 1
        else:
            self.first_keyed = self.first_keyed or row["id"]
            key = self.keys.get(row["key_id"])
            if key is None:
                verified = False
                self.unverifiable += 1
                if self.first_unverifiable is None:
                    self.first_unverifiable, self.checked_before_gap = row["id"], self.checked
            elif not hmac.compare_digest(key.digest(self.previous, row), row["hash"]):
                return CONTENT
        for anchor in self.anchors.up_to(row["id"]):
            if anchor.id != row["id"]:
                self.late.append(anchor)
            elif (anchor.hash, anchor.key_id) != (row["hash"], row["key_id"]):
                return ANCHOR_DIFFERS
            else:
                self.anchored_id = row["id"]
        self.previous, self.last_id = row["hash"], row["id"]
        self.checked += verified
        return ""

    def report(self, first_broken_id: int | None, problem: str = "", unsealed: int = 0):
        return ChainReport(
            self.checked_before_gap if problem == UNKNOWN_KEY else self.checked,
            first_broken_id,
            problem,
            unsealed=unsealed,
            legacy=self.legacy,
            unverifiable=self.unverifiable,
            anchored_id=self.anchored_id,
        )

    def check_anchors_left(self) -> tuple[int, str] | None:
        """Anchors the walk did not meet: beyond its end (removed) or read late."""
        rest = self.anchors.rest()
        beyond = [anchor.id for anchor in rest if anchor.id > self.last_id]
        if beyond:
            return min(beyond), ANCHOR_MISSING
        late = self.late + rest
        found = AccessLogEntry.objects.exclude(hash="").in_bulk(
            [anchor.id for anchor in late], field_name="id"
        )
        for anchor in sorted(late, key=lambda anchor: anchor.id):
            entry = found.get(anchor.id)
            if entry is None:
                return anchor.id, ANCHOR_MISSING
            if (entry.hash, entry.key_id) != (anchor.hash, anchor.key_id):
                return anchor.id, ANCHOR_DIFFERS
            self.anchored_id = max(self.anchored_id or 0, anchor.id)
        return None


def _sealed_rows(batch_size: int):
    sealed = AccessLogEntry.objects.exclude(hash="").order_by("id")
    fields = ("id", "prev_hash", "hash", "key_id", *HASHED_FIELDS)
    batch = list(sealed.values(*fields)[:batch_size])  # no lower bound: ids may be <= 0
    while batch:
        yield from batch
        batch = list(sealed.filter(id__gt=batch[-1]["id"]).values(*fields)[:batch_size])


def verify_chain(batch_size: int = 5000) -> ChainReport:
    """Check the whole sealed chain against itself, the keys and the anchors.

    Also refused: an unsealed entry behind the sealed end (inserted after sealing), and,
    when anchoring is on, keyed entries without any anchor (the anchor file was lost).
    """
    walk = _Walk(AnchorFeed(read_anchors()))
    for row in _sealed_rows(batch_size):
        if problem := walk.step(row):
            return walk.report(row["id"], problem)
    if broken := walk.check_anchors_left():
        return walk.report(*broken)
    head = ChainHead.objects.filter(pk=1).values("last_hash", "last_id").first()
    if head and head["last_hash"] != walk.previous:
        return walk.report(walk.last_id, REMOVED_AFTER)
    sealed_end = head["last_id"] if head else 0
    intruder = (
        AccessLogEntry.objects.filter(hash="", id__lt=sealed_end).values_list("id", flat=True)
    ).first()
    if intruder is not None:
        return walk.report(intruder, BEHIND)
    if anchor_path() and walk.first_keyed is not None and walk.anchored_id is None:
        return walk.report(walk.first_keyed, NOT_ANCHORED)
    if walk.unverifiable:
        return walk.report(walk.first_unverifiable, UNKNOWN_KEY)
    return walk.report(None, unsealed=AccessLogEntry.objects.filter(hash="").count())
