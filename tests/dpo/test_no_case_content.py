"""The DPO screens show codes, ids, dates, roles, organisations and counts: never a name
of a subject, never free text of a case."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from livc.audit.services import seal
from livc.cases import services as case_services
from livc.intake.services import Identity
from livc.trajectories import services as plan_services

from ..casework import register_signal

pytestmark = pytest.mark.django_db

SECRETS = [
    "Zebulon", "Quackenbush", "1999-04-01", "Marmalade conspiracy in the gym",
    "Xylophone assessment of the young person", "Buy him a periscope", "Outside our mission",
    "Talks about violence at school",
]  # fmt: skip
PAGES = ["home", "access_log", "statistics", "integrity", "register"]


@pytest.fixture
def lived_in(world):
    users = world.users
    identity = Identity("Zebulon", "Quackenbush", datetime.date(1999, 4, 1), "", None)
    signal = register_signal(world, users["partner"], world.caw, identity=identity)
    case = case_services.case_open(
        user=users["coordinator"],
        subject=signal.subject,
        phenomenon="other",
        prevention_level="primary",
    )
    case_services.note_add(
        user=users["coordinator"], case=case, text="Xylophone assessment of the young person"
    )
    case_services.case_viewed(user=users["coordinator"], case=case)
    case_services.participant_invite(
        user=users["coordinator"], case=case, organisation=world.caw, members=[users["partner"]]
    )
    plan_services.create_action(
        user=users["coordinator"],
        case=case,
        organisation=world.caw,
        description="Buy him a periscope",
        due_on=datetime.date.today() + datetime.timedelta(days=3),
    )
    signal.observation = "Marmalade conspiracy in the gym"
    signal.save(update_fields=["observation"])
    seal(grace=datetime.timedelta(0))
    world.secret_case = case
    return world


def test_the_secrets_are_really_there_for_the_coordinator(client, lived_in):
    client.force_login(lived_in.users["coordinator"])
    body = client.get(reverse("cases:detail", args=[lived_in.secret_case.pk])).content.decode()
    assert "Zebulon" in body and "Xylophone assessment" in body


@pytest.mark.parametrize("page", PAGES)
def test_no_case_content_on_dpo_pages(client, lived_in, page):
    client.force_login(lived_in.users["dpo"])
    response = client.get(reverse(f"dpo:{page}"))
    assert response.status_code == 200
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body, f"{secret!r} on {page}"


def test_no_case_content_in_the_csv_and_the_pdf(client, lived_in):
    client.force_login(lived_in.users["dpo"])
    csv = b"".join(client.get(reverse("dpo:access_log_export")).streaming_content).decode()
    assert lived_in.case.code in csv  # references are there, content is not
    for secret in SECRETS:
        assert secret not in csv
    pdf = client.get(reverse("dpo:register_pdf")).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Register of processing" in text
    for secret in SECRETS:
        assert secret not in text
