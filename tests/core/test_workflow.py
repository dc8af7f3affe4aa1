import pytest
from django.core.exceptions import ValidationError
from django.db import models

from livc.core.workflow import Workflow


class Light(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    OFF = "off", "Off"


FLOW = Workflow(
    Light, {Light.RED: {Light.GREEN}, Light.GREEN: {Light.AMBER}, Light.AMBER: {Light.RED}}
)


def test_allowed_and_refused_transitions():
    assert FLOW.is_allowed("red", "green")
    assert not FLOW.is_allowed("red", "amber")
    assert FLOW.allowed_next(Light.GREEN) == {"amber"}
    assert FLOW.is_final("off")


def test_check_names_both_states():
    FLOW.check("amber", "red")
    with pytest.raises(ValidationError) as refused:
        FLOW.check("red", "amber")
    assert "Red" in refused.value.messages[0] and "Amber" in refused.value.messages[0]


def test_unknown_states_are_a_programming_error():
    with pytest.raises(ValueError, match="blue"):
        Workflow(Light, {Light.RED: {"blue"}})


def test_transition_rows_label_their_states():
    from livc.polarisation.models import Situation, StateChange

    row = StateChange(from_state=Situation.State.REPORTED, to_state="gone")
    assert row.from_label() == str(Situation.State.REPORTED.label)
    assert row.to_label() == "gone"  # a state since removed reads as stored
    assert str(row) == "reported → gone"
