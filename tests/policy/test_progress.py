"""Half-yearly updates: which half-years a measure owes, when they are due, and how late
ones are flagged on the list of late updates, on the plan, and on the owner's view."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livc.policy import progress, selectors, services
from livc.policy.periods import HalfYear, periods_between

from .conftest import current_period, today

pytestmark = pytest.mark.django_db


def test_half_years_and_their_due_dates():
    first = HalfYear(2025, 1)
    assert (first.start, first.end, first.due_on) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 6, 30),
        datetime.date(2025, 7, 31),
    )
    second = first.next()
    assert second.code == "2025-H2" and second.due_on == datetime.date(2026, 1, 31)
    assert second.next() == HalfYear(2026, 1) and first.previous() == HalfYear(2024, 2)
    assert periods_between(datetime.date(2024, 12, 31), datetime.date(2025, 7, 1)) == [
        HalfYear(2024, 2),
        HalfYear(2025, 1),
        HalfYear(2025, 2),
    ]


def test_a_measure_owes_one_update_per_half_year_it_runs(world):
    plan, m1 = world.plan, world.m1
    year = today().year
    owed = progress.owed_periods(m1, plan, today())
    assert owed[0] == HalfYear(year - 1, 1) and owed[-1] == current_period()
    # a measure that starts later owes from its start; one that ended owes until its end
    m1.starts_on, m1.ends_on = datetime.date(year - 1, 8, 1), datetime.date(year - 1, 9, 30)
    assert progress.owed_periods(m1, plan, today()) == [HalfYear(year - 1, 2)]
    # implemented or abandoned: owed up to the half-year in which that happened
    m1.starts_on, m1.ends_on, m1.closed_on = None, None, datetime.date(year - 1, 3, 1)
    assert progress.owed_periods(m1, plan, today()) == [HalfYear(year - 1, 1)]
    # a draft or a closed plan owes nothing
    plan.status = "draft"
    assert progress.owed_periods(m1, plan, today()) == []


def test_slots_flag_written_late_and_overdue_updates(world):
    updates = list(world.m1.updates.all())
    slots = progress.slots(world.m1, world.plan, updates, today())
    by_period = {s.period: s for s in slots}
    first = HalfYear(today().year - 1, 1)
    assert by_period[first].submitted and not by_period[first].submitted_late
    assert by_period[first.next()].submitted_late and by_period[first.next()].days_late == 10
    third = first.next().next()
    assert by_period[third].overdue
    assert by_period[third].days_late == (today() - third.due_on).days
    assert by_period[current_period()].awaiting and not by_period[current_period()].overdue


def test_an_update_written_after_its_due_date_is_kept_and_marked_late(world):
    third = HalfYear(today().year, 1)
    update = services.progress_update_submit(
        user=world.users["owner"],
        measure=world.m1,
        period=third,
        status="ongoing",
        narrative="Catching up.",
    )
    assert update.is_late and update.due_on == third.due_on
    entry = world.m1.updates.get(pk=update.pk)
    assert entry.submitted_on == today()


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2030-H1", "No update is owed"),
        ("1999-H2", "No update is owed"),
        ("garbage", "Choose a half-year"),
    ],
)
def test_updates_only_for_owed_half_years(world, period, message):
    with pytest.raises(ValidationError, match=message):
        services.progress_update_submit(
            user=world.users["owner"],
            measure=world.m1,
            period=period,
            status="ongoing",
            narrative="x",
        )


def test_one_update_per_half_year(world):
    first = HalfYear(today().year - 1, 1)
    with pytest.raises(ValidationError, match="already written"):
        services.progress_update_submit(
            user=world.users["owner"],
            measure=world.m1,
            period=first,
            status="ongoing",
            narrative="Again.",
        )


def test_the_narrative_may_not_identify_a_person(world):
    with pytest.raises(ValidationError) as error:
        services.progress_update_submit(
            user=world.users["owner"],
            measure=world.m1,
            period=current_period(),
            status="ongoing",
            narrative="Coaching given by Jan Peeters (0478 12 34 56).",
        )
    assert "narrative" in error.value.error_dict


def test_the_late_updates_list(client, world):
    late = selectors.overdue_updates(user=world.users["flemish_officer"], today=today())
    m2_owed = progress.owed_periods(world.m2, world.plan, today())
    expected = {(world.m1.pk, HalfYear(today().year, 1))} | {
        (world.m2.pk, p) for p in m2_owed if p.due_on < today()
    }
    assert {(row.measure.pk, row.period) for row in late} == expected
    assert [row.due_on for row in late] == sorted(row.due_on for row in late)
    client.force_login(world.users["flemish_officer"])
    response = client.get(reverse("policy:overdue"))
    assert response.context["total"] == len(expected)
    body = response.content.decode()
    assert world.m2.title in body and world.users["other_owner"].full_name in body
    # one plan at a time; a plan outside one's area is absent
    assert client.get(reverse("policy:overdue"), {"plan": world.plan.pk}).status_code == 200
    assert client.get(reverse("policy:overdue"), {"plan": world.federal_plan.pk}).status_code == 404


def test_the_owner_sees_their_late_updates(client, world):
    client.force_login(world.users["owner"])
    response = client.get(reverse("policy:my_measures"))
    rows = response.context["rows"]
    assert [row.measure.pk for row in rows] == [world.m1.pk]
    assert rows[0].late and response.context["n_late"] == 1
    body = response.content.decode()
    assert "1 update is late." in body
    write = reverse("policy:update_submit", args=[world.m1.pk])
    assert f"{write}?period={HalfYear(today().year, 1).code}" in body
    detail = client.get(reverse("policy:measure_detail", args=[world.m1.pk]))
    assert detail.context["overdue"] == 1
    assert {s.period for s in detail.context["writable"]} == {
        HalfYear(today().year, 1),
        current_period(),
    }


def test_the_plan_shows_late_updates_per_measure(client, world):
    client.force_login(world.users["supervisor"])
    response = client.get(reverse("policy:plan_detail", args=[world.plan.pk]))
    rows = {row.measure.pk: row for node in response.context["tree"] for row in node.measures}
    assert rows[world.m1.pk].overdue == 1
    assert response.context["n_overdue"] == sum(row.overdue for row in rows.values())


def test_writing_the_update_through_the_page(client, world):
    client.force_login(world.users["owner"])
    url = reverse("policy:update_submit", args=[world.m1.pk])
    third = HalfYear(today().year, 1)
    page = client.get(url, {"period": third.code})
    assert page.context["late"] is True
    response = client.post(
        f"{url}?period={third.code}",
        {
            "status": "ongoing",
            "narrative": "Coaching went on in all cells.",
            "indicator_value": "120.5",
            "spending": "60000",
            "version": world.m1.version,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    update = world.m1.updates.get(year=third.year, half=third.half)
    assert str(update.indicator_value) == "120.50" and update.is_late
    # written: the page for that half-year is gone
    assert client.get(url, {"period": third.code}).status_code == 404
