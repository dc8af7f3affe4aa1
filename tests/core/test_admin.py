"""The administrator's screens: actions and warnings that go beyond stock Django admin."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from livc.organisations.models import CellMunicipality, Role

from ..factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(member(Role.ADMINISTRATOR, language="en"))
    return client


def test_reset_mfa_forces_enrolment_and_ends_sessions(admin_client, cell):
    user = member(Role.PARTNER, cell)
    elsewhere = Client()
    elsewhere.force_login(user)
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_mfa", "_selected_action": [user.pk]},
        follow=True,
    )
    assert "Two-step verification was reset for 1 user." in response.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()
    assert elsewhere.get("/").status_code == 302


def test_cell_page_warns_about_missing_mandatory_members(admin_client, cell):
    member(Role.COORDINATOR, cell)
    response = admin_client.get(reverse("admin:organisations_cell_change", args=[cell.pk]))
    body = response.content.decode()
    assert "lacks mandatory members" in body
    assert "chair" in body and "information officer" in body


def test_deactivating_a_cell_in_the_admin_frees_its_municipalities(admin_client, cell):
    data = {
        "name": cell.name,
        "code": cell.code,
        "language": cell.language,
        # is_active unchecked
        "areas-TOTAL_FORMS": "0",
        "areas-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:organisations_cell_change", args=[cell.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not CellMunicipality.objects.filter(cell=cell, is_active=True).exists()
