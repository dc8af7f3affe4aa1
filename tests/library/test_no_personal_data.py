"""The library holds no personal data: no model links to case work, subjects or content
types (the walker of tests/polarisation), and text written for the platform refuses
identifiers of persons."""

import pytest
from django.core.exceptions import ValidationError

from livc.library import services

from ..polarisation.test_no_personal_links import forbidden_links
from .conftest import TODAY, entry_data, versions

pytestmark = pytest.mark.django_db


def test_no_model_of_the_library_links_to_case_work():
    assert forbidden_links("library") == []


@pytest.mark.parametrize(
    ("field", "text", "found"),
    [
        ("summary_nl", "Contact: bel 0470 12 34 56 voor meer uitleg.", "phone number"),
        ("summary_fr", "Écrire à jean.dupont@example.be pour le texte.", "e-mail address"),
        ("summary_nl", "Betreft rijksregisternummer 85.07.30-033.61.", "national register number"),
    ],
)
def test_platform_text_refuses_identifiers_of_persons(world, field, text, found):
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            user=world.users["administrator"],
            today=TODAY,
            **entry_data(versions=versions(**{field: text})),
        )
    assert found in " ".join(error.value.message_dict[field])


def test_dates_references_and_addresses_of_institutions_are_fine(world):
    entry = services.entry_create(
        user=world.users["administrator"],
        today=TODAY,
        **entry_data(
            official_reference="2018/13949",
            versions=versions(
                summary_nl="Gepubliceerd in het Belgisch Staatsblad van 14 september 2018, "
                "art. 458ter Sw., bij de FOD Binnenlandse Zaken in Brussel."
            ),
        ),
    )
    assert entry.pk
