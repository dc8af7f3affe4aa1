"""Searching the cell's access log: scope, filters, dates, paging, export, its own trace."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from livc.access.actor import actor_for
from livc.audit.models import AccessLogEntry
from livc.audit.services import Actor
from livc.organisations.models import Membership

from ..factories import UserFactory
from .conftest import at, log

pytestmark = pytest.mark.django_db

URL = reverse("dpo:access_log")
TODAY = timezone.localdate
A = AccessLogEntry.Action


def days_ago(n: int) -> datetime.datetime:
    return at(TODAY() - datetime.timedelta(days=n))


def search(client, world, **params):
    client.force_login(world.users["dpo"])
    return client.get(URL, params)


def refs(response) -> list[str]:
    return [row.reference for row in response.context["rows"]]


@pytest.fixture
def logged(world):
    """A quiet log: the world's own entries are today; these are spread over time."""
    coordinator = actor_for(world.users["coordinator"], world.cell.pk)
    partner = actor_for(world.users["partner"], world.cell.pk)
    foreign = actor_for(world.users["foreign_coordinator"], world.other_cell.pk)
    log(coordinator, days_ago(3), case_id=world.case.pk, ref=world.case.code)
    log(partner, days_ago(5), action=A.EXPORT, case_id=world.case.pk, ref=world.case.code)
    log(coordinator, days_ago(40), ref="OLD-2026-0001", case_id=424242)  # purged case
    log(foreign, days_ago(2), ref="OTHER-2026-0001", case_id=7)
    return world


def test_default_is_the_cells_last_30_days(client, logged):
    response = search(client, logged)
    assert response.status_code == 200
    shown = refs(response)
    assert logged.case.code in shown
    assert "OLD-2026-0001" not in shown  # 40 days ago
    assert "OTHER-2026-0001" not in shown  # another cell
    form = response.context["form"]
    assert form["date_to"].value() == TODAY().isoformat()
    assert form["date_from"].value() == (TODAY() - datetime.timedelta(days=29)).isoformat()


def test_filters(client, logged):
    w = logged
    by_partner = search(client, w, user=w.users["partner"].pk)
    assert {r.user for r in by_partner.context["rows"]} == {w.users["partner"].full_name}
    exports = search(client, w, action="export")
    assert [r.action for r in exports.context["rows"]] == ["exported"]
    police = search(client, w, organisation=w.police.pk)
    assert {r.organisation for r in police.context["rows"]} <= {"Police zone"}
    by_code = search(client, w, code=f" {w.case.code.lower()} ")  # trimmed, any case
    assert set(refs(by_code)) == {w.case.code}
    assert len(refs(by_code)) >= 3


def test_code_of_a_purged_case_still_matches(client, logged):
    older = (TODAY() - datetime.timedelta(days=60)).isoformat()
    response = search(client, logged, code="OLD-2026-0001", date_from=older)
    assert refs(response) == ["OLD-2026-0001"]


def test_code_matches_by_case_id_when_the_reference_is_missing(client, logged):
    actor = actor_for(logged.users["chair"], logged.cell.pk)
    log(actor, days_ago(1), case_id=logged.case.pk, ref="")
    response = search(client, logged, code=logged.case.code)
    assert f"#{logged.case.pk}" in refs(response)


def test_a_code_of_another_cell_finds_nothing(client, logged):
    assert refs(search(client, logged, code="OTHER-2026-0001")) == []


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2026-05-10", "date_to": "2026-05-01"}, "date_to", "cannot be before"),
        ({"date_from": "2026-13-45"}, "date_from", "Enter a valid date"),
        ({"date_to": "1900-01-01", "date_from": "1900-01-01"}, "date_from", "between 2000"),
        ({"date_to": "9999-12-31"}, "date_to", "between 2000"),
        ({"user": "abc"}, "user", "valid choice"),
        ({"organisation": "999999"}, "organisation", "valid choice"),
        ({"action": "teleport"}, "action", "valid choice"),
    ],
)
def test_bad_input_is_a_field_error(client, logged, params, field, message):
    response = search(client, logged, **params)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert message in response.content.decode()
    assert "rows" not in response.context


def test_users_of_other_cells_are_not_choices(client, logged):
    response = search(client, logged, user=logged.users["foreign_coordinator"].pk)
    assert response.status_code == 400


def test_former_members_can_be_chosen(client, logged):
    gone = UserFactory(full_name="Former Member")
    Membership.objects.create(
        user=gone, role="partner", cell=logged.cell, organisation=logged.caw, is_active=False
    )
    log(Actor(gone.pk, "partner", logged.caw.pk, logged.cell.pk), days_ago(1), ref="X-1")
    response = search(client, logged, user=gone.pk)
    assert refs(response) == ["X-1"]
    assert "Former Member (former member)" in response.content.decode()


def test_each_search_is_logged_without_content(client, logged):
    search(client, logged, code=logged.case.code, action="view")
    entry = AccessLogEntry.objects.filter(object_type="access_log").get()
    assert (entry.action, entry.role, entry.cell_id) == ("list", "dpo", logged.cell.pk)
    assert entry.user_id == logged.users["dpo"].pk
    assert f"code={logged.case.code}" in entry.reason and "action=view" in entry.reason


def test_invalid_searches_are_not_logged(client, logged):
    search(client, logged, date_from="nonsense")
    assert not AccessLogEntry.objects.filter(object_type="access_log").exists()


def test_paging_without_counting_everything(client, logged, settings):
    actor = actor_for(logged.users["chair"], logged.cell.pk)
    log(actor, days_ago(1), ref="BULK", n=60)
    first = search(client, logged, code="BULK")
    page = first.context["page"]
    assert (len(page.object_list), page.has_next, page.total) == (50, True, 60)
    second = search(client, logged, code="BULK", page=2)
    assert (len(second.context["page"].object_list), second.context["page"].has_next) == (10, False)
    assert "Newer" in second.content.decode()
    junk = search(client, logged, code="BULK", page="x")
    assert junk.context["page"].number == 1


def test_newest_first(client, logged):
    times = [row.at for row in search(client, logged).context["rows"]]
    assert times == sorted(times, reverse=True)


def test_query_count_does_not_grow_with_the_page(client, logged, django_assert_max_num_queries):
    actor = actor_for(logged.users["chair"], logged.cell.pk)
    log(actor, days_ago(1), ref="BULK", n=50)
    client.force_login(logged.users["dpo"])
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"code": logged.case.code})
    assert response.status_code == 200


def test_csv_export_is_filtered_and_logged(client, logged):
    client.force_login(logged.users["dpo"])
    response = client.get(reverse("dpo:access_log_export"), {"action": "export"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("id,time,user,role")
    entry = AccessLogEntry.objects.get(object_type="access_log", action="export")
    assert "action=export" in entry.reason
    # The export is itself an export of this cell, so it lists itself first.
    assert len(lines) == 3 and lines[1].startswith(f"{entry.pk},")
    assert logged.case.code in lines[2]


def test_csv_export_defuses_formulas(client, logged):
    user = logged.users["partner"]
    user.full_name = "=HYPERLINK(1)"
    user.save()
    client.force_login(logged.users["dpo"])
    body = b"".join(
        client.get(reverse("dpo:access_log_export"), {"action": "export"}).streaming_content
    ).decode()
    assert "'=HYPERLINK(1)" in body


def test_csv_export_with_bad_filters_goes_back_to_the_form(client, logged):
    client.force_login(logged.users["dpo"])
    response = client.get(reverse("dpo:access_log_export"), {"date_from": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(URL)
    assert not AccessLogEntry.objects.filter(action="export", object_type="access_log").exists()
