"""How an access-log entry is bound to the one before it: keyed HMAC-SHA256, or legacy SHA-256.

Keys come from LIVC_AUDIT_KEYS (comma-separated, newest first). Sealing uses the first;
each sealed entry stores the id of its key (`key_id`, the first 8 hex digits of the key's
SHA-256), so verification picks the right key after a rotation, as long as that key is
still listed. Without the key, nobody can recompute a valid chain, even with full write
access to the database. Outside production the key defaults to one derived from
SECRET_KEY (demo and tests only); settings refuse production without real keys.

Entries sealed before keyed sealing existed carry an empty `key_id` and a plain SHA-256
chain (`legacy_hash`). They form a prefix of the chain: the first keyed entry's MAC covers
the last legacy hash, so they can no longer change unnoticed once a keyed entry follows.
"""

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

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


def key_id(secret: bytes) -> str:
    """A short public name for a key; reveals nothing usable about a 32+ character secret."""
    return hashlib.sha256(secret).hexdigest()[:8]


@dataclass(frozen=True)
class ChainKey:
    id: str
    secret: bytes

    def digest(self, prev_hash: str, row: Mapping) -> str:
        """The entry's MAC; covers its id and key id too, so it cannot be moved or relabelled."""
        payload = json.dumps(
            [self.id, row["id"], prev_hash, *[str(row[field]) for field in HASHED_FIELDS]],
            ensure_ascii=False,
        )
        return hmac.new(self.secret, payload.encode(), hashlib.sha256).hexdigest()


def _derived_key() -> str:
    return hashlib.sha256(f"livc-audit:{settings.SECRET_KEY}".encode()).hexdigest()


def chain_keys() -> dict[str, ChainKey]:
    """Every configured key by key id, newest (the sealing key) first. Read on each call,
    so a changed setting applies at once."""
    raw = [key.strip() for key in getattr(settings, "LIVC_AUDIT_KEYS", []) if key.strip()]
    if not raw:
        if settings.PRODUCTION:
            raise ImproperlyConfigured("LIVC_AUDIT_KEYS must be set in production.")
        raw = [_derived_key()]
    keys = {}
    for secret in dict.fromkeys(key.encode() for key in raw):
        key = ChainKey(key_id(secret), secret)
        if key.id in keys:
            raise ImproperlyConfigured("Two LIVC_AUDIT_KEYS share a key id; generate a new key.")
        keys[key.id] = key
    return keys


def sealing_key() -> ChainKey:
    return next(iter(chain_keys().values()))


def legacy_hash(prev_hash: str, row: Mapping) -> str:
    """The unkeyed SHA-256 of entries sealed before keyed sealing; verification only."""
    payload = json.dumps(
        [prev_hash, *[str(row[field]) for field in HASHED_FIELDS]], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()
