"""Session rules that hold on every request: idle timeout, user language, MFA enrolment."""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .policies import mfa_required

LAST_SEEN_KEY = "livc_last_seen"
MFA_OK_KEY = "livc_mfa_enrolled"
# Writing the session on every request costs a database write; a minute of slack is enough.
LAST_SEEN_RESOLUTION_SECONDS = 60

# Views a user who still has to enrol in MFA may reach.
ENROLMENT_URL_NAMES = {
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "account_logout",
    "account_reauthenticate",
    "set_language",
}


def _redirect(request, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


class IdleTimeoutMiddleware:
    """Log out a user who has been inactive longer than LIVC_IDLE_TIMEOUT_MINUTES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            timeout = settings.LIVC_IDLE_TIMEOUT_MINUTES * 60
            if last_seen is not None and now - last_seen > timeout:
                logout(request)
                messages.warning(
                    request,
                    _(
                        "Your session expired after %(minutes)d minutes without activity. "
                        "Please log in again."
                    )
                    % {"minutes": settings.LIVC_IDLE_TIMEOUT_MINUTES},
                )
                return _redirect(request, reverse(settings.LOGIN_URL))
            if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class UserLanguageMiddleware:
    """A logged-in user's saved language wins over cookie and browser headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.user.language:
            translation.activate(request.user.language)
            request.LANGUAGE_CODE = request.user.language
        return self.get_response(request)


class MFAEnrollmentMiddleware:
    """Until a user who needs MFA has enrolled a TOTP device, only enrolment is reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or request.session.get(MFA_OK_KEY):
            return None
        if not mfa_required(user):
            return None
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if has_totp:
            request.session[MFA_OK_KEY] = True
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ENROLMENT_URL_NAMES:
            return None
        messages.info(
            request,
            _("Set up two-step verification with an authenticator app before you continue."),
        )
        return _redirect(request, reverse("mfa_activate_totp"))
