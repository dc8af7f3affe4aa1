"""End to end: the export holds every record of the subject, and nobody else's."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from livc.audit.models import AccessLogEntry
from livc.subjectaccess.coverage import COVERED
from livc.subjectaccess.export import subject_data

from .conftest import IDENTITY, OTHER_TEXTS, TEXTS, national_number

pytestmark = pytest.mark.django_db


def resolve(data, path: str) -> list:
    """The values at `path` ("cases[].plan.goals"): `[]` walks every element of a list."""
    values = [data]
    for step in path.split("."):
        many = step.endswith("[]")
        key = step.removesuffix("[]")
        values = [v[key] for v in values if isinstance(v, dict) and v.get(key) is not None]
        if many:
            values = [item for v in values for item in v]
    return values


def export_json(client, world, subject=None, **params):
    client.force_login(world.users["coordinator"])
    subject = subject or world.rich_subject
    return client.get(reverse("subjectaccess:export_json", args=[subject.pk]), params)


def test_json_export_holds_every_free_text_and_the_identity(client, rich_world):
    response = export_json(client, rich_world)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    missing = [key for key, text in TEXTS.items() if text not in body]
    assert not missing
    data = json.loads(body)
    first, last, born = IDENTITY
    assert (
        data["identity"].items()
        >= {
            "first_name": first,
            "last_name": last,
            "birth_date": born.isoformat(),
            "national_number": national_number(born),
        }.items()
    )
    case = data["cases"][0]
    assert case["code"] == rich_world.rich_case.code
    assert case["closure_reason"]["code"] == "goals_reached"
    assert case["consent"]["code"] == "given"
    assert case["case_director"] == rich_world.users["partner"].full_name
    police = next(p for p in case["participants"] if p["organisation"] == "Police zone")
    assert police["status"]["code"] == "declined"
    assert police["members"] == [rich_world.users["information_officer"].full_name]
    assert [p["to"]["code"] for p in case["phases"]] == [
        "preparation", "active", "aftercare", "closed",
    ]  # fmt: skip
    assert case["conference_items"][0]["invitations"][0]["user"] == (
        rich_world.users["partner"].full_name
    )
    assert data["signals"][0]["consultation"]["question"] == TEXTS["question"]
    assert data["requests"][0]["decision"]["code"] == "refused"


def test_json_export_holds_nothing_of_another_subject(client, rich_world):
    body = export_json(client, rich_world).content.decode()
    for text in OTHER_TEXTS.values():
        assert text not in body
    assert rich_world.other_case.code not in body
    assert rich_world.case.code not in body  # the world's first case, another subject
    assert "Claes" not in body and "Peeters" not in body


def test_every_declared_section_is_filled_for_a_complete_subject(rich_world):
    """The coverage declaration is honest: each path holds data in a real export."""
    data = subject_data(rich_world.rich_subject)
    empty = [label for label, path in COVERED.items() if not any(resolve(data, path))]
    assert not empty


def test_export_is_logged_and_lists_itself(client, rich_world):
    subject = rich_world.rich_subject
    data = json.loads(export_json(client, rich_world).content)
    entry = AccessLogEntry.objects.filter(action="export", object_type="subject").get()
    assert entry.object_id == subject.pk
    assert entry.user_id == rich_world.users["coordinator"].pk
    assert entry.cell_id == rich_world.cell.pk and entry.role == "coordinator"
    assert entry.reason == "subject access export (json)"
    assert data["access_log"][-1]["action"]["code"] == "export"
    assert data["access_log"][-1]["record_type"] == "subject"


def test_access_log_section_covers_the_subjects_records_only(client, rich_world):
    data = json.loads(export_json(client, rich_world).content)
    types = {e["record_type"] for e in data["access_log"]}
    # Case parts (by case id), the signal and consultation (by id), the request, itself.
    assert {"case", "note", "participant", "checkin", "plan", "goal", "action",
            "progress_note", "review", "minutes", "conference_item", "signal",
            "consultation", "subject_request", "subject", "legal_hold"} <= types  # fmt: skip
    records = {e["record"] for e in data["access_log"]}
    assert rich_world.other_case.code not in records
    assert rich_world.case.code not in records
    assert rich_world.signal.reference not in records  # the other subject's signal
    assert all(e["user"] for e in data["access_log"])


def test_pdf_export_shows_the_records(client, rich_world):
    client.force_login(rich_world.users["coordinator"])
    url = reverse("subjectaccess:export_pdf", args=[rich_world.rich_subject.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for expected in (
        "Maes",
        national_number(IDENTITY[2]),
        rich_world.rich_case.code,
        TEXTS["observation"],
        TEXTS["assessment"],
        TEXTS["decisions"],
        TEXTS["progress"],
        TEXTS["decline_reason"],
    ):
        assert expected in text, expected
    for other in (*OTHER_TEXTS.values(), "Claes", rich_world.other_case.code):
        assert other not in text
    assert AccessLogEntry.objects.filter(
        action="export", object_type="subject", reason="subject access export (pdf)"
    ).exists()


def test_export_linked_to_an_access_request_names_it_in_the_log(client, rich_world):
    from livc.subjectaccess import services

    request = services.request_create(
        user=rich_world.users["coordinator"], cell=rich_world.cell, kind="access",
        received_on=rich_world.rich_request.received_on, description="Copy of my file",
        subject=rich_world.rich_subject,
    )  # fmt: skip
    assert export_json(client, rich_world, request=request.pk).status_code == 200
    entry = AccessLogEntry.objects.get(action="export", object_type="subject")
    assert entry.object_ref == request.reference
    assert entry.reason.endswith(f"for {request.reference}")
    # A request of another person, or nonsense, is absent.
    other = services.request_create(
        user=rich_world.users["coordinator"], cell=rich_world.cell, kind="access",
        received_on=request.received_on, description="Mine", subject=rich_world.other_subject,
    )  # fmt: skip
    assert export_json(client, rich_world, request=other.pk).status_code == 404
    assert export_json(client, rich_world, request="x1").status_code == 404
    assert AccessLogEntry.objects.filter(action="export").count() == 1


def test_export_of_a_subject_with_a_bare_signal(client, world):
    """A signal still in screening: no case, no plan; the export still works."""
    data = json.loads(export_json(client, world, subject=world.signal.subject).content)
    assert data["cases"][0]["plan"] is None
    assert data["signals"][0]["consultation"] is None
    assert data["requests"] == []


def test_a_re_signal_record_exports_the_case_it_joined(client, rich_world):
    """The person's second subject record (a re-signal screened into their case)."""
    again = rich_world.rich_case.signals.exclude(subject=rich_world.rich_subject).get().subject
    data = json.loads(export_json(client, rich_world, subject=again).content)
    assert data["identity"]["record_id"] == again.pk
    assert [c["code"] for c in data["cases"]] == [rich_world.rich_case.code]
    assert {s["observation"] for s in data["signals"]} == {TEXTS["observation"], TEXTS["resignal"]}
    assert data["requests"] == []  # recorded against the first record
    assert data["legal_holds"] and data["tombstones"]
