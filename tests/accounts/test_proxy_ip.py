"""Per-IP login limits count the client behind the TLS proxy, not the proxy itself."""

import pytest
from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from livc.organisations.models import Role

from ..factories import PASSWORD, member

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
MFA = "/accounts/2fa/authenticate/"
PROXY = "10.0.0.1"  # REMOTE_ADDR of every request that comes through the proxy
CLIENT_A, CLIENT_B = "203.0.113.7", "198.51.100.9"
THROTTLED = "Too many failed login attempts"
IP_LIMIT = 20  # ACCOUNT_RATE_LIMITS["login_failed"]: 20/m/ip


def _login(client, email, password, xff):
    return client.post(
        LOGIN,
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=xff,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _fail_for_unknown_accounts(client, xff_for, attempts):
    """Failed logins for distinct unknown accounts (the per-account limit never trips)."""
    return [
        _login(client, f"nobody{n}@example.org", "wrong password", xff_for(n))
        for n in range(attempts)
    ]


def test_one_client_behind_the_proxy_does_not_lock_out_another(client, cell, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    user = member(Role.PARTNER, cell)
    responses = _fail_for_unknown_accounts(client, lambda n: CLIENT_A, IP_LIMIT + 5)
    assert THROTTLED in responses[-1].content.decode()  # A has hit its own limit
    response = _login(client, user.email, PASSWORD, CLIENT_B)
    assert response.status_code == 302 and response.url == MFA


def test_with_count_zero_the_header_is_ignored(client, cell, settings):
    """Everyone behind the proxy shares REMOTE_ADDR: the lockout this setting fixes."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    user = member(Role.PARTNER, cell)
    responses = _fail_for_unknown_accounts(client, lambda n: f"192.0.2.{n}", IP_LIMIT + 1)
    assert THROTTLED not in responses[IP_LIMIT - 1].content.decode()
    assert THROTTLED in responses[IP_LIMIT].content.decode()  # a new XFF each time: no help
    response = _login(client, user.email, PASSWORD, CLIENT_B)
    assert response.status_code == 200 and THROTTLED in response.content.decode()


def test_spoofed_entries_left_of_the_proxy_do_not_evade_the_limit(client, settings):
    """nginx appends the address it saw; whatever the client sent stays to its left."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    responses = _fail_for_unknown_accounts(
        client, lambda n: f"192.0.2.{n}, 198.18.0.{n}, {CLIENT_A}", IP_LIMIT + 1
    )
    assert THROTTLED not in responses[IP_LIMIT - 1].content.decode()
    assert THROTTLED in responses[IP_LIMIT].content.decode()


@pytest.mark.parametrize(
    ("count", "xff", "expected"),
    [
        (0, "192.0.2.1", PROXY),
        (0, None, PROXY),
        (1, f"192.0.2.1, {CLIENT_A}", CLIENT_A),
        (1, CLIENT_A, CLIENT_A),
        (1, f" {CLIENT_A}:51234 ", CLIENT_A),
        (1, "192.0.2.1, 2001:db8::1", "2001:db8::1"),
        (1, None, PROXY),  # no header at all: the proxy's address (shared, never spoofed)
        (2, f"192.0.2.1, {CLIENT_A}, 10.0.0.2", CLIENT_A),  # CDN + nginx
    ],
)
def test_client_ip(settings, count, xff, expected):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
    headers = {"REMOTE_ADDR": PROXY}
    if xff is not None:
        headers["HTTP_X_FORWARDED_FOR"] = xff
    request = RequestFactory().post(LOGIN, **headers)
    assert get_adapter(request).get_client_ip(request) == expected


@pytest.mark.parametrize(
    ("count", "xff"),
    [
        (1, "not-an-ip"),
        (1, f"{CLIENT_A}, "),  # empty right-most entry
        (1, f"{CLIENT_A}, unknown"),
        (2, CLIENT_A),  # fewer entries than proxies: the request skipped one
    ],
)
def test_malformed_forwarded_for_is_refused(client, settings, count, xff):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().post(LOGIN, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff)
    with pytest.raises(PermissionDenied):
        get_adapter(request).get_client_ip(request)
    response = _login(client, "nobody@example.org", "wrong password", xff)
    assert response.status_code == 403
