"""Fixtures for end-to-end tests: headless Debian Chromium, demo data, axe-core checks."""

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM must still work here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = (REPO_ROOT / "node_modules/axe-core/axe.min.js").read_text()
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} missing: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # CI must run the browser test, never skip it
        pytest.skip(message)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    # The app's CSP forbids inline scripts; bypass it so axe can be injected.
    context = chromium.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo(live_server):
    """Transactional tests flush data migrations: reload reference data, then the demo."""
    from livc.site.demo import seed_demo

    call_command("import_municipalities", verbosity=0)
    seed_demo()
    return live_server


@pytest.fixture
def axe_check():
    """Run axe on the page; save JSON and a screenshot; fail on serious/critical violations."""
    ARTIFACTS.mkdir(exist_ok=True)

    def check(page, name):
        page.add_script_tag(content=AXE_JS)
        results = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(results, indent=2))
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
        violations = results["violations"]
        counts = Counter(v["impact"] for v in violations)
        summary = ", ".join(f"{impact}={n}" for impact, n in sorted(counts.items())) or "none"
        rules = ", ".join(f"{v['id']}({v['impact']})" for v in violations)
        print(f"\naxe {name} ({page.url}): {summary}" + (f" [{rules}]" if rules else ""))
        blocking = [
            f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
            for v in violations
            if v["impact"] in BLOCKING
        ]
        assert not blocking, f"axe violations on {name}:\n" + "\n".join(blocking)
        return results

    return check
