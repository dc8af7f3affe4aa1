import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command

from livc.accounts.models import User
from livc.cases.models import Case
from livc.organisations.models import Cell, Membership, Role
from livc.organisations.selectors import incomplete_cells
from livc.site import demo
from livc.trajectories.models import Action

from ..factories import member

pytestmark = pytest.mark.django_db


def test_coordinator_sees_composition_and_missing_roles(client, cell):
    coordinator = member(Role.COORDINATOR, cell, language="en")
    member(Role.PARTNER, cell, full_name="Paula Partner")
    client.force_login(coordinator)
    body = client.get("/").content.decode()
    assert f"Composition of {cell.name}" in body
    assert "Paula Partner" in body
    assert "Missing:" in body and "information officer" in body


def test_partner_sees_roles_but_not_composition(client, cell):
    partner = member(Role.PARTNER, cell, language="en")
    client.force_login(partner)
    body = client.get("/").content.decode()
    assert cell.name in body
    assert "Composition of" not in body


def test_administrator_sees_incomplete_cells(client, cell):
    admin = member(Role.ADMINISTRATOR, language="en")
    client.force_login(admin)
    body = client.get("/").content.decode()
    assert "Cells with an incomplete composition" in body
    assert cell.name in body


def test_home_query_count_does_not_grow_with_members(client, cell, django_assert_num_queries):
    coordinator = member(Role.COORDINATOR, cell)
    client.force_login(coordinator)
    client.get("/")  # warm the session
    with django_assert_num_queries(6):
        client.get("/")
    for _ in range(10):
        member(Role.PARTNER, cell)
    with django_assert_num_queries(6):
        client.get("/")


def test_seed_demo_is_idempotent_and_complete():
    first = demo.seed_demo()
    counts = (User.objects.count(), Membership.objects.count(), Cell.objects.count())
    actions = Action.objects.count()
    second = demo.seed_demo()
    assert (User.objects.count(), Membership.objects.count(), Cell.objects.count()) == counts
    assert Action.objects.count() == actions  # nothing seeded twice
    assert [a.email for a in first] == [a.email for a in second]
    assert Cell.objects.count() == 3
    assert Cell.objects.get(code="VMZ").municipalities.count() >= 3
    assert Cell.objects.get(code="VER").language == "fr"
    assert {a.role for a in first} == set(Role)
    assert incomplete_cells() == []  # every demo cell has its mandatory members
    for code in ("MEC", "VMZ", "VER"):  # a living cell: cases in every phase, signals to screen
        cell = Cell.objects.get(code=code)
        assert set(cell.cases.values_list("phase", flat=True)) == set(Case.Phase.values)
        assert cell.signals.filter(status="received").exists()
        assert cell.conferences.filter(status="planned").exists()
        assert Action.objects.filter(plan__case__cell=cell, status="open").exists()


def test_seed_demo_refuses_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refuses"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_front_end_assets_come_from_the_app_not_a_cdn(client, cell):
    for asset in (
        "vendor/htmx/htmx.min.js",
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
    ):
        assert finders.find(asset), asset
    client.force_login(member(Role.PARTNER, cell))
    body = client.get("/").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', body)
    assert external == []
    assert "/static/vendor/htmx/htmx.min.js" in body


def test_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_destructive_forms_ask_for_confirmation(client):
    from django.template.loader import render_to_string

    html = render_to_string("includes/form.html", {"form": None, "confirm": "Sure?"})
    assert 'data-confirm="Sure?"' in html
    assert "data-confirm" not in render_to_string("includes/form.html", {"form": None})
