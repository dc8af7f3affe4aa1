"""The roles above the cells never reach a case, signal, conference, case plan,
polarisation situation or subject: every case-work page answers them 404 (DESIGN.md →
Access model), exactly as it answers a record that does not exist."""

import pytest
from django.urls import reverse

from livc.access.errors import NotFound
from livc.cases import services as case_services

from ..polarisation.conftest import record_situation
from .conftest import POLICY_ROLES

pytestmark = pytest.mark.django_db

CASEWORK_PAGES = [
    ("intake:signal_list", None),
    ("intake:signal_create", None),
    ("intake:signal_detail", "signal"),
    ("intake:consultation_list", None),
    ("intake:consultation_create", None),
    ("cases:list", None),
    ("cases:register", None),
    ("cases:detail", "case"),
    ("cases:edit", "case"),
    ("cases:access_log", "case"),
    ("conferences:list", None),
    ("conferences:create", None),
    ("trajectories:my_actions", None),
    ("trajectories:dashboard", None),
    ("trajectories:plan", "case"),
    ("polarisation:list", None),
    ("polarisation:overview", None),
    ("polarisation:detail", "situation"),
    ("subjectaccess:search", None),
    ("subjectaccess:subject", "subject"),
    ("subjectaccess:requests", None),
]


@pytest.fixture
def casework(world):
    world.situation = record_situation(world)
    world.subject = world.signal.subject
    return world


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_roles_above_the_cells_get_404_on_every_case_work_page(client, casework, role):
    client.force_login(casework.users[role])
    for name, obj in CASEWORK_PAGES:
        args = [getattr(casework, obj).pk] if obj else None
        response = client.get(reverse(name, args=args))
        assert response.status_code == 404, f"{role} on {name}: {response.status_code}"


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_roles_above_the_cells_cannot_act_on_a_case(casework, role):
    with pytest.raises(NotFound):
        case_services.note_add(
            user=casework.users[role], case=casework.case, text="Should never be written."
        )


def test_the_pages_exist_for_the_cell(client, casework):
    """The same URLs answer the cell (the coordinator; the register its DPO): the 404s
    above are refusals, not typos."""
    for name, obj in CASEWORK_PAGES:
        role = "dpo" if name == "cases:register" else "coordinator"
        client.force_login(casework.users[role])
        args = [getattr(casework, obj).pk] if obj else None
        response = client.get(reverse(name, args=args))
        assert response.status_code in (200, 302), f"{role} on {name}"
