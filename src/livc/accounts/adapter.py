import time
from datetime import UTC, datetime

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators; nobody signs up on their own."""

    def is_open_for_signup(self, request) -> bool:
        return False

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
