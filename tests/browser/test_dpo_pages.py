"""The DPO's pages in a real browser (demo data), with axe-core WCAG 2.1 AA checks."""

import pytest

from livc.dpo.demo import seed_dpo

from .test_login_and_home import fresh_code, log_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DPO_EMAIL = "dpo.mec@demo.livc.test"
DEMO_PASSWORD = "LIVC-demo-2026!"  # noqa: S105 - documented demo credential
PAGES = [
    ("dpo-home", "/dpo/"),
    ("dpo-access-log", "/dpo/access-log/"),
    ("dpo-access-log-errors", "/dpo/access-log/?date_from=2026-05-10&date_to=2026-05-01"),
    ("dpo-statistics", "/dpo/statistics/"),
    ("dpo-integrity", "/dpo/integrity/"),
    ("dpo-register", "/dpo/register/"),
]


def test_dpo_pages_are_accessible(demo, page, axe_check):
    seed_dpo()
    log_in_with_password(page, demo.url, DPO_EMAIL, DEMO_PASSWORD)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", fresh_code())
    page.click("main button[type=submit]:not([form])")
    page.wait_for_url(f"{demo.url}/")
    for name, path in PAGES:
        response = page.goto(demo.url + path)
        assert response.status in (200, 400), name  # 400: the deliberate date error
        assert page.locator("h1").count() == 1, name
        axe_check(page, name)
    page.goto(demo.url + "/dpo/integrity/")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dpo/integrity/?cell=*")
    assert page.locator(".alert-success").count() >= 1
