"""The register of processing: generated from configuration and the cell's data."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from livc.audit.models import AccessLogEntry
from livc.dpo.register import encrypted_fields
from livc.organisations.models import Membership, Role

from ..factories import CellFactory

pytestmark = pytest.mark.django_db

URL = reverse("dpo:register")


def test_categories_of_data_follow_the_models():
    categories = {c.record: c.fields for c in encrypted_fields()}
    assert "National register number" in categories["Subject"]
    assert "What was observed" in categories["Signal"]


def test_the_register_of_a_cell(client, world, settings):
    settings.LIVC_RETENTION_CLOSED_CASE_MONTHS = 84
    client.force_login(world.users["coordinator"])
    response = client.get(URL)
    assert response.status_code == 200
    register = response.context["register"]
    assert register.cell == world.cell
    assert register.dpos == [(world.users["dpo"].full_name, world.users["dpo"].email)]
    assert register.chairs == [world.users["chair"].full_name]
    recipients = {r.label: r for r in register.recipients}
    police = recipients["local police"]
    assert (police.member_organisations, police.participating_organisations, police.cases) == (
        1,
        1,
        1,
    )
    assert recipients["OCMW / CPAS (public social welfare centre)"].cases == 0  # declined
    assert dict(register.persons)["Persons discussed (subjects of signals and cases)"] == 1
    body = response.content.decode()
    for text in ("GDPR art. 6(1)(e)", "84 months after closure", "None outside the European"):
        assert text in body
    assert "Mechelen" in body  # the municipality served (NIS 12025)


def test_the_register_pdf(client, world):
    client.force_login(world.users["dpo"])
    response = client.get(reverse("dpo:register_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Register of processing" in text and "Security measures" in text
    entry = AccessLogEntry.objects.get(object_type="processing_register")
    assert (entry.action, entry.object_id) == ("export", world.cell.pk)


def test_a_coordinator_of_two_cells_switches(client, world):
    second = CellFactory()
    coordinator = world.users["coordinator"]
    Membership.objects.create(
        user=coordinator, role=Role.COORDINATOR, cell=second, organisation=world.caw
    )
    client.force_login(coordinator)
    first = client.get(URL)
    assert len(first.context["cells"]) == 2
    other = client.get(URL, {"cell": second.pk})
    assert other.context["register"].cell == second
    assert other.context["register"].dpos == []
    assert "No data protection officer is a member of this cell yet." in other.content.decode()


def test_query_count_is_fixed(client, world, django_assert_max_num_queries):
    client.force_login(world.users["dpo"])
    client.get(URL)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_the_cells_own_retention_term(client, world):
    models = pytest.importorskip("livc.retention.models")
    models.RetentionOverride.objects.create(cell=world.cell, closed_case_months=36)
    client.force_login(world.users["dpo"])
    body = client.get(URL).content.decode()
    assert "36 months after closure (set by the cell; the default is 60 months)" in body
    assert "12 months after screening" in body and "the default is 12 months" not in body
