"""Statuses of plans, measures and recommendations: the tables of allowed changes, the
reasons they need, and a dated row per change."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from livc.policy import services, workflow
from livc.policy.models import Measure, Plan, Recommendation

from .conftest import measure_data, plan_data, today

pytestmark = pytest.mark.django_db

S = Measure.Status
ALLOWED = {
    (S.PLANNED, S.ONGOING),
    (S.PLANNED, S.DELAYED),
    (S.PLANNED, S.ABANDONED),
    (S.ONGOING, S.IMPLEMENTED),
    (S.ONGOING, S.DELAYED),
    (S.ONGOING, S.ABANDONED),
    (S.DELAYED, S.ONGOING),
    (S.DELAYED, S.ABANDONED),
}


def test_the_measure_table_is_what_the_design_says():
    pairs = {
        (a, b)
        for a, b in itertools.product(S.values, S.values)
        if workflow.MEASURE.is_allowed(a, b)
    }
    assert pairs == ALLOWED
    assert workflow.measure_is_final(S.IMPLEMENTED) and workflow.measure_is_final(S.ABANDONED)
    assert not workflow.measure_is_final(S.DELAYED)


def _measure_in(world, status: str) -> Measure:
    """A fresh measure of the Flemish plan brought to `status` by the officer."""
    officer = world.users["flemish_officer"]
    measure = services.measure_add(
        user=officer, plan=world.plan, **measure_data(world, code=f"9.{status}")
    )
    measure.plan = world.plan
    path = {
        S.PLANNED: [],
        S.ONGOING: [S.ONGOING],
        S.DELAYED: [S.DELAYED],
        S.IMPLEMENTED: [S.ONGOING, S.IMPLEMENTED],
        S.ABANDONED: [S.ABANDONED],
    }[status]
    for to in path:
        services.measure_transition(
            user=officer, measure=measure, to_status=to, version=measure.version, reason="Why."
        )
    return measure


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(S.values, S.values)))
def test_every_measure_transition_is_allowed_or_refused_with_a_message(
    world, from_status, to_status
):
    if from_status == to_status:
        return
    measure = _measure_in(world, from_status)
    officer = world.users["flemish_officer"]
    call = lambda: services.measure_transition(  # noqa: E731
        user=officer,
        measure=measure,
        to_status=to_status,
        version=measure.version,
        reason="The partners asked for more time.",
    )
    if (from_status, to_status) in ALLOWED:
        call()
        measure.refresh_from_db()
        assert measure.status == to_status
        last = measure.history.last()
        assert (last.from_state, last.to_state, last.by) == (from_status, to_status, officer)
        assert (measure.closed_on is not None) is workflow.measure_is_final(to_status)
    else:
        with pytest.raises(ValidationError, match="cannot go from"):
            call()
        measure.refresh_from_db()
        assert measure.status == from_status


@pytest.mark.parametrize("to_status", [S.DELAYED, S.ABANDONED])
def test_delayed_and_abandoned_need_a_reason(world, to_status):
    measure = _measure_in(world, S.ONGOING)
    with pytest.raises(ValidationError) as error:
        services.measure_transition(
            user=world.users["owner"],
            measure=measure,
            to_status=to_status,
            version=measure.version,
            reason="   ",
        )
    assert "reason" in error.value.error_dict
    # and the database says the same
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(status=to_status, status_reason="")


def test_a_delayed_measure_resumes_and_its_reason_is_kept_in_the_history(world):
    measure = _measure_in(world, S.ONGOING)
    officer = world.users["flemish_officer"]
    services.measure_transition(
        user=officer,
        measure=measure,
        to_status=S.DELAYED,
        version=measure.version,
        reason="Tender postponed.",
    )
    assert measure.status_reason == "Tender postponed."
    services.measure_transition(
        user=officer, measure=measure, to_status=S.ONGOING, version=measure.version
    )
    measure.refresh_from_db()
    assert (measure.status, measure.status_reason, measure.closed_on) == (S.ONGOING, "", None)
    assert list(measure.history.values_list("to_state", "reason")) == [
        ("planned", ""),
        ("ongoing", "Why."),
        ("delayed", "Tender postponed."),
        ("ongoing", ""),
    ]


def test_a_stale_version_changes_nothing(world):
    measure = _measure_in(world, S.ONGOING)
    stale = measure.version - 1
    with pytest.raises(Exception, match="Someone else"):
        services.measure_transition(
            user=world.users["flemish_officer"],
            measure=measure,
            to_status=S.IMPLEMENTED,
            version=stale,
        )
    measure.refresh_from_db()
    assert measure.status == S.ONGOING
    assert measure.history.count() == 2


def test_plan_table_and_its_rules(world):
    P = Plan.Status
    assert workflow.plan_targets(P.DRAFT) == [P.ADOPTED]
    assert workflow.plan_targets(P.ADOPTED) == [P.CLOSED]
    assert workflow.plan_targets(P.CLOSED) == [P.ADOPTED]
    officer = world.users["flemish_officer"]
    draft = services.plan_create(user=officer, **plan_data(approved_on=None, title="Draft plan"))
    with pytest.raises(ValidationError, match="approval date"):
        services.plan_transition(user=officer, plan=draft, to_status=P.ADOPTED, version=1)
    with pytest.raises(ValidationError, match="cannot go from"):
        services.plan_transition(user=officer, plan=draft, to_status=P.CLOSED, version=1)
    services.plan_update(user=officer, plan=draft, version=1, approved_on=today())
    services.plan_transition(user=officer, plan=draft, to_status=P.ADOPTED, version=draft.version)
    assert list(draft.history.values_list("from_state", "to_state")) == [
        ("", "draft"),
        ("draft", "adopted"),
    ]
    with pytest.raises(ValidationError, match="keeps its approval date"):
        services.plan_update(user=officer, plan=draft, version=draft.version, approved_on=None)


def test_recommendation_follow_up(world):
    F = Recommendation.FollowUp
    officer = world.users["flemish_officer"]
    rec = world.recommendation
    with pytest.raises(ValidationError) as error:
        services.recommendation_update(
            user=officer, recommendation=rec, version=rec.version, follow_up=F.NOT_FOLLOWED
        )
    assert "follow_up_note" in error.value.error_dict
    services.recommendation_update(
        user=officer, recommendation=rec, version=rec.version, follow_up=F.IN_PROGRESS
    )
    services.recommendation_update(
        user=officer,
        recommendation=rec,
        version=rec.version,
        follow_up=F.NOT_FOLLOWED,
        follow_up_note="The budget went to the mobile team instead.",
    )
    with pytest.raises(ValidationError) as error:
        services.recommendation_update(
            user=officer, recommendation=rec, version=rec.version, follow_up=F.FOLLOWED
        )
    assert "cannot go from" in str(error.value)
    assert list(rec.history.values_list("to_state", flat=True)) == [
        "open",
        "in_progress",
        "not_followed",
    ]


def test_an_update_moves_the_measure_and_needs_a_reason_to_delay_it(world):
    from .conftest import current_period

    owner, measure = world.users["owner"], world.m1
    measure.plan = world.plan
    with pytest.raises(ValidationError) as error:
        services.progress_update_submit(
            user=owner,
            measure=measure,
            period=current_period(),
            status=S.DELAYED,
            narrative="The call was postponed.",
        )
    assert "reason" in error.value.error_dict
    assert not measure.updates.filter(year=current_period().year, half=current_period().half)
    with pytest.raises(ValidationError) as error:
        services.progress_update_submit(
            user=owner,
            measure=measure,
            period=current_period(),
            status=S.PLANNED,
            narrative="Back to the drawing board.",
        )
    assert "cannot go from" in str(error.value)
    services.progress_update_submit(
        user=owner,
        measure=measure,
        period=current_period(),
        status=S.DELAYED,
        narrative="The call was postponed.",
        reason="The call for projects moved to next year.",
    )
    measure.refresh_from_db()
    assert measure.status == S.DELAYED
    assert measure.history.last().by == owner
