"""Both monitoring dashboards in Chromium: charts draw under the real CSP, axe passes."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from ..monitoring import dataset
from ..monitoring.test_dashboards import CELL, SUPERVISOR, supervisor


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_both_dashboards_draw_under_the_csp_and_pass_axe(chromium, live_server, axe_check):
    call_command("import_municipalities", verbosity=0)  # flushed by transactional tests
    data = dataset.build()
    for user, path, name in (
        (data.users["coordinator"], f"{CELL}?period=2025-H1", "monitoring-cell"),
        (supervisor(), f"{SUPERVISOR}?period=2025-H1", "monitoring-supervisor"),
    ):
        client = Client()
        client.force_login(user)
        cookie = {"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                  "value": client.cookies[settings.SESSION_COOKIE_NAME].value}  # fmt: skip
        for bypass_csp in (False, True):
            context = chromium.new_context(bypass_csp=bypass_csp, locale="en")
            context.add_cookies([cookie])
            page = context.new_page()
            problems = []
            page.on("pageerror", lambda error, problems=problems: problems.append(str(error)))
            page.on(
                "console",
                lambda m, problems=problems: (
                    problems.append(m.text)
                    if m.type == "error" and "favicon" not in m.text and "404" not in m.text
                    else None
                ),
            )
            page.goto(live_server.url + path)
            if bypass_csp:
                axe_check(page, name)
            else:
                page.wait_for_function(
                    "() => document.querySelector('canvas[data-chart-source]')?.dataset.chartDrawn"
                )
                assert problems == [], (name, problems)
            context.close()
