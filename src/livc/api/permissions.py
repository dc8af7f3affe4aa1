"""Scopes per endpoint. A token carries its scopes; a session has every scope, and what
the user may do is then up to the same policies the screens ask."""

from rest_framework.permissions import BasePermission

from .models import ApiToken


def token_scopes(request) -> set[str] | None:
    """The token's scopes, or None for a session (no limit beyond the policies)."""
    auth = getattr(request, "auth", None)
    return set(auth.scopes) if isinstance(auth, ApiToken) else None


class HasScope(BasePermission):
    """Reads need `read_scope`; unsafe methods need `write_scope` (views set both)."""

    def has_permission(self, request, view) -> bool:
        scopes = token_scopes(request)
        if scopes is None:
            return True
        safe = request.method in ("GET", "HEAD", "OPTIONS")
        needed = getattr(view, "read_scope" if safe else "write_scope", None)
        return needed is None or needed in scopes
