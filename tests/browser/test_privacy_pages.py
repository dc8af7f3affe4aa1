"""The coordinator's privacy pages in Chromium (retention and DPO pages have their own
tests): each opens from the Privacy menu, has one heading and passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .test_case_walk import log_in, new_page  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR_PAGES = [
    ("charters:index", "charter"),
    ("subjectaccess:search", "subject-access"),
    ("subjectaccess:requests", "subject-requests"),
]


def visit(page, url: str, name: str, axe_check) -> str:
    response = page.goto(url)
    assert response.status == 200, f"{name}: {response.status}"
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page, name)


def test_coordinator_privacy_pages(demo, new_page, axe_check):  # noqa: F811
    coordinator = new_page()
    log_in(coordinator, demo.url, "coordinator.mec@demo.livc.test")
    for name, label in COORDINATOR_PAGES:
        visit(coordinator, demo.url + reverse(name), label, axe_check)
    coordinator.get_by_role("button", name="Privacy").click()
    for item in ("Charter", "Subject access", "Data subject requests", "Retention",
                 "Register of processing"):  # fmt: skip
        expect(coordinator.get_by_role("link", name=item, exact=True)).to_be_visible()
    expect(coordinator.get_by_role("link", name="DPO tools")).to_have_count(0)
