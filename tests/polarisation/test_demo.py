"""The demo's situations: two or three per demo cell, through the services, idempotent."""

import pytest

from livc.polarisation.demo import seed_polarisation
from livc.polarisation.models import Situation
from livc.site.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_situations_are_seeded_once_in_every_state_they_need():
    seed_demo()  # calls seed_polarisation
    per_cell = {
        code: Situation.objects.filter(cell__code=code).count() for code in ("MEC", "VMZ", "VER")
    }
    assert all(2 <= n <= 3 for n in per_cell.values()), per_cell
    states = set(Situation.objects.values_list("state", flat=True))
    assert {"reported", "diagnosed", "in_treatment", "monitoring", "closed"} <= states
    # every situation's history starts with its report and ends in its state
    for situation in Situation.objects.all():
        rows = list(situation.history.values_list("to_state", flat=True))
        assert rows[0] == "reported" and rows[-1] == situation.state
    assert seed_polarisation() == 0
    assert sum(per_cell.values()) == Situation.objects.count()
