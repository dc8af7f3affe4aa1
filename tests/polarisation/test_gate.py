"""The identifier gate: free text of a module without personal data is refused, field by
field, when the de-identifier finds a person in it; descriptions of groups and places pass."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livc.polarisation import services
from livc.polarisation.gate import identifier_errors, identifiers_in, refuse_identifiers
from livc.polarisation.models import Contribution, Situation

from .conftest import days, situation_data

pytestmark = pytest.mark.django_db

REFUSED = [
    ("name", "Jan Peeters leads one of the groups.", "Jan Peeters", "name"),
    ("name_fr", "Le groupe se réunit chez Marie Dubois.", "Marie Dubois", "name"),
    (
        "national_number",
        "RRN 85.07.30-033.28 is known.",
        "85.07.30-033.28",
        "national register number",
    ),
    ("phone", "Residents call 0475 12 34 56 at night.", "0475 12 34 56", "phone number"),
    (
        "email",
        "Complaints went to buurt.noord@example.be.",
        "buurt.noord@example.be",
        "e-mail address",
    ),
    (
        "plate",
        "De wagen 1-ABC-123 rijdt elke avond rond.",
        "1-ABC-123",
        "licence plate or ID number",
    ),
    ("address", "De groep komt samen aan de Kerkstraat 12.", "Kerkstraat 12", "address"),
    ("handle", "Het account @boze_buurt roept op tot acties.", "@boze_buurt", "user name"),
]
ACCEPTED = [
    "two youth groups near the station",
    "Twee jongerengroepen aan het station; bewoners van de Kerkstraat klagen.",
    "Deux groupes de jeunes près de la gare, habitants de la rue de la Loi.",
    "Rellen op 12 maart tussen jongeren van twee wijken in 2800 Mechelen.",
    "Het CAW en de preventiedienst organiseren een dialoog in het buurthuis.",
]


@pytest.mark.parametrize(("case", "text", "found", "label"), REFUSED, ids=[r[0] for r in REFUSED])
def test_identifiers_are_found(case, text, found, label):
    findings = identifiers_in(text)
    assert [(f.text, f.label) for f in findings] == [(found, label)]
    with pytest.raises(ValidationError) as error:
        refuse_identifiers({"groups": text})
    message = error.value.message_dict["groups"][0]
    assert f"“{found}” ({label})" in message


@pytest.mark.parametrize("text", ACCEPTED)
def test_groups_places_and_dates_pass(text):
    assert identifiers_in(text) == []
    refuse_identifiers({"groups": text})  # no error


def test_every_field_is_reported_on_its_own():
    errors = identifier_errors(
        {"title": "Fight at the station", "groups": "Jan Peeters", "sources": "0475 12 34 56"}
    )
    assert set(errors) == {"groups", "sources"}


def test_a_percent_sign_in_the_text_is_no_format_directive():
    with pytest.raises(ValidationError) as error:
        refuse_identifiers({"groups": "100%(x)s sure: Jan Peeters"})
    assert "Jan Peeters" in error.value.message_dict["groups"][0]


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("groups", "Jan Peeters and his friends"),
        ("description", "RRN 85.07.30-033.28"),
        ("sources", "Tip from 0475 12 34 56"),
        ("place", "mail buurt@example.be"),
        ("title", "Conflict around Marie Dubois"),
    ],
)
def test_the_service_refuses_to_save(world, field, text):
    before = Situation.objects.count()
    with pytest.raises(ValidationError) as error:
        services.situation_create(
            user=world.users["coordinator"],
            cell=world.cell,
            **situation_data(world, **{field: text}),
        )
    assert list(error.value.message_dict) == [field]
    assert Situation.objects.count() == before


def test_every_free_text_goes_through_the_gate(world):
    coordinator, situation = world.users["coordinator"], world.situation
    name = "Jan Peeters"
    with pytest.raises(ValidationError) as error:
        services.situation_update(
            user=coordinator,
            situation=situation,
            version=situation.version,
            groups=f"Friends of {name}",
            tension_signals=["other"],
            tension_signal_other=f"{name} posts videos",
        )
    assert set(error.value.message_dict) == {"groups", "tension_signal_other"}
    with pytest.raises(ValidationError) as error:
        services.contribution_add(
            user=world.users["partner"], situation=situation, analysis=f"{name} is the leader."
        )
    assert set(error.value.message_dict) == {"analysis"}
    with pytest.raises(ValidationError) as error:
        services.intervention_plan(
            user=coordinator,
            situation=situation,
            kind="mediation",
            description=f"Talk to {name}",
            organisation=world.caw,
            starts_on=days(1),
        )
    assert set(error.value.message_dict) == {"description"}
    with pytest.raises(ValidationError) as error:
        services.review_record(
            user=coordinator,
            situation=situation,
            version=situation.version,
            held_on=days(-1),
            note=f"{name} moved away.",
        )
    assert set(error.value.message_dict) == {"note"}
    with pytest.raises(ValidationError) as error:
        services.situation_transition(
            user=coordinator,
            situation=situation,
            to_state="closed",
            version=situation.version,
            reason=f"{name} moved away.",
        )
    assert set(error.value.message_dict) == {"reason"}
    assert Contribution.objects.count() == 1


def test_the_form_shows_the_finding_at_the_field(client, world):
    client.force_login(world.users["coordinator"])
    data = {
        **situation_data(world),
        "municipality": world.situation.municipality_id,
        "reported_on": days(-1).isoformat(),
        "groups": "Jan Peeters and friends",
    }
    response = client.post(reverse("polarisation:create") + f"?cell={world.cell.pk}", data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["groups"]
    assert "“Jan Peeters” (name)" in errors["groups"][0]
    assert "Jan Peeters" in response.content.decode()  # the author sees what to rewrite
    data["groups"] = "Two youth groups near the station"
    response = client.post(reverse("polarisation:create") + f"?cell={world.cell.pk}", data)
    assert response.status_code == 302
