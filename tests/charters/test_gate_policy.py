"""The charter gate is a condition of the policies, not only of a URL list: with a charter
pending, nothing case-related of that cell is visible, whichever page or service asks."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from livc.cases import services as case_services
from livc.cases.policies import visible_cases

from .conftest import accept, fresh, publish

pytestmark = pytest.mark.django_db

GATE = "livc.charters.middleware.CharterGateMiddleware"
WITHOUT_MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != GATE]


def test_pending_charter_hides_the_cells_cases_from_the_policy(world):
    partner = world.users["partner"]
    assert world.case in visible_cases(fresh(partner))
    version = publish(world)
    assert not visible_cases(fresh(partner)).exists()
    accept(world, "partner", version)
    assert world.case in visible_cases(fresh(partner))


@override_settings(MIDDLEWARE=WITHOUT_MIDDLEWARE)
def test_deidentified_copy_of_a_note_is_gated(client, world):
    """Found by the review: `/privacy/copies/notes/N/` answered 200 with case content while
    the partner's charter was pending (the gate listed URL namespaces)."""
    note = case_services.note_add(
        user=world.users["coordinator"], case=world.case, text="Gesprek met Jan Peeters."
    )
    publish(world)
    client.force_login(world.users["partner"])
    response = client.get(reverse("cases:note_copy", args=[note.pk]))
    assert response.status_code == 404


@override_settings(MIDDLEWARE=WITHOUT_MIDDLEWARE)
def test_case_page_is_gated_even_without_the_middleware(client, world):
    publish(world)
    client.force_login(world.users["partner"])
    assert client.get(reverse("cases:detail", args=[world.case.pk])).status_code == 404
