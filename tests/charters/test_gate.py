"""The gate: members reach case data only after accepting their cells' current texts."""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.charters.middleware import GATED_NAMESPACES, accept_url
from livc.charters.models import CharterAcceptance
from livc.charters.policies import pending_charters

from ..casework import join
from .conftest import CONFIDENTIALITY, RULES, accept, fresh, publish

pytestmark = pytest.mark.django_db

GATE = "livc.charters.middleware.CharterGateMiddleware"


def case_url(world):
    return reverse("cases:detail", args=[world.case.pk])


def gated_urls(world):
    return [
        reverse("intake:signal_detail", args=[world.signal.pk]),
        reverse("cases:list"),
        case_url(world),
        reverse("conferences:list"),
        reverse("trajectories:plan", kwargs={"case_id": world.case.pk}),
        "/subject-access/",
    ]


def test_no_charter_imposes_nothing(client, world):
    client.force_login(world.users["partner"])
    assert client.get(case_url(world)).status_code == 200
    assert pending_charters(fresh(world.users["partner"])) == []


def test_member_is_sent_to_accept_then_continues(client, world):
    rules, confidentiality = publish(world, RULES), publish(world, CONFIDENTIALITY)
    client.force_login(world.users["partner"])
    url = case_url(world)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('charters:accept')}?next={quote(url, safe='')}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert list(page.context["pending"]) == [rules, confidentiality]
    assert "Paragraph one of internal_rules 1." in page.content.decode()
    accepted = client.post(
        response["Location"],
        {"accept": "on", "versions": f"{rules.pk},{confidentiality.pk}", "next": url},
    )
    assert accepted.status_code == 302 and accepted["Location"] == url
    assert client.get(url).status_code == 200
    acceptance = CharterAcceptance.objects.get(version=rules, user=world.users["partner"])
    assert acceptance.role == "partner" and acceptance.organisation == world.caw


def test_every_case_data_namespace_is_gated(client, world):
    publish(world)
    assert {
        "intake",
        "cases",
        "conferences",
        "trajectories",
        "subjectaccess",
        "polarisation",
    } == GATED_NAMESPACES
    client.force_login(world.users["coordinator"])
    for url in gated_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("charters:accept")), url


def test_pages_without_case_data_are_not_gated(client, world):
    publish(world)
    client.force_login(world.users["partner"])
    for url in [reverse("home"), reverse("charters:detail", args=[world.cell.pk])]:
        assert client.get(url).status_code == 200, url


def test_gated_again_after_a_new_version(client, world):
    version = publish(world)
    accept(world, "partner", version)
    client.force_login(world.users["partner"])
    assert client.get(case_url(world)).status_code == 200
    new = publish(world)
    assert new.number == 2
    assert client.get(case_url(world)).status_code == 302
    assert pending_charters(fresh(world.users["partner"])) == [new]
    accept(world, "partner", new)
    assert client.get(case_url(world)).status_code == 200


def test_other_cells_charter_gates_only_its_members(client, world):
    publish(world, cell=world.other_cell, by="foreign_coordinator")
    client.force_login(world.users["partner"])
    assert client.get(case_url(world)).status_code == 200
    client.force_login(world.users["foreign_coordinator"])
    assert client.get(reverse("cases:list")).status_code == 302


@pytest.mark.parametrize("who", ["supervisor", "administrator"])
def test_users_without_a_cell_role_are_not_gated(client, world, who):
    publish(world)
    client.force_login(world.users[who])
    # They reach the (refused) page itself, not the acceptance page.
    assert client.get(reverse("cases:list")).status_code == 404
    assert client.get(reverse("charters:accept")).status_code == 404


def test_member_of_two_cells_must_accept_both(client, world):
    user = world.users["partner"]
    join(user, "partner", world.other_cell, world.caw)
    here = publish(world)
    there = publish(world, cell=world.other_cell, by="foreign_coordinator")
    accept(world, "partner", here)
    assert pending_charters(fresh(user)) == [there]
    client.force_login(user)
    assert client.get(case_url(world)).status_code == 302


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/x", "http://testserver.evil/", "javascript:alert(1)"],
)
def test_next_cannot_leave_the_site(client, world, next_url):
    version = publish(world)
    client.force_login(world.users["partner"])
    page = client.get(reverse("charters:accept"), {"next": next_url})
    assert page.context["next_url"] == ""
    response = client.post(
        reverse("charters:accept") + "?" + f"next={quote(next_url, safe='')}",
        {"accept": "on", "versions": str(version.pk), "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("charters:index")


def test_nothing_to_accept_goes_on_to_next(client, world):
    client.force_login(world.users["partner"])
    response = client.get(reverse("charters:accept"), {"next": case_url(world)})
    assert response.status_code == 302 and response["Location"] == case_url(world)


def test_post_without_the_checkbox_is_refused_at_the_field(client, world):
    version = publish(world)
    client.force_login(world.users["partner"])
    response = client.post(reverse("charters:accept"), {"versions": str(version.pk)})
    assert response.status_code == 400
    assert "accept" in response.context["form"].errors
    assert "Tick the box" in response.content.decode()
    assert not CharterAcceptance.objects.exists()


def test_tampered_version_list_is_refused_above_the_form(client, world):
    publish(world)
    client.force_login(world.users["partner"])
    response = client.post(reverse("charters:accept"), {"accept": "on", "versions": "x"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not CharterAcceptance.objects.exists()


def test_version_published_while_reading_must_be_read_first(client, world):
    first = publish(world, RULES)
    client.force_login(world.users["partner"])
    publish(world, CONFIDENTIALITY)  # published after the page was shown with `first` only
    url = reverse("charters:accept") + "?next=/cases/"
    response = client.post(url, {"accept": "on", "versions": str(first.pk)})
    assert response.status_code == 302 and response["Location"] == url
    assert not CharterAcceptance.objects.exists()


def test_acceptance_is_in_the_access_log(client, world):
    version = publish(world)
    client.force_login(world.users["partner"])
    client.post(reverse("charters:accept"), {"accept": "on", "versions": str(version.pk)})
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.ATTEST)
    assert entry.object_type == "charter" and entry.object_id == version.pk
    assert entry.user_id == world.users["partner"].pk and entry.role == "partner"
    assert entry.cell_id == world.cell.pk and entry.object_ref == version.reference


def test_htmx_request_is_redirected_by_header(client, world):
    publish(world)
    client.force_login(world.users["coordinator"])
    page = "http://testserver" + case_url(world)
    response = client.get(
        reverse("cases:list"), headers={"HX-Request": "true", "HX-Current-URL": page}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == accept_url(page)


def test_posted_form_is_not_replayed_after_acceptance(client, world):
    publish(world)
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("cases:note_add", args=[world.case.pk]), {"text": "x"})
    assert response.status_code == 302
    assert response["Location"] == reverse("charters:accept")


def queries_without_gate(client, url) -> int:
    without_gate = [m for m in settings.MIDDLEWARE if m != GATE]
    with override_settings(MIDDLEWARE=without_gate), CaptureQueriesContext(connection) as base:
        assert client.get(url).status_code == 200
    return len(base.captured_queries)


def test_gate_costs_at_most_one_query(client, world, django_assert_max_num_queries):
    version = publish(world)
    accept(world, "partner", version)
    client.force_login(world.users["partner"])
    url = case_url(world)
    client.get(url)
    with django_assert_max_num_queries(queries_without_gate(client, url) + 1):
        assert client.get(url).status_code == 200


def test_gate_costs_nothing_outside_case_data(client, world, django_assert_num_queries):
    version = publish(world)
    client.force_login(world.users["partner"])
    url = reverse("charters:version", args=[version.pk])
    client.get(url)
    with django_assert_num_queries(queries_without_gate(client, url)):
        client.get(url)
