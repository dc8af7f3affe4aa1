"""The coordinator's cell dashboard: the right items, capped, in a constant number of queries."""

import datetime

import pytest
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.cases import services as case_services
from livc.cases.models import AftercareCheckin, Case
from livc.intake.models import Signal
from livc.intake.services import add_working_days
from livc.organisations.models import Membership, Role
from livc.trajectories import selectors
from livc.trajectories.models import Action, Plan

from ..casework import register_signal
from .conftest import add_action, backdate, days, foreign_case, open_case, today

pytestmark = pytest.mark.django_db
URL = reverse("trajectories:dashboard")

# Dashboard: session, user, memberships; the cell with the 4 section counts (one query);
# the first items of the 4 sections; the access-log entry (one INSERT).
DASHBOARD_QUERIES = 10
# Section page: session, user, memberships; count and page; the access-log entry.
SECTION_QUERIES = 7


def overdue_action(world, case=None, organisation=None, by="coordinator") -> Action:
    action = add_action(world, case=case or world.case, organisation=organisation, by=by)
    return backdate(action, created_days_ago=20, due_days_ago=3)


def signal_due(world, due_on: datetime.date, cell=None, status=Signal.Status.RECEIVED):
    """A signal of the world's cell reported by the partner, or of `cell` by its member."""
    reporter = world.users["partner"] if cell is None else cell.memberships.first().user
    organisation = world.caw if cell is None else cell.memberships.first().organisation
    signal = register_signal(world, reporter, organisation, cell=cell)
    Signal.objects.filter(pk=signal.pk).update(screening_due=due_on, status=status)
    return signal


def plan_review(case, on: datetime.date) -> Plan:
    plan, _created = Plan.objects.update_or_create(
        case=case, defaults={"cell_id": case.cell_id, "next_review_on": on}
    )
    return plan


def in_aftercare(world, case=None, by="coordinator") -> Case:
    case = case or open_case(world)
    for phase in ("active", "aftercare"):
        case_services.case_change_phase(
            user=world.users[by], case=case, to_phase=phase, version=case.version
        )
    return case


def codes(items) -> set[str]:
    return {getattr(item, "reference", None) or item.case.code for item in items}


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


def test_overdue_actions(world, coordinator):
    late = overdue_action(world)
    add_action(world, due_in=3)  # not late yet
    done = overdue_action(world)
    Action.objects.filter(pk=done.pk).update(status=Action.Status.DONE)
    other = foreign_case(world)
    organisation = other.participants.get().organisation
    overdue_action(world, case=other, organisation=organisation, by="foreign_coordinator")
    board = coordinator.get(URL).context["board"]
    assert board.items["actions"] == [late] and board.counts["actions"] == 1


def test_screenings_due_within_five_working_days_or_overdue(world, coordinator):
    Signal.objects.filter(pk=world.signal.pk).update(status=Signal.Status.CASE_OPENED)
    soon = signal_due(world, add_working_days(today(), 5))
    late = signal_due(world, days(-2))
    in_screening = signal_due(world, days(0), status=Signal.Status.IN_SCREENING)
    signal_due(world, add_working_days(today(), 6))  # later
    signal_due(world, days(-2), status=Signal.Status.ADVISED)  # screened
    signal_due(world, days(-2), cell=world.other_cell)  # other cell
    board = coordinator.get(URL).context["board"]
    assert board.items["screenings"] == [late, in_screening, soon]
    assert board.counts["screenings"] == 3


def test_reviews_due_within_fourteen_days_or_past(world, coordinator):
    soon = plan_review(world.case, days(14))
    late = plan_review(open_case(world), days(-30))
    plan_review(open_case(world), days(15))
    plan_review(foreign_case(world), days(1))
    closed = open_case(world)
    case_services.case_close(
        user=world.users["coordinator"],
        case=closed,
        version=closed.version,
        reason="goals_reached",
        outcome="improved",
    )
    plan_review(closed, days(1))  # a closed case needs no review
    board = coordinator.get(URL).context["board"]
    assert board.items["reviews"] == [late, soon] and board.counts["reviews"] == 2


def test_aftercare_checkins_due(world, coordinator):
    case = in_aftercare(world)
    assert case.checkins.count() == 2  # at 6 and 12 months: not due yet
    soon = AftercareCheckin.objects.create(case=case, due_on=days(14))
    late = AftercareCheckin.objects.create(case=case, due_on=days(-3))
    AftercareCheckin.objects.create(case=case, due_on=days(-3), done_on=days(-1))  # done
    AftercareCheckin.objects.create(case=world.case, due_on=days(1))  # not in aftercare
    other = in_aftercare(world, foreign_case(world), by="foreign_coordinator")
    AftercareCheckin.objects.create(case=other, due_on=days(1))  # other cell
    board = coordinator.get(URL).context["board"]
    assert board.items["checkins"] == [late, soon] and board.counts["checkins"] == 2


def test_sections_are_capped_with_a_see_all_count(world, coordinator):
    actions = [overdue_action(world) for _ in range(selectors.DASHBOARD_ITEMS + 2)]
    response = coordinator.get(URL)
    board = response.context["board"]
    assert len(board.items["actions"]) == selectors.DASHBOARD_ITEMS
    assert board.counts["actions"] == len(actions)
    body = response.content.decode()
    see_all = reverse("trajectories:dashboard_section", args=["actions"])
    assert f'{see_all}?cell={world.cell.pk}">See all 12</a>' in body
    page = coordinator.get(see_all, {"cell": world.cell.pk}).context["page"]
    assert list(page) == actions and page.paginator.count == 12


def test_unknown_section_is_absent(coordinator):
    assert coordinator.get(reverse("trajectories:dashboard_section", args=["x"])).status_code == 404


def test_coordinator_of_two_cells_switches(world, client):
    coordinator = world.users["coordinator"]
    city = coordinator.memberships.get().organisation
    Membership.objects.create(
        user=coordinator, role=Role.COORDINATOR, cell=world.other_cell, organisation=city
    )
    other = foreign_case(world)
    organisation = other.participants.get().organisation
    overdue_action(world, case=other, organisation=organisation, by="foreign_coordinator")
    client.force_login(coordinator)
    response = client.get(URL, {"cell": world.other_cell.pk})
    assert response.context["board"].cell == world.other_cell
    assert response.context["board"].counts["actions"] == 1
    assert set(response.context["cells"]) == {world.cell, world.other_cell}
    assert client.get(URL, {"cell": "abc"}).status_code == 404


def test_dashboard_shows_no_free_text(world, coordinator):
    overdue_action(world)
    body = coordinator.get(URL).content.decode()
    assert "Weekly talk" not in body and "Peeters" not in body


def _add_data(world, n: int) -> None:
    for _ in range(n):
        case = open_case(world, organisation=world.caw, members=[world.users["partner"]])
        overdue_action(world, case=case, organisation=world.caw)
        plan_review(case, days(2))
        signal_due(world, days(1))
    AftercareCheckin.objects.bulk_create(
        AftercareCheckin(case=in_aftercare(world), due_on=days(k)) for k in range(n)
    )


def test_dashboard_query_count_is_constant(world, coordinator, django_assert_num_queries):
    _add_data(world, 1)
    coordinator.get(URL)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        coordinator.get(URL)
    _add_data(world, 12)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = coordinator.get(URL)
    board = response.context["board"]
    assert board.counts == {"actions": 13, "screenings": 14, "reviews": 13, "checkins": 13}
    assert all(len(items) == selectors.DASHBOARD_ITEMS for items in board.items.values())


@pytest.mark.parametrize("section", selectors.SECTIONS)
def test_section_query_count_is_constant(world, coordinator, django_assert_num_queries, section):
    url = reverse("trajectories:dashboard_section", args=[section])
    _add_data(world, 1)
    coordinator.get(url)
    with django_assert_num_queries(SECTION_QUERIES):
        coordinator.get(url)
    _add_data(world, 6)
    with django_assert_num_queries(SECTION_QUERIES):
        response = coordinator.get(url)
    assert len(response.context["page"]) >= 6


def test_dashboard_view_is_logged(world, coordinator):
    coordinator.get(URL)
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_type, entry.object_id, entry.cell_id) == (
        "list",
        "plan_dashboard",
        world.cell.pk,
        world.cell.pk,
    )


def test_counts_stop_at_the_cap():
    from livc.trajectories.selectors import COUNT_CAP, Dashboard

    board = Dashboard(cell=None, counts={"actions": COUNT_CAP + 1, "reviews": COUNT_CAP}, items={})
    assert board.count_labels == {"actions": f"{COUNT_CAP}+", "reviews": str(COUNT_CAP)}
