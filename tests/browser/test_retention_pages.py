"""The retention pages in a real browser (demo data), with axe-core WCAG 2.1 AA checks."""

import pytest

from livc.retention.demo import seed_retention

from .test_login_and_home import fresh_code, log_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "LIVC-demo-2026!"  # noqa: S105 - documented demo credential
PAGES = [
    ("retention-queue", "/retention/?days=365"),
    ("retention-holds", "/retention/holds/"),
    ("retention-tombstones", "/retention/tombstones/"),
    ("retention-policy", "/retention/policy/"),
]


def test_retention_pages_are_accessible(demo, page, axe_check):
    seed_retention()
    log_in_with_password(page, demo.url, "coordinator.mec@demo.livc.test", DEMO_PASSWORD)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", fresh_code())
    page.click("main button[type=submit]:not([form])")
    page.wait_for_url(f"{demo.url}/**")
    for name, path in PAGES:
        response = page.goto(demo.url + path)
        assert response.status == 200, name
        assert page.locator("h1").count() == 1, name
        axe_check(page, name)
    page.goto(demo.url + "/retention/holds/")
    page.fill("input[name=reference]", "NOPE-1")
    page.fill("input[name=reason]", "Judicial request")
    page.click("main form button[type=submit]")
    assert page.locator(".invalid-feedback").count() >= 1
    axe_check(page, "retention-holds-error")
