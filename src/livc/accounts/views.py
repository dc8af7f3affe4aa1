from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import LanguageForm
from .policies import can_use_platform


@login_not_required
@require_POST
def set_language(request):
    """Switch the interface language; remembered on the account and in a cookie."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    if not form.is_valid():
        messages.error(request, form.errors["language"][0])
        return redirect(target)
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.user_set_language(actor=request.user, language=language)
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response


@require_http_methods(["GET", "POST"])
def logout_everywhere(request):
    if not can_use_platform(request.user):
        raise PermissionDenied
    if request.method == "POST":
        services.user_logout_everywhere(actor=request.user, user=request.user)
        logout(request)
        messages.success(request, _("You have been logged out on all your devices."))
        return redirect(settings.LOGIN_URL)
    return render(request, "accounts/logout_everywhere.html")
