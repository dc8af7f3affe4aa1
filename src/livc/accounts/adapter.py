import time
from datetime import UTC, datetime

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators; nobody signs up on their own."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """The client address for the per-IP limits (see LIVC_TRUSTED_PROXY_COUNT).

        allauth takes it from X-Forwarded-For and refuses (403) an entry that is no IP
        address; an X-Forwarded-For with fewer entries than trusted proxies (a request that
        skipped a proxy) is refused the same way rather than raising a server error.
        """
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured as exc:
            raise PermissionDenied("X-Forwarded-For: fewer entries than proxies") from exc

    def add_message(self, request, level, message_template=None, message_context=None,
                    extra_tags="", message=None):  # fmt: skip
        """Messages raised at login ("signed in as …") speak the user's saved language."""
        language = (
            getattr(request.user, "language", None) if request.user.is_authenticated else None
        )
        with translation.override(language or translation.get_language()):
            return super().add_message(
                request, level, message_template, message_context, extra_tags, message
            )

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Skip the password re-prompt during the first MFA enrolment right after login.

        Enrolment is forced at first login; asking for the password again seconds after it
        was typed adds friction and no protection. Changing or removing an existing
        authenticator still requires reauthentication.
        """
        request = context.request
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if records:
                logged_in_at = records[-1]["at"]
                fresh = time.time() - logged_in_at < account_settings.REAUTHENTICATION_TIMEOUT
                # Authenticators made since this login (the enrolment itself) do not count.
                older = Authenticator.objects.filter(
                    user=request.user,
                    created_at__lt=datetime.fromtimestamp(logged_in_at, tz=UTC),
                )
                if fresh and not older.exists():
                    return False
        return super().is_reauthentication_required(app=app, **kwargs)
