"""The rules of the library's services: what an entry must have, licences and full texts,
charter templates, dates and their precision, relations, retirement, optimistic locking
and the access log."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from livc.audit.models import AccessLogEntry
from livc.core.locking import ConcurrentEditError
from livc.library import services
from livc.library.models import Entry, EntryTheme, LanguageVersion

from .conftest import TODAY, add_entry, entry_data, versions

pytestmark = pytest.mark.django_db


def errors_of(world, **changes) -> dict:
    with pytest.raises(ValidationError) as error:
        add_entry(world, **changes)
    return error.value.message_dict


def test_dutch_and_french_are_required_german_and_english_optional(world):
    problems = errors_of(world, versions={"nl": {"title": "Titel", "summary": ""}})
    assert {"summary_nl", "title_fr", "summary_fr"} <= set(problems)
    assert errors_of(world, versions={"xx": {}, **versions()}) == {
        "versions": ["Give the versions in Dutch, French, German or English only."]
    }
    assert "summary_en" in errors_of(world, versions=versions(title_en="Circular"))
    entry = add_entry(
        world, versions=versions(title_de="Rundschreiben", summary_de="Über die Zellen.")
    )
    assert set(entry.versions.values_list("language", flat=True)) == {"nl", "fr", "de"}


def test_choices_and_lengths(world):
    problems = errors_of(
        world,
        kind="novel",
        level="galactic",
        licence="stolen",
        themes=["gossip"],
        issuer=999_999,
        official_reference="x" * 201,
        versions=versions(title_nl="x" * 501),
    )
    assert {
        "kind", "level", "licence", "themes", "issuer", "official_reference", "title_nl"
    } <= set(problems)  # fmt: skip
    assert errors_of(world, themes=[])["themes"] == ["Choose at least one theme."]
    assert "title_nl" in errors_of(world, versions=versions(title_nl=42))


def test_full_text_only_where_the_licence_allows_it(world):
    problems = errors_of(
        world, licence="link_only", versions=versions(full_text_nl="Artikel 1. ...")
    )
    assert list(problems) == ["full_text_nl"]
    entry = add_entry(world, licence="official", versions=versions(full_text_nl="Artikel 1. ..."))
    assert entry.versions.get(language="nl").full_text == "Artikel 1. ..."


def test_web_addresses_are_http_and_stored_as_text(world):
    for bad in ("javascript:alert(1)", "ftp://example.org/x", "not a url"):
        assert "url_fr" in errors_of(world, versions=versions(url_fr=bad)), bad
    entry = add_entry(world, versions=versions(url_fr="https://www.ejustice.just.fgov.be/"))
    assert entry.versions.get(language="fr").url == "https://www.ejustice.just.fgov.be/"


def test_charter_templates_are_model_documents_with_a_template_text(world):
    assert "is_charter_template" in errors_of(world, is_charter_template=True)
    problems = errors_of(world, kind="model_document", is_charter_template=True)
    assert {"template_text_nl", "template_text_fr"} <= set(problems)
    assert "template_text_nl" in errors_of(world, versions=versions(template_text_nl="Charter"))
    entry = add_entry(
        world,
        kind="model_document",
        is_charter_template=True,
        versions=versions(template_text_nl="Ons charter", template_text_fr="Notre charte"),
    )
    assert entry.is_charter_template


def test_dates_are_plausible_and_kept_to_their_precision(world):
    assert "issued_on" in errors_of(world, issued_on=TODAY + datetime.timedelta(days=1))
    assert "issued_on" in errors_of(world, issued_on=datetime.date(1700, 1, 1))
    assert "issued_on" in errors_of(world, issued_on="2019-01-01")
    assert "date_precision" in errors_of(world, date_precision="hour")
    entry = add_entry(world, issued_on=datetime.date(2015, 1, 20), date_precision="month")
    assert (entry.issued_on, entry.date_precision) == (datetime.date(2015, 1, 1), "month")
    entry = add_entry(world, issued_on=datetime.date(2014, 6, 20), date_precision="year")
    assert entry.issued_on == datetime.date(2014, 1, 1)
    entry = add_entry(world, issued_on=None, date_precision="day")
    assert (entry.issued_on, entry.date_precision) == (None, "")


def test_keys_are_slugs_and_unique(world):
    assert "key" in errors_of(world, key="be-law-2018-07-30-livc")
    assert "key" in errors_of(world, key="not a slug")
    assert add_entry(world, key="my-text").reference == "my-text"
    assert add_entry(world).reference.startswith("LIB-")


def test_update_replaces_versions_and_themes(world):
    entry = add_entry(world, versions=versions(title_en="Circular", summary_en="About cells."))
    services.entry_update(
        user=world.users["administrator"],
        entry=entry,
        version=entry.version,
        themes=["secrecy"],
        versions=versions(title_nl="Nieuwe titel"),
        today=TODAY,
    )
    assert entry.version == 2
    assert entry.versions.get(language="nl").title == "Nieuwe titel"
    assert not LanguageVersion.objects.filter(entry=entry, language="en").exists()
    assert list(EntryTheme.objects.filter(entry=entry).values_list("theme", flat=True)) == [
        "secrecy"
    ]
    with pytest.raises(TypeError):
        services.entry_update(
            user=world.users["administrator"], entry=entry, version=2, key="other"
        )


def test_update_with_a_stale_version_writes_nothing(world):
    stale = Entry.objects.get(pk=world.entry.pk)
    services.entry_update(
        user=world.users["administrator"], entry=world.entry, version=1, level="local"
    )
    with pytest.raises(ConcurrentEditError):
        services.entry_update(
            user=world.users["administrator"],
            entry=stale,
            version=stale.version,
            level="regional",
            versions=versions(title_nl="Mijn titel"),
        )
    world.entry.refresh_from_db()
    assert world.entry.level == "local"
    assert world.entry.versions.get(language="nl").title != "Mijn titel"


def test_retire_and_reinstate(world):
    admin = world.users["administrator"]
    entry = world.entry
    with pytest.raises(ValidationError) as error:
        services.entry_retire(
            user=admin, entry=entry, version=entry.version, retired_on=None, note="", today=TODAY
        )
    assert {"retired_on", "note"} == set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.entry_retire(
            user=admin,
            entry=entry,
            version=entry.version,
            retired_on=datetime.date(2019, 5, 1),  # before the text itself
            note="Opgeheven.",
            today=TODAY,
        )
    assert "retired_on" in error.value.message_dict
    services.entry_retire(
        user=admin,
        entry=entry,
        version=entry.version,
        retired_on=datetime.date(2024, 1, 1),
        note="Opgeheven door de omzendbrief van 2024.",
        today=TODAY,
    )
    assert not entry.in_force
    with pytest.raises(ValidationError):
        services.entry_retire(
            user=admin, entry=entry, version=entry.version, retired_on=TODAY, note="x"
        )
    with pytest.raises(ValidationError) as error:
        services.entry_update(
            user=admin,
            entry=entry,
            version=entry.version,
            issued_on=datetime.date(2025, 1, 1),
            today=TODAY,
        )
    assert "issued_on" in error.value.message_dict
    services.entry_reinstate(user=admin, entry=entry, version=entry.version)
    entry.refresh_from_db()
    assert entry.in_force and entry.retirement_note == ""
    with pytest.raises(ValidationError):
        services.entry_reinstate(user=admin, entry=entry, version=entry.version)


def test_relations(world):
    admin = world.users["administrator"]
    add = services.relation_add
    with pytest.raises(ValidationError) as error:
        add(user=admin, source=world.entry, target=world.entry, kind="amends")
    assert "target" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        add(user=admin, source=world.entry, target=world.retired, kind="inspires")
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError):
        add(user=admin, source=world.entry, target=999_999, kind="amends")
    with pytest.raises(ValidationError):  # the world's relation exists already
        add(user=admin, source=world.entry, target=world.law, kind="implements")
    with pytest.raises(ValidationError):  # the law cannot implement what implements it
        add(user=admin, source=world.law, target=world.entry, kind="implements")
    # "refers to" may hold both ways, and other kinds beside an existing one
    assert add(user=admin, source=world.law, target=world.entry, kind="refers_to")
    assert add(user=admin, source=world.entry, target=world.law, kind="refers_to")
    assert add(user=admin, source=world.entry, target=world.retired.pk, kind="replaces")


def test_every_change_is_logged_with_codes_only(world):
    admin = world.users["administrator"]
    entries = AccessLogEntry.objects.filter(user_id=admin.pk, object_type="library_entry")
    assert entries.filter(object_id=world.entry.pk, action="create").exists()
    logged = entries.get(object_id=world.retired.pk, action="transition")
    assert (logged.role, logged.cell_id, logged.reason) == ("administrator", None, "retired")
    assert logged.object_ref == world.retired.reference
    assert "Oude omzendbrief" not in str(AccessLogEntry.objects.values_list())


def test_issuers(world):
    admin = world.users["administrator"]
    with pytest.raises(ValidationError) as error:
        services.issuer_create(user=admin, name_nl="", name_fr="")
    assert {"name_nl", "name_fr"} == set(error.value.message_dict)
    with pytest.raises(ValidationError):
        services.issuer_create(user=admin, name_nl="Vlaamse regering", name_fr="x")
    with pytest.raises(ValidationError):
        services.issuer_create(user=admin, name_nl="X", name_fr="X", key="senate")
    with pytest.raises(ConcurrentEditError):
        services.issuer_update(user=admin, issuer=world.issuer, version=99, name_de="Antwerpen")
    with pytest.raises(TypeError):
        services.issuer_update(user=admin, issuer=world.issuer, version=1, key="x")


def test_entry_data_is_valid_as_is(world):
    assert services.entry_create(user=world.users["superuser"], today=TODAY, **entry_data())
