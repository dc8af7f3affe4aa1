"""Encryption at rest and blind indexes for identifying data.

Keys come from the environment:
- LIVC_ENCRYPTION_KEYS: comma-separated Fernet keys, newest first. Decryption tries each;
  encryption uses the first. Rotate by prepending a new key and running
  `manage.py rotate_encryption_keys`, then drop the old key.
- LIVC_BLIND_INDEX_KEY: secret for the keyed HMAC used for exact-match lookups.
Outside production both default to keys derived from SECRET_KEY (demo and tests only).
"""

import base64
import hashlib
import hmac
import re
import unicodedata
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _derived_key(purpose: str) -> bytes:
    digest = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


@cache
def _fernet() -> MultiFernet:
    raw = [key.strip() for key in settings.LIVC_ENCRYPTION_KEYS if key.strip()]
    if not raw:
        if settings.PRODUCTION:
            raise ImproperlyConfigured("LIVC_ENCRYPTION_KEYS must be set in production.")
        raw = [_derived_key("livc-encryption").decode()]
    try:
        return MultiFernet([Fernet(key) for key in raw])
    except ValueError as exc:
        raise ImproperlyConfigured("LIVC_ENCRYPTION_KEYS holds an invalid Fernet key.") from exc


@cache
def _index_key() -> bytes:
    key = settings.LIVC_BLIND_INDEX_KEY
    if not key:
        if settings.PRODUCTION:
            raise ImproperlyConfigured("LIVC_BLIND_INDEX_KEY must be set in production.")
        return _derived_key("livc-blind-index")
    return key.encode()


def reset_key_cache() -> None:
    _fernet.cache_clear()
    _index_key.cache_clear()


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("Cannot decrypt: no configured key matches.") from exc


def rotate(token: str) -> str:
    return _fernet().rotate(token.encode()).decode()


def normalise(value: str) -> str:
    """Case-, accent-, space- and hyphen-insensitive form of a name or number."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-'’.]+", " ", stripped).strip().casefold()


def blind_index(*parts: str) -> str:
    """Keyed HMAC of the normalised parts: equal inputs give equal indexes, nothing else leaks."""
    message = "\x1f".join(normalise(part) for part in parts).encode()
    return hmac.new(_index_key(), message, hashlib.sha256).hexdigest()
