import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from livc.core.totp import current_code
from livc.organisations.models import Role

from ..factories import PASSWORD, TOTP_SECRET, UserFactory, member

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
MFA = "/accounts/2fa/authenticate/"


def password_step(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def test_password_alone_does_not_log_in_an_enrolled_user(client, cell):
    user = member(Role.PARTNER, cell)
    response = password_step(client, user.email)
    assert response.status_code == 302 and response.url == MFA
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still anonymous


def test_password_and_totp_code_log_in(client, cell):
    user = member(Role.PARTNER, cell)
    password_step(client, user.email)
    response = client.post(MFA, {"code": current_code(TOTP_SECRET)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/").status_code == 200


def test_wrong_totp_code_is_refused_with_a_message(client, cell):
    user = member(Role.PARTNER, cell)
    password_step(client, user.email)
    response = client.post(MFA, {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Ongeldige code." in response.content.decode()


def test_wrong_password_gets_a_translated_message(client, cell):
    user = member(Role.PARTNER, cell)
    response = client.post(
        LOGIN, {"login": user.email, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 200
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in response.content.decode()


def test_user_without_totp_must_enrol_before_anything_else(client, cell):
    user = member(Role.COORDINATOR, cell, user=UserFactory(totp=False))
    password_step(client, user.email)
    assert client.session["_auth_user_id"] == str(user.pk)
    for path in ("/", reverse("logout_everywhere"), reverse("account_change_password")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == reverse("mfa_activate_totp"), path
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_enrolment_unlocks_the_platform(client, cell):
    user = member(Role.COORDINATOR, cell, user=UserFactory(totp=False))
    password_step(client, user.email)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert response.url == reverse("mfa_view_recovery_codes")
    assert client.get(response.url).status_code == 200  # codes shown without a re-prompt
    assert client.get("/").status_code == 200


def test_supervisor_only_sees_figures_and_needs_no_mfa(client):
    user = member(Role.SUPERVISOR, user=UserFactory(totp=False))
    password_step(client, user.email)
    assert client.get("/").status_code == 200


def test_user_without_any_role_must_still_enrol(client):
    user = UserFactory(totp=False)
    client.force_login(user)
    assert client.get("/").url == reverse("mfa_activate_totp")


def test_login_is_throttled_after_repeated_failures(client, cell, settings):
    user = member(Role.PARTNER, cell)
    for _attempt in range(settings.LIVC_LOGIN_FAILURES_ALLOWED):
        response = password_step(client, user.email, "wrong password")
        assert "_auth_user_id" not in client.session
    response = client.post(
        LOGIN, {"login": user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )  # correct password, but locked
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_totp_guessing_is_throttled(client, cell, settings):
    user = member(Role.PARTNER, cell)
    password_step(client, user.email)
    for _attempt in range(settings.LIVC_LOGIN_FAILURES_ALLOWED):
        client.post(MFA, {"code": "000000"})
    client.post(MFA, {"code": current_code(TOTP_SECRET)})  # right code, too late
    assert "_auth_user_id" not in client.session


def test_changing_an_existing_authenticator_requires_reauthentication(client, cell):
    user = member(Role.PARTNER, cell)
    password_step(client, user.email)
    client.post(MFA, {"code": current_code(TOTP_SECRET)})
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_login_message_speaks_the_users_language(client, cell):
    user = member(Role.PARTNER, cell, language="fr")
    client.post(LOGIN, {"login": user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        MFA, {"code": current_code(TOTP_SECRET)}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert "Connexion avec" in response.content.decode()


def test_a_recovery_code_replaces_a_lost_phone_once(client, cell):
    user = member(Role.PARTNER, cell)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    password_step(client, user.email)
    client.post(MFA, {"code": code})
    assert client.session["_auth_user_id"] == str(user.pk)

    client.post(reverse("account_logout"))
    password_step(client, user.email)
    client.post(MFA, {"code": code})  # already used
    assert "_auth_user_id" not in client.session
