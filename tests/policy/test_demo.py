"""The demo's action plans: the Flemish plan of 2015 (11 axes, 40 placeholder measures) and
the plan 2020-2024 (the objectives the source documents list), through the services, with
users for every role above the cells, every measure state and some late updates."""

import pytest
from django.utils import timezone

from livc.organisations.models import ABOVE_CELL_ROLES, Membership
from livc.policy import selectors
from livc.policy.demo import OBJECTIVES_2020, PLACEHOLDER, PLAN_2015, PLAN_2020, seed_policy
from livc.policy.models import Measure, Plan
from livc.site.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_plans_follow_the_source_documents_and_say_what_is_a_placeholder():
    accounts = seed_demo()  # calls seed_policy
    assert {a.role for a in accounts} >= set(ABOVE_CELL_ROLES)
    plan_2015 = Plan.objects.get(title=PLAN_2015["title"])
    assert plan_2015.approved_on.isoformat() == "2015-04-03"
    assert plan_2015.responsible_body == "Vlaams Platform Radicalisering"
    axes = list(plan_2015.objectives.order_by("position"))
    assert len(axes) == 11 and {a.kind for a in axes} == {"axis"}
    assert plan_2015.measures.count() == 40
    assert all(PLACEHOLDER in a.title for a in axes)
    assert all(PLACEHOLDER in m.title for m in plan_2015.measures.all())
    assert PLACEHOLDER in plan_2015.description

    plan_2020 = Plan.objects.get(title=PLAN_2020["title"])
    assert plan_2020.decision_reference == "VR 2020 1707 MED.0257/1BIS"
    objectives = list(plan_2020.objectives.order_by("position"))
    assert [o.title for o in objectives] == OBJECTIVES_2020
    assert {o.kind for o in objectives} == {"strategic"}
    assert all(PLACEHOLDER in m.title for m in plan_2020.measures.all())

    assert set(Measure.objects.values_list("status", flat=True)) == set(Measure.Status.values)
    assert set(plan_2020.measures.values_list("status", flat=True)) == set(Measure.Status.values)
    # every measure's history starts planned and ends in its status
    for measure in Measure.objects.all():
        rows = list(measure.history.values_list("to_state", flat=True))
        assert rows[0] == "planned" and rows[-1] == measure.status


def test_demo_has_late_updates_and_updates_written_late():
    seed_demo()
    officer = Membership.objects.get(role="policy_officer", region__nis_code="02000").user
    late = selectors.overdue_updates(user=officer, today=timezone.localdate())
    assert 3 <= len(late) <= 10
    assert {row.measure.plan.title for row in late} == {PLAN_2020["title"]}
    plan_2020 = Plan.objects.get(title=PLAN_2020["title"])
    updates = [u for m in plan_2020.measures.all() for u in m.updates.all()]
    assert any(u.is_late for u in updates) and any(not u.is_late for u in updates)
    owners = {m.user for m in Membership.objects.filter(role="measure_owner")}
    assert len(owners) == 3
    assert all(selectors.my_measures(user=owner, today=timezone.localdate()) for owner in owners)


def test_seed_policy_is_idempotent():
    seed_demo()
    counts = (Plan.objects.count(), Measure.objects.count())
    assert seed_policy() == 0
    seed_demo()
    assert (Plan.objects.count(), Measure.objects.count()) == counts
