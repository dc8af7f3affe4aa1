"""Encryption at rest and blind indexes for identifying data.

Keys come from the environment:
- LIVC_ENCRYPTION_KEYS: comma-separated Fernet keys, newest first. Decryption tries each;
  encryption uses the first. Rotate by prepending a new key and running
  `manage.py rotate_encryption_keys`, then drop the old key.
- LIVC_BLIND_INDEX_KEYS: comma-separated secrets for the keyed HMAC used for exact-match
  lookups, newest first (LIVC_BLIND_INDEX_KEY, a single key, still works). Writes use the
  first; lookups match an index computed under any of them, so re-signals are still found
  while `manage.py rotate_blind_index_key` recomputes the stored indexes with the first.
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
def _fernets() -> tuple[Fernet, ...]:
    """The encryption keys, newest first."""
    raw = [key.strip() for key in settings.LIVC_ENCRYPTION_KEYS if key.strip()]
    if not raw:
        if settings.PRODUCTION:
            raise ImproperlyConfigured("LIVC_ENCRYPTION_KEYS must be set in production.")
        raw = [_derived_key("livc-encryption").decode()]
    try:
        return tuple(Fernet(key) for key in raw)
    except ValueError as exc:
        raise ImproperlyConfigured("LIVC_ENCRYPTION_KEYS holds an invalid Fernet key.") from exc


@cache
def _fernet() -> MultiFernet:
    return MultiFernet(list(_fernets()))


@cache
def _index_keys() -> tuple[bytes, ...]:
    """The blind-index keys, newest first."""
    keys = [key.strip() for key in getattr(settings, "LIVC_BLIND_INDEX_KEYS", []) if key.strip()]
    single = (settings.LIVC_BLIND_INDEX_KEY or "").strip()
    if single and keys and single not in keys:
        # Indexes written under the single key would silently stop matching.
        raise ImproperlyConfigured(
            "LIVC_BLIND_INDEX_KEY is set but is not one of LIVC_BLIND_INDEX_KEYS: "
            "list every key still in use there (newest first) and drop LIVC_BLIND_INDEX_KEY."
        )
    keys = keys or ([single] if single else [])
    if not keys:
        if settings.PRODUCTION:
            raise ImproperlyConfigured("LIVC_BLIND_INDEX_KEYS must be set in production.")
        return (_derived_key("livc-blind-index"),)
    return tuple(dict.fromkeys(key.encode() for key in keys))


def reset_key_cache() -> None:
    _fernets.cache_clear()
    _fernet.cache_clear()
    _index_keys.cache_clear()


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("Cannot decrypt: no configured key matches.") from exc


def rotate(token: str) -> str:
    """The token re-encrypted under the newest key (raises as `decrypt` if no key fits)."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("Cannot decrypt: no configured key matches.") from exc


def is_current(token: str) -> bool:
    """Whether the token is encrypted under the newest key (nothing to rotate)."""
    try:
        _fernets()[0].decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def normalise(value: str) -> str:
    """Case-, accent-, space- and hyphen-insensitive form of a name or number."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-'’.]+", " ", stripped).strip().casefold()


def _message(parts: tuple[str, ...]) -> bytes:
    return "\x1f".join(normalise(part) for part in parts).encode()


def blind_index(*parts: str) -> str:
    """Keyed HMAC of the normalised parts under the newest key, for writing: equal inputs
    give equal indexes, nothing else leaks."""
    return hmac.new(_index_keys()[0], _message(parts), hashlib.sha256).hexdigest()


def blind_indexes(*parts: str) -> list[str]:
    """The index of the parts under every configured key, newest first, for lookups
    (`field__in=`): a record written before a key rotation still matches."""
    message = _message(parts)
    return [hmac.new(key, message, hashlib.sha256).hexdigest() for key in _index_keys()]
