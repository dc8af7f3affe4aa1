import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from livc.accounts.middleware import LAST_SEEN_KEY
from livc.organisations.models import Role

from ..factories import member

pytestmark = pytest.mark.django_db


def test_idle_session_expires_with_a_message(client, cell, settings):
    user = member(Role.PARTNER, cell)
    client.force_login(user)
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - settings.LIVC_IDLE_TIMEOUT_MINUTES * 60 - 1
    session.save()

    response = client.get("/", follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert response.redirect_chain[0][0] == reverse("account_login")
    assert "Your session expired after 30 minutes without activity" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_within_the_timeout_keeps_the_session(client, cell, settings):
    client.force_login(member(Role.PARTNER, cell))
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - settings.LIVC_IDLE_TIMEOUT_MINUTES * 60 + 30
    session.save()
    assert client.get("/").status_code == 200


def test_idle_timeout_is_configurable(client, cell, settings):
    settings.LIVC_IDLE_TIMEOUT_MINUTES = 5
    client.force_login(member(Role.PARTNER, cell))
    client.get("/")
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 6 * 60
    session.save()
    assert client.get("/").status_code == 302


def test_logout_everywhere_ends_every_session(cell):
    user = member(Role.PARTNER, cell)
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    assert phone.get("/").status_code == 200

    confirm = laptop.get(reverse("logout_everywhere"))
    assert confirm.status_code == 200  # confirmation page first, nothing happened yet
    assert phone.get("/").status_code == 200
    laptop.post(reverse("logout_everywhere"))

    assert phone.get("/").status_code == 302
    assert laptop.get("/").status_code == 302


def test_language_choice_is_remembered_on_the_account(client, cell):
    user = member(Role.PARTNER, cell)
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    user.refresh_from_db()
    assert user.language == "fr"
    # A new browser without the cookie still gets French after login.
    other = Client()
    other.force_login(user)
    assert '<html lang="fr">' in other.get("/").content.decode()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_home_renders_in_each_language(client, cell, language):
    user = member(Role.COORDINATOR, cell, language=language)
    client.force_login(user)
    body = client.get("/").content.decode()
    assert f'<html lang="{language}">' in body
    expected = {"nl": "Uw cellen en rollen", "fr": "Vos cellules et rôles", "en": "Your cells"}
    assert expected[language] in body


def test_unknown_language_gets_a_message_and_changes_nothing(client, cell):
    user = member(Role.PARTNER, cell, language="nl")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"}, follow=True)
    user.refresh_from_db()
    assert user.language == "nl"
    assert "Onbekende taal" in response.content.decode()


def test_language_switch_ignores_foreign_redirects(client):
    response = client.post(
        reverse("set_language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response.url == "/"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short1!", "at least 12 characters"),
        ("password1234", "too common"),
        ("123456789012345", "entirely numeric"),
    ],
)
def test_password_rules(password, message):
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        validate_password(password)


def test_a_long_passphrase_is_accepted():
    validate_password("river-lantern-orchard-2026")
