"""Every page of the platform is refused to anonymous users (redirect to login; the REST
API under /api/ answers 401)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Pages that must work before login: authentication itself and the language switch.
PUBLIC = {
    "account_login",
    "account_logout",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_confirm_login_code",
    "account_confirm_password_reset_code",
    "account_verify_phone",
    "mfa_authenticate",
    "mfa_trust",
    "mfa_login_webauthn",
    "mfa_signup_webauthn",
    "set_language",
    "login",  # admin login: redirects to the platform login
}
SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _concrete(route: str) -> str | None:
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    if any(ch in route for ch in "()[]?*+\\"):  # admin's regex routes: covered by siblings
        return None
    return "/" + route.lstrip("^").rstrip("$")


def all_urls(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from all_urls(entry, route)
        elif isinstance(entry, URLPattern):
            yield entry.name, route


# Admin's few regex routes (app index, model redirects) are skipped: siblings cover them.
ROUTES = sorted(
    {(name or "", path) for name, route in all_urls() if (path := _concrete(route)) is not None}
)


def test_the_url_list_is_not_empty():
    names = {name for name, _route in ROUTES}
    assert {"home", "logout_everywhere", "index", "mfa_index"} <= names


@pytest.mark.parametrize(("name", "path"), ROUTES)
def test_anonymous_users_are_sent_to_login(client, name, path):
    response = client.get(path, follow=True)
    if path.startswith("/api/"):  # the REST API answers 401, never a login page
        assert response.status_code == 401 and not response.redirect_chain, path
    elif name in PUBLIC:
        assert response.status_code in (200, 404, 405)
    else:
        assert response.redirect_chain, path
        assert response.request["PATH_INFO"] == "/accounts/login/", path
        assert "_auth_user_id" not in client.session
