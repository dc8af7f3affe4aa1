"""The library in Chromium: a partner searches and opens a text, an administrator adds one;
every page has one heading and passes axe (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

# The session's Chromium and the demo come from this folder's conftest; importing them into
# another folder's module would start a second Playwright inside the first one's loop.
from .test_case_walk import log_in, new_page, submit  # noqa: F401 - fixture and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_searches_and_reads_a_text(demo, new_page, axe_check):  # noqa: F811
    page = new_page()
    log_in(page, demo.url, "partner.mec@demo.livc.test")
    page.get_by_role("button", name="Prevention and policy").click()
    page.get_by_role("link", name="Library", exact=True).click()
    expect(page.locator("h1")).to_have_text("Legal and knowledge library")
    axe_check(page, "library-list")
    page.fill("input[name=q]", "Strafwetboek 458ter")
    submit(page, "Search")
    page.get_by_role(
        "link", name="Strafwetboek, artikel 458ter (gedeeld beroepsgeheim in overleg)"
    ).click()
    expect(page.locator("h1")).to_have_count(1)
    expect(
        page.get_by_text("Summary written for the platform; not an official text.").first
    ).to_be_visible()
    expect(page.get_by_text("Referred to by")).to_be_visible()
    axe_check(page, "library-detail")
    page.goto(demo.url + reverse("library:list") + "?validity=retired")
    page.get_by_role(
        "link", name="Samenwerkingsprotocol LIVC-R Mechelen 2019 (fictief voorbeeld)"
    ).click()
    expect(page.get_by_text("No longer in force since")).to_be_visible()
    axe_check(page, "library-retired")


def test_an_administrator_adds_a_text(demo, new_page, axe_check):  # noqa: F811
    page = new_page()
    log_in(page, demo.url, "administrator.demo@demo.livc.test")
    page.goto(demo.url + reverse("library:create"))
    axe_check(page, "library-form")
    page.select_option("select[name=kind]", "circular")
    page.select_option("select[name=level]", "federal")
    page.select_option("select[name=issuer]", label="Belgian federal government")
    page.check("input[name=licence][value=official]")
    page.check("input[name=themes][value=cells]")
    page.fill("input[name=title_nl]", "Omzendbrief over de LIVC-R")
    page.fill("textarea[name=summary_nl]", "Wat de cel doet en wie deelneemt.")
    page.fill("input[name=title_fr]", "Circulaire sur les CSIL-R")
    page.fill("textarea[name=summary_fr]", "Ce que fait la cellule et qui y participe.")
    submit(page, "Save")
    expect(page.get_by_text("The text was added to the library.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Omzendbrief over de LIVC-R")
    page.goto(demo.url + reverse("library:issuers"))
    axe_check(page, "library-issuers")
