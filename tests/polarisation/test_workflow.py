"""States of a situation: allowed and illegal transitions, reasons, dated history, and the
statuses of interventions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.core.locking import ConcurrentEditError
from livc.polarisation import services, workflow
from livc.polarisation.models import Intervention, Situation

from .conftest import days, record_situation

pytestmark = pytest.mark.django_db
S = Situation.State

ALLOWED = {
    (S.REPORTED, S.DIAGNOSED),
    (S.REPORTED, S.CLOSED),
    (S.DIAGNOSED, S.IN_TREATMENT),
    (S.DIAGNOSED, S.MONITORING),
    (S.DIAGNOSED, S.CLOSED),
    (S.IN_TREATMENT, S.MONITORING),
    (S.IN_TREATMENT, S.CLOSED),
    (S.MONITORING, S.IN_TREATMENT),
    (S.MONITORING, S.CLOSED),
    (S.CLOSED, S.MONITORING),
}


def move(world, situation, to_state, reason=""):
    return services.situation_transition(
        user=world.users["coordinator"],
        situation=situation,
        to_state=to_state,
        version=situation.version,
        reason=reason,
    )


def put_in(situation, state):
    """Put the situation in `state` directly (to test every pair from every state)."""
    closed_on = days(0) if workflow.is_closed(state) else None
    Situation.objects.filter(pk=situation.pk).update(state=state, closed_on=closed_on)
    situation.refresh_from_db()
    return situation


def test_the_table_is_the_designed_one():
    pairs = {(a, b) for a in S.values for b in S.values if workflow.SITUATION.is_allowed(a, b)}
    assert pairs == ALLOWED


@pytest.mark.parametrize("from_state", S.values)
@pytest.mark.parametrize("to_state", S.values)
def test_every_pair(world, from_state, to_state):
    situation = put_in(world.situation, from_state)
    needs_reason = workflow.needs_reason(from_state, to_state)
    reason = "Calm for three months, partners agree." if needs_reason else ""
    if (from_state, to_state) in ALLOWED:
        moved = move(world, situation, to_state, reason)
        assert moved.state == to_state
        row = moved.history.last()
        assert (row.from_state, row.to_state, row.by) == (
            from_state,
            to_state,
            world.users["coordinator"],
        )
        assert row.at is not None
        assert (moved.closed_on is not None) is workflow.is_closed(to_state)
    else:
        with pytest.raises(ValidationError) as error:
            move(world, situation, to_state, reason)
        assert "cannot go from" in str(error.value)
        situation.refresh_from_db()
        assert situation.state == from_state


def test_a_full_life_with_dated_rows(world):
    situation = world.situation
    for to_state, reason in [
        (S.DIAGNOSED, ""),
        (S.IN_TREATMENT, ""),
        (S.MONITORING, "Dialogue took place."),
        (S.CLOSED, "No incidents for six months."),
        (S.MONITORING, "Rumours again after a match."),
    ]:
        situation = move(world, situation, to_state, reason)
    history = list(situation.history.values_list("from_state", "to_state", "reason"))
    assert history == [
        ("", "reported", ""),
        ("reported", "diagnosed", ""),
        ("diagnosed", "in_treatment", ""),
        ("in_treatment", "monitoring", "Dialogue took place."),
        ("monitoring", "closed", "No incidents for six months."),
        ("closed", "monitoring", "Rumours again after a match."),
    ]
    assert situation.closed_on is None
    logged = AccessLogEntry.objects.filter(
        object_type="polarisation_situation", object_id=situation.pk, action="transition"
    ).values_list("reason", flat=True)
    assert list(logged) == [
        "reported→diagnosed",
        "diagnosed→in_treatment",
        "in_treatment→monitoring",
        "monitoring→closed",
        "closed→monitoring",
    ]


@pytest.mark.parametrize("to_state", [S.CLOSED])
def test_closing_needs_a_reason(world, to_state):
    with pytest.raises(ValidationError) as error:
        move(world, world.situation, to_state, reason="  ")
    assert error.value.message_dict == {"reason": ["Say why the situation is closed."]}


def test_reopening_needs_a_reason_and_returns_to_monitoring(world):
    situation = move(world, world.situation, S.CLOSED, "Not a polarisation situation.")
    with pytest.raises(ValidationError) as error:
        move(world, situation, S.MONITORING)
    assert error.value.message_dict == {"reason": ["Say why the situation is reopened."]}
    for elsewhere in (S.REPORTED, S.DIAGNOSED, S.IN_TREATMENT):
        with pytest.raises(ValidationError):
            move(world, situation, elsewhere, "Again.")
    assert move(world, situation, S.MONITORING, "New incidents.").state == S.MONITORING


def test_diagnosed_needs_a_contribution_and_treatment_an_intervention(world):
    bare = record_situation(world)
    with pytest.raises(ValidationError) as error:
        move(world, bare, S.DIAGNOSED)
    assert "to_state" in error.value.message_dict
    services.contribution_add(
        user=world.users["information_officer"],
        situation=bare,
        analysis="Police sees no incidents, only rumours.",
    )
    bare = move(world, bare, S.DIAGNOSED)
    with pytest.raises(ValidationError) as error:
        move(world, bare, S.IN_TREATMENT)
    assert "to_state" in error.value.message_dict
    # The world's situation has a planned intervention; a cancelled one would not count.
    situation = move(world, world.situation, S.DIAGNOSED)
    assert move(world, situation, S.IN_TREATMENT).state == S.IN_TREATMENT


def test_an_unknown_state_is_refused_at_the_field(world):
    with pytest.raises(ValidationError) as error:
        move(world, world.situation, "escalated")
    assert "to_state" in error.value.message_dict


def test_a_stale_version_writes_nothing(world):
    situation = world.situation
    stale = situation.version
    services.situation_update(
        user=world.users["coordinator"], situation=situation, version=stale, intensity=3
    )
    with pytest.raises(ConcurrentEditError):
        services.situation_transition(
            user=world.users["coordinator"],
            situation=situation,
            to_state=S.DIAGNOSED,
            version=stale,
        )
    situation.refresh_from_db()
    assert situation.state == S.REPORTED
    assert situation.history.count() == 1


def test_transitions_are_confirmed_on_their_own_page(client, world):
    client.force_login(world.users["coordinator"])
    situation = world.situation
    detail = client.get(reverse("polarisation:detail", args=[situation.pk]))
    close_url = reverse("polarisation:transition", args=[situation.pk, "closed"])
    assert close_url in detail.content.decode()
    confirm = client.get(close_url)
    assert confirm.status_code == 200
    assert confirm.context["form"].fields["reason"].required
    done = client.post(close_url, {"version": situation.version, "reason": "Calm again."})
    assert done.status_code == 302
    situation.refresh_from_db()
    assert situation.state == S.CLOSED
    # Not a state it may go to now: absent.
    again = reverse("polarisation:transition", args=[situation.pk, "diagnosed"])
    assert client.get(again).status_code == 404
    nonsense = reverse("polarisation:transition", args=[situation.pk, "nonsense"])
    assert client.get(nonsense).status_code == 404


def test_intervention_statuses(world):
    coordinator, intervention = world.users["coordinator"], world.intervention

    def set_status(status):
        return services.intervention_update(
            user=coordinator, intervention=intervention, version=intervention.version, status=status
        )

    assert set_status("ongoing").status == "ongoing"
    with pytest.raises(ValidationError) as error:
        set_status("planned")
    assert "status" in error.value.message_dict
    assert set_status("completed").status == "completed"
    with pytest.raises(ValidationError):
        set_status("cancelled")  # completed is final
    rows = list(intervention.history.values_list("from_state", "to_state"))
    assert rows == [("", "planned"), ("planned", "ongoing"), ("ongoing", "completed")]
    assert Intervention.objects.get().status == "completed"
