"""The head of the sealed chain, kept outside the database.

After each sealed batch commits, its new head (last entry id, hash, key id) is appended
as one JSON line to LIVC_AUDIT_ANCHOR_FILE and sent to the `livc.audit.anchor` logger
(route it to syslog or another host in production). Someone who can rewrite the database
cannot rewrite these: `verify_access_log` requires every anchored head to still be in the
chain, unchanged, so removing the newest entries, or rewriting older ones even with a
leaked key, is reported. An empty setting turns the file off (the default outside
production, so throwaway and test databases do not meet anchors of an earlier one).
"""

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger("livc.audit.anchor")


@dataclass(frozen=True)
class Anchor:
    id: int
    hash: str
    key_id: str


def anchor_path() -> Path | None:
    path = getattr(settings, "LIVC_AUDIT_ANCHOR_FILE", "")
    return Path(path) if path else None


def write_anchor(anchor: Anchor) -> None:
    """Append the head; raises if the file cannot be written (after the seal committed:
    the entries stay sealed and the next run's anchor covers them)."""
    line = json.dumps(
        {
            "sealed_at": timezone.now().isoformat(),
            "id": anchor.id,
            "hash": anchor.hash,
            "key_id": anchor.key_id,
        },
        separators=(",", ":"),
    )
    logger.info("access log head %s", line)
    path = anchor_path()
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (line + "\n").encode()
    # One write() with O_APPEND: concurrent sealers never interleave inside a line, and
    # the process cannot overwrite what is there (with `chattr +a`, not even its owner).
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        if os.write(fd, data) != len(data):
            raise OSError(f"Short write to the audit anchor file {path}.")
        os.fsync(fd)
    finally:
        os.close(fd)


def read_anchors() -> Iterator[Anchor]:
    """The anchors in file (sealing) order; none if the file is off or absent.

    A line that does not parse is skipped: it can only be a write cut short by a crash,
    and the next anchor covers the same entries.
    """
    path = anchor_path()
    if path is None or not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                data = json.loads(line)
                yield Anchor(int(data["id"]), str(data["hash"]), str(data["key_id"]))
            except (ValueError, KeyError, TypeError):
                logger.warning("Unreadable line %d in the audit anchor file %s.", number, path)


class AnchorFeed:
    """Hands anchors to a walk over the chain in id order, holding only a few in memory.

    The file is in id order except when two sealing runs overlap and the later batch is
    anchored first; such a late line is handed out after the walk passed its entry, and
    the walk checks it separately.
    """

    def __init__(self, anchors: Iterable[Anchor]):
        self._anchors = iter(anchors)
        self._next = next(self._anchors, None)

    def up_to(self, entry_id: int) -> list[Anchor]:
        due = []
        while self._next is not None and self._next.id <= entry_id:
            due.append(self._next)
            self._next = next(self._anchors, None)
        return due

    def rest(self) -> list[Anchor]:
        remaining = [self._next] if self._next is not None else []
        remaining.extend(self._anchors)
        self._next = None
        return remaining
