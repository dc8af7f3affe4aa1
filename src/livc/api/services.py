"""Issuing, revoking and resolving personal access tokens (every write goes through here)."""

import datetime
import hashlib
import secrets

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, Scope

SECRET_PREFIX = "livc_"  # noqa: S105 (a marker, not a secret)
PREFIX_LENGTH = 12  # "livc_" and 7 random characters: enough to tell tokens apart
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def digest(secret: str) -> str:
    """What is stored of a secret. Secrets are 256 random bits, so a plain SHA-256 is as
    good as a slow hash and lets the lookup be one indexed equality."""
    return hashlib.sha256(secret.encode()).hexdigest()


def has_mfa(user) -> bool:
    """The user has enrolled an authenticator app (TOTP), as the MFA gate asks."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def check_issue(*, holder, name: str, scopes: list[str], days: int) -> None:
    errors = {}
    if not name.strip():
        errors["name"] = _("Name the token after the system that will use it.")
    if not scopes or any(scope not in Scope.values for scope in scopes):
        errors["scopes"] = _("Choose one or more scopes from: %(scopes)s.") % {
            "scopes": ", ".join(Scope.values)
        }
    if not 1 <= days <= settings.LIVC_API_TOKEN_MAX_DAYS:
        errors["days"] = _("A token expires after 1 to %(max)s days.") % {
            "max": settings.LIVC_API_TOKEN_MAX_DAYS
        }
    if not holder.is_active or not has_mfa(holder):
        errors["user"] = _("Only an active user with two-step verification may hold a token.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def token_issue(
    *, user, holder, name: str, scopes: list[str], days: int, now=None
) -> tuple[ApiToken, str]:
    """A new token for `holder`, issued by `user`; returns it and its secret, which is
    shown once and never stored."""
    check_issue(holder=holder, name=name, scopes=scopes, days=days)
    now = now or timezone.now()
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=holder,
        name=name.strip(),
        prefix=secret[:PREFIX_LENGTH],
        digest=digest(secret),
        scopes=sorted(set(scopes)),
        created_at=now,
        created_by=user,
        expires_at=now + datetime.timedelta(days=days),
    )
    return token, secret


def token_revoke(*, user, token: ApiToken, now=None) -> None:
    """Revoke `token` (kept, for the record of who held what)."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


def token_resolve(secret: str, now=None) -> ApiToken | None:
    """The usable token with this secret (and its user), or None: unknown, expired,
    revoked, or its user inactive or no longer enrolled in MFA. Marks it used, at most
    one write a minute."""
    now = now or timezone.now()
    token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    if not has_mfa(token.user):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
