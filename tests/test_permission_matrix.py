"""Every role × every view of Part A: allowed (200) or refused (404, looks like absence)."""

import pytest
from django.urls import reverse

from livc.organisations.models import Role

from .factories import UserFactory

pytestmark = pytest.mark.django_db

EVERYONE = set(Role) | {"superuser"}
ADMINISTRATORS = {Role.ADMINISTRATOR, "superuser"}

# view name, kwargs builder, roles allowed
VIEWS = [
    ("home", None, EVERYONE),
    ("logout_everywhere", None, EVERYONE),
    ("mfa_index", None, EVERYONE),
    ("account_change_password", None, EVERYONE),
    ("admin:index", None, ADMINISTRATORS),
    ("admin:accounts_user_changelist", None, ADMINISTRATORS),
    ("admin:organisations_cell_changelist", None, ADMINISTRATORS),
    ("admin:organisations_cell_change", lambda ctx: [ctx["cell"].pk], ADMINISTRATORS),
    ("admin:organisations_organisation_changelist", None, ADMINISTRATORS),
    ("admin:organisations_membership_changelist", None, ADMINISTRATORS),
    ("admin:organisations_municipality_changelist", None, ADMINISTRATORS),
]
ROLES = [*Role, "superuser"]


@pytest.fixture
def actors(role_users):
    return {**role_users, "superuser": UserFactory(is_superuser=True)}


@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize(("view", "args", "allowed"), VIEWS, ids=[v[0] for v in VIEWS])
def test_permission_matrix(client, actors, cell, role, view, args, allowed):
    client.force_login(actors[role])
    url = reverse(view, args=args({"cell": cell}) if args else None)
    response = client.get(url)
    expected = 200 if role in allowed else 404
    assert response.status_code == expected, f"{role} on {view}"


def test_mfa_secrets_are_not_in_the_admin(client, actors):
    client.force_login(actors["superuser"])
    assert client.get("/admin/mfa/authenticator/").status_code == 404
