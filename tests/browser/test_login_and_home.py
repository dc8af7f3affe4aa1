"""Log in through a real browser: password, TOTP code or enrolment, home page; axe on each."""

import re
import time

import pytest

from livc.core.totp import DEMO_TOTP_SECRET, PERIOD_SECONDS, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_EMAIL = "coordinator.mec@demo.livc.test"
DEMO_PASSWORD = "LIVC-demo-2026!"  # noqa: S105 - documented demo credential
NEW_PASSWORD = "a long Passphrase 2026!"  # noqa: S105
MFA_AUTHENTICATE = "/accounts/2fa/authenticate/"
TOTP_ACTIVATE = "/accounts/2fa/totp/activate/"
RECOVERY_CODES = "/accounts/2fa/recovery-codes/"


def fresh_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """A code that stays valid long enough to be submitted (no clock tolerance is allowed)."""
    if PERIOD_SECONDS - time.time() % PERIOD_SECONDS < 3:
        time.sleep(3)
    return current_code(secret)


def log_in_with_password(page, base_url, email, password):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def test_demo_coordinator_logs_in_with_password_and_totp(demo, page, axe_check):
    page.goto(f"{demo.url}/accounts/login/")
    axe_check(page, "login")

    log_in_with_password(page, demo.url, DEMO_EMAIL, DEMO_PASSWORD)
    page.wait_for_url(f"**{MFA_AUTHENTICATE}")
    axe_check(page, "mfa")

    page.fill("input[name=code]", fresh_code())
    page.click("main button[type=submit]:not([form])")
    page.wait_for_url(f"{demo.url}/")
    assert "Pieter Claes" in page.locator("h1").inner_text()
    assert page.get_by_role("heading", name="LIVC-R Mechelen").is_visible()
    axe_check(page, "home")


def test_new_member_must_enrol_in_totp_before_reaching_home(demo, page, axe_check):
    from livc.accounts.models import User
    from livc.organisations.models import Cell, Membership, Organisation, Role

    cell = Cell.objects.get(code="MEC")
    organisation = Organisation.objects.get(name="CAW Boom Mechelen Lier")
    user = User.objects.create_user(
        email="new.partner@example.test", password=NEW_PASSWORD, full_name="Nieuwe Partner"
    )
    Membership.objects.create(user=user, role=Role.PARTNER, cell=cell, organisation=organisation)

    log_in_with_password(page, demo.url, user.email, NEW_PASSWORD)
    page.wait_for_url(f"**{TOTP_ACTIVATE}")
    page.goto(f"{demo.url}/")
    page.wait_for_url(f"**{TOTP_ACTIVATE}")
    axe_check(page, "mfa-enrol")

    secret = page.input_value("#authenticator_secret")
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    page.fill("input[name=code]", fresh_code(secret))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url == f"{demo.url}{RECOVERY_CODES}", f"enrolment ended on {page.url}"
    assert page.input_value("#recovery_codes").split(), "no recovery codes shown"

    page.goto(f"{demo.url}/")
    assert page.url == f"{demo.url}/"
    assert "Nieuwe Partner" in page.locator("h1").inner_text()
