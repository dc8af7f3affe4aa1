import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.models import Authenticator


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators; nobody signs up on their own."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Skip the password re-prompt for the very first MFA enrolment right after login.

        Enrolment is forced at first login; asking for the password again seconds after it
        was typed adds friction and no protection. Changing or removing an existing
        authenticator still requires reauthentication.
        """
        request = context.request
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            fresh = records and (
                time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT
            )
            if fresh and not Authenticator.objects.filter(user=request.user).exists():
                return False
        return super().is_reauthentication_required(app=app, **kwargs)
