"""De-identified copies of notes and minutes: who may have one (every role), what it shows,
and that making one is logged."""

from importlib import import_module

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.cases import services as case_services
from livc.trajectories import services as plan_services

from ..casework import ROLES
from ..charters.conftest import publish
from ..conferences.helpers import conference_world
from ..trajectories.conftest import add_action

pytestmark = pytest.mark.django_db

GATE = "livc.charters.middleware.CharterGateMiddleware"
WITHOUT_MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != GATE]
CASE_READERS = {"coordinator", "chair", "information_officer", "partner"}
NOTE = (
    "Gesprek met Jan Peeters (°14/03/2005) en zijn moeder Els Wouters, Kerkstraat 12, "
    "1800 Vilvoorde, tel. 0475 12 34 56. Jan zegt dat hij geen contact meer heeft met de groep."
)
MINUTES = "M. Peeters accepte l'accompagnement. Contact : jan.peeters@example.be."


@pytest.fixture
def world():
    world = conference_world()
    coordinator = world.users["coordinator"]
    world.note = case_services.note_add(user=coordinator, case=world.case, text=NOTE)
    item = world.held.items.get()
    item.minutes.decisions = MINUTES
    item.minutes.save()
    world.minutes = item.minutes
    action = add_action(world)
    world.progress_note = plan_services.progress_note_add(
        user=coordinator, action=action, text="Jan Peeters kwam niet opdagen op 3 maart 2025."
    )
    return world


# The copy views live with the app that owns the record (the privacy engine knows no app).
MATRIX = [
    ("cases:note_copy", lambda w: w.note.pk, CASE_READERS),
    ("conferences:minutes_copy", lambda w: w.minutes.pk, CASE_READERS),  # attested, or leads
    ("trajectories:progress_note_copy", lambda w: w.progress_note.pk, CASE_READERS),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "pk", "allowed"), MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(client, world, role, name, pk, allowed):
    client.force_login(world.users[role])
    response = client.get(reverse(name, args=[pk(world)]))
    assert response.status_code == (200 if role in allowed else 404), f"{role} on {name}"


def test_matrix_covers_every_copy_view():
    copy_views = {
        f"{namespace}:{pattern.name}"
        for namespace, module in [
            ("cases", "livc.cases.urls"),
            ("conferences", "livc.conferences.urls"),
            ("trajectories", "livc.trajectories.urls"),
        ]
        for pattern in import_module(module).urlpatterns
        if pattern.name and pattern.name.endswith("_copy")
    }
    assert copy_views == {m[0] for m in MATRIX}


def test_unknown_records_look_like_refused_ones(client, world):
    client.force_login(world.users["coordinator"])
    for name, _pk, _allowed in MATRIX:
        assert client.get(reverse(name, args=[999999])).status_code == 404


def test_minutes_copy_waits_for_the_attestation(client, world):
    world.held.attestations.filter(user=world.users["chair"]).delete()
    client.force_login(world.users["chair"])
    assert (
        client.get(reverse("conferences:minutes_copy", args=[world.minutes.pk])).status_code == 404
    )


def test_note_copy_replaces_identifiers_and_is_logged(client, world):
    client.force_login(world.users["partner"])
    response = client.get(reverse("cases:note_copy", args=[world.note.pk]))
    content = response.content.decode()
    copy = response.context["copy"]
    for identifier in ("Jan", "Peeters", "14/03/2005", "Els Wouters", "Kerkstraat", "0475"):
        assert identifier not in copy.text
    assert "[NAME]" in copy.text and "[ADDRESS]" in copy.text and "[PHONE]" in copy.text
    assert "geen contact meer heeft met de groep" in copy.text
    assert "never a substitute for access control" in content
    assert response["Cache-Control"] == "no-store"
    entry = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT).latest("id")
    assert (entry.object_type, entry.object_id, entry.case_id) == (
        "note",
        world.note.pk,
        world.case.pk,
    )
    assert (entry.reason, entry.user_id) == ("de-identified copy", world.users["partner"].pk)


def test_minutes_copy_includes_agreed_actions_and_guesses_french(client, world):
    client.force_login(world.users["chair"])
    response = client.get(reverse("conferences:minutes_copy", args=[world.minutes.pk]))
    copy = response.context["copy"]
    assert copy.language == "fr"
    assert "M. [NAME] accepte" in copy.text and "[EMAIL]" in copy.text
    assert "Agreed actions" in copy.text and f"Follow up {world.case.code}" in copy.text
    assert AccessLogEntry.objects.filter(
        object_type="minutes", object_id=world.minutes.pk, reason="de-identified copy"
    ).exists()


def test_language_can_be_chosen_and_bad_input_is_a_message(client, world):
    client.force_login(world.users["coordinator"])
    url = reverse("trajectories:progress_note_copy", args=[world.progress_note.pk])
    assert client.get(url, {"language": "fr"}).context["copy"].language == "fr"
    response = client.get(url, {"language": "xx"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert "[NAME]" in response.context["copy"].text


def test_source_pages_link_to_the_copies(client, world):
    client.force_login(world.users["coordinator"])
    case_page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert reverse("cases:note_copy", args=[world.note.pk]) in case_page
    conference_page = client.get(reverse("conferences:detail", args=[world.held.pk]))
    assert (
        reverse("conferences:minutes_copy", args=[world.minutes.pk])
        in conference_page.content.decode()
    )
    plan_page = client.get(reverse("trajectories:plan", args=[world.case.pk])).content.decode()
    assert reverse("trajectories:progress_note_copy", args=[world.progress_note.pk]) in plan_page


@pytest.mark.parametrize(("name", "pk", "allowed"), MATRIX, ids=[m[0] for m in MATRIX])
def test_copies_answer_get_and_head_only(client, world, name, pk, allowed):
    """Finding 6: a POST to a read view does not render it."""
    client.force_login(world.users["coordinator"])
    url = reverse(name, args=[pk(world)])
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


@pytest.mark.parametrize("who", ["coordinator", "chair", "partner"])
@pytest.mark.parametrize(("name", "pk", "allowed"), MATRIX, ids=[m[0] for m in MATRIX])
def test_copies_wait_for_the_charters(client, world, who, name, pk, allowed):
    """The copies go through the owning records' policies, and so through the charter gate
    (a condition of `visible_cases`), even for who leads the conference."""
    publish(world)
    client.force_login(world.users[who])
    with override_settings(MIDDLEWARE=WITHOUT_MIDDLEWARE):
        response = client.get(reverse(name, args=[pk(world)]))
    assert response.status_code == 404
