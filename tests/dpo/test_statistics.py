"""Per-user weekly statistics and the unusual-volume flag, on a hand-built log."""

import datetime

import pytest
from django.urls import reverse

from livc.access.actor import actor_for
from livc.audit.models import AccessLogEntry
from livc.audit.services import Actor
from livc.dpo import statistics
from livc.organisations.models import Membership, Role

from ..factories import OrganisationFactory, UserFactory
from .conftest import at, log, monday

pytestmark = pytest.mark.django_db

URL = reverse("dpo:statistics")


def partner(world, name):
    user = UserFactory(full_name=name)
    organisation = OrganisationFactory()
    Membership.objects.create(
        user=user, role=Role.PARTNER, cell=world.cell, organisation=organisation
    )
    return Actor(user.pk, Role.PARTNER, organisation.pk, world.cell.pk)


def views(actor, day, cases, start=1000):
    for case_id in range(start, start + cases):
        log(actor, at(day), case_id=case_id, ref=f"X-{case_id}")


@pytest.fixture
def week(world):
    """This week every partner views 2 cases, except D who views 12."""
    day = monday()
    for name in ("Partner A", "Partner B", "Partner C"):
        views(partner(world, name), day, 2)
    for role in ("partner", "colleague", "other_partner", "left_partner"):
        views(actor_for(world.users[role], world.cell.pk), day, 2)
    world.heavy = partner(world, "Partner D")
    views(world.heavy, day + datetime.timedelta(days=2), 12)
    log(world.heavy, at(day), case_id=1000, ref="X-1000", n=5)  # repeats: one distinct case
    return world


def rows_by_name(response):
    return {row.name: row for row in response.context["week"].rows}


def test_counts_per_user_and_the_flag(client, week):
    client.force_login(week.users["dpo"])
    response = client.get(URL)
    assert response.status_code == 200
    rows = rows_by_name(response)
    heavy = rows["Partner D"]
    assert (heavy.entries, heavy.cases, heavy.exports) == (17, 12, 0)
    assert heavy.peer_group == "role" and heavy.median_cases == 2
    assert heavy.flagged and heavy.reasons == ["cases"]
    assert not any(r.flagged for name, r in rows.items() if name != "Partner D")
    assert response.context["week"].rows[0].name == "Partner D"  # most cases first
    body = response.content.decode()
    assert "many cases" in body and "1 user with an unusual volume" in body
    assert "more than 3 times as many distinct cases" in body  # the rule is stated


def test_below_the_minimum_is_not_flagged(week):
    stats = statistics.week_statistics(cell_id=week.cell.pk, start=monday())
    for row in stats.rows:
        row.reasons.clear()
    quiet = [r for r in stats.rows if r.name == "Partner A"][0]
    quiet.cases = 9  # > 3 × median 2 but below 10
    statistics._compare(stats.rows)
    assert not quiet.flagged


def test_exports_are_flagged_too(week):
    exporter = partner(week, "Partner E")
    log(exporter, at(monday()), action=AccessLogEntry.Action.EXPORT, n=6)
    rows = {
        r.name: r for r in statistics.week_statistics(cell_id=week.cell.pk, start=monday()).rows
    }
    assert rows["Partner E"].exports == 6 and rows["Partner E"].reasons == ["exports"]


def test_only_the_chosen_week_and_cell_count(client, week):
    log(week.heavy, at(monday(1)), case_id=5, ref="LAST-WEEK", n=3)
    log(Actor(week.heavy.user_id, "partner", None, week.other_cell.pk), at(monday()), n=4)
    client.force_login(week.users["dpo"])
    this_week = rows_by_name(client.get(URL))["Partner D"]
    assert this_week.entries == 17
    sunday_last_week = (monday() - datetime.timedelta(days=1)).isoformat()
    last_week = rows_by_name(client.get(URL, {"week": sunday_last_week}))["Partner D"]
    assert (last_week.entries, last_week.cases) == (3, 1)


def test_small_roles_compare_with_the_whole_cell(week):
    rows = statistics.week_statistics(cell_id=week.cell.pk, start=monday()).rows
    chair = [r for r in rows if r.role == Role.CHAIR][0]
    assert chair.peer_group == "cell"


def test_alone_in_the_cell_is_never_flagged(db):
    row = statistics.UserWeek(1, "Only", Role.PARTNER, "CAW", former=False, cases=50)
    statistics._compare([row])
    assert row.peer_group == "" and not row.flagged


def test_non_members_with_entries_are_listed(client, week):
    stranger = UserFactory(full_name="Not A Member")
    log(Actor(stranger.pk, "partner", None, week.cell.pk), at(monday()), case_id=9, ref="S")
    client.force_login(week.users["dpo"])
    row = rows_by_name(client.get(URL))["Not A Member"]
    assert row.former and row.cases == 1


def test_viewing_the_statistics_is_logged(client, week):
    client.force_login(week.users["dpo"])
    client.get(URL)
    entry = AccessLogEntry.objects.get(object_type="access_statistics")
    assert (entry.action, entry.reason) == ("list", monday().isoformat())


@pytest.mark.parametrize("week_value", ["2026-02-30", "nonsense", "1800-01-01"])
def test_a_bad_week_is_a_field_error(client, world, week_value):
    client.force_login(world.users["dpo"])
    response = client.get(URL, {"week": week_value})
    assert response.status_code == 400
    assert response.context["form"].errors["week"]
    assert "week" not in response.context or response.context.get("week") is None


def test_queries_do_not_grow_with_users_or_entries(client, week, django_assert_max_num_queries):
    client.force_login(week.users["dpo"])
    client.get(URL)
    for i in range(10):
        views(partner(week, f"Extra {i}"), monday(), 3, start=2000 + i * 10)
    with django_assert_max_num_queries(7):
        assert client.get(URL).status_code == 200
