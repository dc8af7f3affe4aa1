"""Finding a person: exact details through the blind indexes, within the coordinator's
cells only, by POST, and every search in the access log."""

import pytest
from django.urls import reverse

from livc.audit.models import AccessLogEntry

from .conftest import IDENTITY, national_number

pytestmark = pytest.mark.django_db

NOT_HELD = "No person matching these details is held by your cell."
URL = "/subject-access/"


def search(client, user, **data):
    client.force_login(user)
    return client.post(reverse("subjectaccess:search"), data)


def by_name(first="Jan", last="Peeters", born="2005-03-14"):
    return {"first_name": first, "last_name": last, "birth_date": born}


def test_search_page_posts_the_details(client, world):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("subjectaccess:search"))
    assert reverse("subjectaccess:search") == URL
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()


def test_name_and_birth_date_find_the_subject_whatever_the_spelling(client, world):
    response = search(client, world.users["coordinator"], **by_name(" jan ", "PEETERS"))
    assert response.status_code == 200
    assert response.context["found"] == [world.signal.subject]
    body = response.content.decode()
    assert reverse("subjectaccess:subject", args=[world.signal.subject.pk]) in body
    assert world.case.code in body and world.signal.reference in body
    assert NOT_HELD not in body


def test_the_search_is_logged_without_the_details(client, world):
    coordinator = world.users["coordinator"]
    search(client, coordinator, **by_name())
    listed = AccessLogEntry.objects.get(object_type="subject_search")
    assert (listed.action, listed.user_id, listed.cell_id) == (
        "list",
        coordinator.pk,
        world.cell.pk,
    )
    assert listed.reason == "subject access search: 1 found"
    viewed = AccessLogEntry.objects.get(object_type="subject", action="view")
    assert viewed.object_id == world.signal.subject.pk
    for entry in AccessLogEntry.objects.all():
        assert "Peeters" not in f"{entry.object_ref} {entry.reason}"


def test_national_number_finds_every_record_of_the_person(client, rich_world):
    """The rich subject was signalled twice: two records, both found by the number."""
    born = IDENTITY[2]
    number = national_number(born)
    dotted = f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"
    response = search(client, rich_world.users["coordinator"], national_number=dotted)
    found = response.context["found"]
    assert len(found) == 2
    assert {s.last_name for s in found} == {"Maes"}
    assert rich_world.rich_subject in found


def test_name_or_number_match_either(client, rich_world):
    """A record without a number is still found by name when a number is also given."""
    data = by_name() | {"national_number": national_number(IDENTITY[2])}
    found = search(client, rich_world.users["coordinator"], **data).context["found"]
    assert {s.last_name for s in found} == {"Peeters", "Maes"}


def test_a_subject_of_another_cell_is_not_held(client, world):
    coordinator = world.users["foreign_coordinator"]
    response = search(client, coordinator, **by_name())
    assert response.status_code == 200
    body = response.content.decode()
    assert NOT_HELD in body
    assert response.context["found"] == []
    assert world.cell.name not in body and "Peeters" not in body.replace('value="Peeters"', "")
    listed = AccessLogEntry.objects.get(object_type="subject_search")
    assert listed.cell_id == world.other_cell.pk and listed.reason.endswith(": 0 found")
    assert not AccessLogEntry.objects.filter(object_type="subject").exists()


def test_unknown_details_are_not_held(client, world):
    response = search(client, world.users["coordinator"], **by_name(born="2005-03-15"))
    assert NOT_HELD in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"first_name": "Jan", "last_name": "Peeters"}, "birth_date"),
        ({"last_name": "Peeters", "birth_date": "2005-03-14"}, "first_name"),
        ({"national_number": "12345"}, "national_number"),
        ({"national_number": "04050612338"}, "national_number"),  # bad check digits
        ({"birth_date": "14/03/2005x"}, "birth_date"),
        ({}, None),
    ],
)
def test_incomplete_details_come_back_at_the_form(client, world, data, field):
    response = search(client, world.users["coordinator"], **data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field or "__all__"]
    assert not AccessLogEntry.objects.filter(object_type__startswith="subject").exists()


def test_records_indexed_under_an_older_key_are_found_during_a_rotation(client, settings, db):
    from livc.privacy.crypto import reset_key_cache

    from ..casework import build_world

    settings.LIVC_BLIND_INDEX_KEYS = ["old-index-key"]
    reset_key_cache()
    try:
        world = build_world()
        settings.LIVC_BLIND_INDEX_KEYS = ["new-index-key", "old-index-key"]
        reset_key_cache()
        found = search(client, world.users["coordinator"], **by_name()).context["found"]
        assert found == [world.signal.subject]
    finally:
        reset_key_cache()
