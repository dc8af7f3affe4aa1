"""The coverage page in headless Chromium: Chart.js draws under the strict CSP, and axe passes.

Two browser contexts: one that keeps the app's Content Security Policy (the chart must draw
with no violation reported), one that bypasses it so axe-core can be injected.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from livc.organisations.models import Role

from ..factories import CellFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pixels of the canvas that are not transparent: Chart.js drew something.
DRAWN_PIXELS = """(canvas) => {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
  return painted;
}"""


@pytest.fixture
def coverage_url(live_server):
    """Reference data (flushed by transactional tests), a few cells, a logged-in supervisor."""
    call_command("import_municipalities", verbosity=0)
    for serves in (["12025", "12002"], ["11002"], ["23088"], ["71016", "72003"]):
        cell = CellFactory(serves=serves)
        for role in (Role.CHAIR, Role.COORDINATOR):
            member(role, cell)
    client = Client()
    client.force_login(member(Role.SUPERVISOR))  # supervisors need no MFA
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"{live_server.url}/monitoring/coverage/?region=&province=", session


def _open(chromium, url, session, bypass_csp):
    context = chromium.new_context(bypass_csp=bypass_csp, reduced_motion="reduce", locale="en")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": url}])
    page = context.new_page()
    problems = []
    # A missing favicon is the browser's habit, not the page's fault.
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type in ("error", "warning") and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)
    return context, page, problems


def test_chart_draws_under_the_csp(chromium, coverage_url):
    url, session = coverage_url
    context, page, problems = _open(chromium, url, session, bypass_csp=False)
    try:
        page.evaluate(
            """() => { window.__violations = [];
            document.addEventListener("securitypolicyviolation",
                (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI)); }"""
        )
        canvas = page.locator("canvas#chart-coverage-provinces")
        page.wait_for_function(
            "() => document.querySelector('canvas[data-chart-source]')?.dataset.chartDrawn"
        )
        assert canvas.get_attribute("data-chart-drawn") == "true"
        assert canvas.get_attribute("role") == "img"
        assert "Stacked bar chart" in canvas.get_attribute("aria-label")
        assert canvas.evaluate(DRAWN_PIXELS) > 1000
        assert canvas.bounding_box()["width"] > 200
        # The table beside the chart holds the same figures.
        table = page.locator("figure.livc-chart table")
        assert table.locator("tbody tr").count() == 11  # 10 provinces + Brussels
        assert "Provincie Antwerpen" in table.inner_text() or "Antwerpen" in table.inner_text()
        page.reload()
        page.wait_for_function(
            "() => document.querySelector('canvas[data-chart-source]')?.dataset.chartDrawn"
        )
        violations = page.evaluate("window.__violations || []")
        assert not violations, violations
        assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], (
            problems
        )
        assert not problems, problems
    finally:
        context.close()


def test_coverage_page_passes_axe(chromium, coverage_url, axe_check):
    url, session = coverage_url
    context, page, problems = _open(chromium, url, session, bypass_csp=True)
    try:
        page.wait_for_function(
            "() => document.querySelector('canvas[data-chart-source]')?.dataset.chartDrawn"
        )
        axe_check(page, "monitoring-coverage")
        assert not problems, problems
    finally:
        context.close()
