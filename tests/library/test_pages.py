"""The library pages: list (filters, sorting, paging, empty states, query count), the page
of a text (language versions, relations both ways, no longer in force), the forms with
optimistic locking, and bad input that must never be a server error."""

import datetime

import pytest
from django.urls import reverse

from livc.library import services
from livc.library.models import Entry, LanguageVersion

from .conftest import TODAY, add_entry, entry_data, versions

pytestmark = pytest.mark.django_db
LIST = reverse("library:list")


@pytest.fixture
def reader(client, world):
    client.force_login(world.users["partner"])
    return client


@pytest.fixture
def admin(client, world):
    client.force_login(world.users["administrator"])
    return client


def _keys(response):
    return [e.key for e in response.context["page"]]


def test_the_list_shows_the_seeded_library_newest_first(reader):
    response = reader.get(LIST)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == Entry.objects.count()
    dates = [e.issued_on for e in response.context["page"] if e.issued_on]
    assert dates == sorted(dates, reverse=True)


def test_filters(reader, world):
    assert set(_keys(reader.get(LIST, {"level": "international", "kind": "regulation"}))) == {
        "eu-gdpr-2016-679"
    }
    assert _keys(reader.get(LIST, {"year": "2018"})) == ["be-law-2018-07-30-livc"]
    by_issuer = _keys(reader.get(LIST, {"issuer": str(world.law.issuer_id)}))
    assert set(by_issuer) == {"be-law-2018-07-30-livc", "be-criminal-code-art-458ter"}
    secrecy = _keys(reader.get(LIST, {"theme": "secrecy"}))
    assert "be-criminal-code-art-458ter" in secrecy and "eu-gdpr-2016-679" not in secrecy
    retired = reader.get(LIST, {"validity": "retired"})
    assert [e.pk for e in retired.context["page"]] == [world.retired.pk]
    in_force = [e.pk for e in reader.get(LIST, {"validity": "in_force"}).context["page"]]
    assert world.retired.pk not in in_force and world.entry.pk in in_force


def test_sorting(reader, world):
    oldest = _keys(reader.get(LIST, {"sort": "date"}))
    assert oldest[0] == "be-federal-prevention-programme-2013"
    for language in ("fr", "nl"):
        world.users["partner"].language = language
        world.users["partner"].save()
        response = reader.get(LIST, {"sort": "title"})
        titles = [e.version_in(language).title.casefold() for e in response.context["page"]]
        assert titles == sorted(titles), language
        response = reader.get(LIST, {"sort": "-title"})
        titles = [e.version_in(language).title.casefold() for e in response.context["page"]]
        assert titles == sorted(titles, reverse=True), language
    kinds = [e.kind for e in reader.get(LIST, {"sort": "kind"}).context["page"]]
    assert kinds == sorted(kinds)


def test_pagination(reader, world):
    for n in range(60 - Entry.objects.count()):
        add_entry(world, versions=versions(title_nl=f"Omzendbrief {n}"))
    assert len(_keys(reader.get(LIST))) == 25
    assert len(reader.get(LIST, {"page": "2"}).context["page"]) == 25
    assert len(reader.get(LIST, {"page": "3"}).context["page"]) == 10
    assert len(reader.get(LIST, {"page": "99"}).context["page"]) == 10  # the last page


def test_empty_states(client, world):
    client.force_login(world.users["partner"])
    body = client.get(LIST, {"q": "nothing-matches-this"}).content.decode()
    assert "No text matches this search and these filters." in body
    Entry.objects.all().delete()
    body = client.get(LIST).content.decode()
    assert "The library is empty." in body
    assert "Add the texts the cells must know." not in body
    client.force_login(world.users["administrator"])
    body = client.get(LIST).content.decode()
    assert "Add the texts the cells must know." in body


@pytest.mark.parametrize(
    "query",
    [
        {"page": "x"},
        {"page": "²"},
        {"page": "-3"},
        {"page": "9" * 30},
        {"level": "²"},
        {"level": "x"},
        {"kind": "<b>"},
        {"year": "²"},
        {"year": "x"},
        {"year": "9" * 30},
        {"year": "1700"},
        {"theme": "nonsense"},
        {"validity": "maybe"},
        {"sort": "password"},
        {"sort": "-"},
        {"sort": "relevance"},
        {"id": "abc"},
        {"q": "x" * 5000},
        {"q": "\x00"},
    ],
)
def test_bad_query_input_is_ignored_never_a_server_error(reader, query):
    response = reader.get(LIST, query)
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["abc", "²", "١", "-1", "0", "9" * 30])
def test_a_malformed_issuer_id_names_nothing(reader, value):
    assert reader.get(LIST, {"issuer": value}).status_code == 404


def test_an_unknown_issuer_is_ignored(reader):
    response = reader.get(LIST, {"issuer": "999999"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == Entry.objects.count()


def test_bad_ids_in_paths_are_absent(admin):
    for url in (
        "/library/²/",
        "/library/0/",
        "/library/99999999999999999999/",
        "/library/abc/",
        "/library/999999/edit/",
        "/library/relations/²/remove/",
        "/library/issuers/999999/edit/",
    ):
        assert admin.get(url).status_code == 404, url


def test_the_list_page_costs_a_fixed_number_of_queries(reader, world, django_assert_num_queries):
    for n in range(30):
        add_entry(world, themes=["cells", "secrecy"], versions=versions(title_nl=f"Tekst {n}"))
    reader.get(LIST)  # warm caches that are not the page's (content types, sessions)
    # session, user, issuers (filter), years (filter), memberships (may edit?), count,
    # page, its language versions, its themes
    with django_assert_num_queries(9):
        response = reader.get(LIST, {"theme": "cells", "sort": "title"})
    assert len(response.context["page"].object_list) == 25
    with django_assert_num_queries(9):
        reader.get(LIST, {"page": "2", "q": "tekst"})
    with django_assert_num_queries(9):
        reader.get(LIST, {"level": "federal", "year": "2019", "validity": "in_force"})


def test_the_detail_page_costs_a_fixed_number_of_queries(reader, world, django_assert_num_queries):
    for n in range(10):
        other = add_entry(world, versions=versions(title_nl=f"Wijziging {n}"))
        services.relation_add(
            user=world.users["administrator"], source=other, target=world.entry, kind="amends"
        )
    url = reverse("library:detail", args=[world.entry.pk])
    reader.get(url)
    # session, user, entry + issuer, versions, themes, outgoing + their versions,
    # incoming + their versions, memberships (may edit?)
    with django_assert_num_queries(10):
        response = reader.get(url)
    assert len(response.context["incoming"]) == 10


def test_the_detail_page_shows_both_languages_and_the_relations_both_ways(reader, world):
    body = reader.get(reverse("library:detail", args=[world.law.pk])).content.decode()
    assert "Wet van 30 juli 2018 tot oprichting van lokale integrale veiligheidscellen" in body
    assert "Loi du 30 juillet 2018 portant création de cellules de sécurité intégrale" in body
    assert "Summary written for the platform; not an official text." in body
    # the law refers to art. 458ter; the test entry implements the law (read from the law)
    assert "Strafwetboek, artikel 458ter" in body and "Refers to" in body
    assert "Implemented by" in body and world.entry.title in body
    # and from the other end
    body = reader.get(
        reverse("library:detail", args=[Entry.objects.get(key="be-criminal-code-art-458ter").pk])
    ).content.decode()
    assert "Referred to by" in body and "Wet van 30 juli 2018" in body


def test_a_text_no_longer_in_force_stays_readable_and_says_so(reader, world):
    services.relation_add(
        user=world.users["administrator"], source=world.entry, target=world.retired, kind="replaces"
    )
    body = reader.get(reverse("library:detail", args=[world.retired.pk])).content.decode()
    assert "No longer in force since" in body and "Opgeheven." in body
    assert "Replaced by" in body and world.entry.title in body
    listing = reader.get(LIST, {"q": "Oude omzendbrief"}).content.decode()
    assert "no longer in force" in listing


def test_the_reader_sees_titles_in_their_language(client, world):
    user = world.users["partner"]
    user.language = "fr"
    user.save()
    client.force_login(user)
    body = client.get(LIST, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Loi du 30 juillet 2018" in body
    # an English reader sees the English version where there is one, else the Dutch
    user.language = "en"
    user.save()
    body = client.get(LIST).content.decode()
    assert "Regulation (EU) 2016/679" in body and "Wet van 30 juli 2018" in body


def _form_data(entry=None, **changes) -> dict:
    data = {
        "kind": "circular",
        "level": "federal",
        "issuer": str(Entry.objects.get(key="be-circular-gpi-78").issuer_id),
        "issued_on": "2020-03-15",
        "date_precision": "month",
        "official_reference": "",
        "publication": "",
        "licence": "official",
        "themes": ["cells", "police_information"],
        "title_nl": "Omzendbrief over de LIVC-R",
        "title_is_official_nl": "on",
        "summary_nl": "Wat de cel doet.",
        "title_fr": "Circulaire sur les CSIL-R",
        "summary_fr": "Ce que fait la cellule.",
        "full_text_fr": "Article 1er. La cellule se réunit.",
        "url_fr": "https://www.ejustice.just.fgov.be/",
    }
    if entry is not None:
        data["version"] = str(entry.version)
    data.update(changes)
    return data


def test_create_and_edit_through_the_forms(admin, world):
    response = admin.post(reverse("library:create"), _form_data())
    assert response.status_code == 302, response.context and response.context["form"].errors
    entry = Entry.objects.get(versions__title="Omzendbrief over de LIVC-R")
    assert entry.issued_on == datetime.date(2020, 3, 1) and entry.date_precision == "month"
    french = entry.versions.get(language="fr")
    assert (french.title_is_official, french.full_text) == (
        False,
        "Article 1er. La cellule se réunit.",
    )
    assert set(entry.versions.values_list("language", flat=True)) == {"nl", "fr"}
    edit = reverse("library:edit", args=[entry.pk])
    assert admin.get(edit).context["form"].initial["title_fr"] == "Circulaire sur les CSIL-R"
    response = admin.post(
        edit, _form_data(entry, title_en="Circular on the cells", summary_en="What cells do.")
    )
    assert response.status_code == 302
    assert entry.versions.get(language="en").title == "Circular on the cells"
    # the service's errors come back at their fields
    response = admin.post(
        edit, _form_data(entry.__class__.objects.get(pk=entry.pk), licence="link_only")
    )
    assert response.status_code == 400
    assert "full_text_fr" in response.context["form"].errors


def test_a_concurrent_edit_is_refused_and_nothing_is_saved(admin, world):
    edit = reverse("library:edit", args=[world.entry.pk])
    stale = _form_data(world.entry, summary_nl="Mijn versie.")
    services.entry_update(
        user=world.users["administrator"],
        entry=world.entry,
        version=world.entry.version,
        level="regional",
        today=TODAY,
    )
    response = admin.post(edit, stale)
    assert response.status_code == 400
    assert "Someone else changed this" in response.content.decode()
    assert LanguageVersion.objects.get(entry=world.entry, language="nl").summary != "Mijn versie."


def test_retire_and_reinstate_through_the_pages(admin, world):
    url = reverse("library:retire", args=[world.entry.pk])
    assert admin.get(url).status_code == 200
    response = admin.post(
        url, {"retired_on": "2030-01-01", "note": "Opgeheven.", "version": world.entry.version}
    )
    assert response.status_code == 400 and "retired_on" in response.context["form"].errors
    response = admin.post(
        url, {"retired_on": "2025-01-01", "note": "Opgeheven.", "version": world.entry.version}
    )
    assert response.status_code == 302
    world.entry.refresh_from_db()
    assert world.entry.retired_on == datetime.date(2025, 1, 1)
    # retiring twice is not offered
    assert admin.get(url).status_code == 404
    response = admin.post(
        reverse("library:reinstate", args=[world.entry.pk]), {"version": world.entry.version}
    )
    assert response.status_code == 302
    world.entry.refresh_from_db()
    assert world.entry.in_force and world.entry.retirement_note == ""


def test_relations_through_the_page(admin, world):
    url = reverse("library:relation_add", args=[world.entry.pk])
    response = admin.post(url, {"kind": "refers_to", "target": str(world.retired.pk)})
    assert response.status_code == 302
    response = admin.post(url, {"kind": "refers_to", "target": str(world.retired.pk)})
    assert response.status_code == 400
    assert "already related" in response.content.decode()
    response = admin.post(url, {"kind": "refers_to", "target": str(world.entry.pk)})
    assert response.status_code == 400  # not among the choices: a text is not its own target


def test_issuers_page(admin, world):
    response = admin.post(
        reverse("library:issuer_create"),
        {"name_nl": "Provincie Limburg", "name_fr": "Province de Limbourg"},
    )
    assert response.status_code == 302
    response = admin.post(
        reverse("library:issuer_create"), {"name_nl": "provincie limburg", "name_fr": "x"}
    )
    assert response.status_code == 400 and "name_nl" in response.context["form"].errors
    url = reverse("library:issuer_edit", args=[world.issuer.pk])
    response = admin.post(
        url,
        {
            "name_nl": "Provincie Antwerpen",
            "name_fr": "Province d'Anvers",
            "name_en": "Province of Antwerp",
            "version": world.issuer.version,
        },
    )
    assert response.status_code == 302
    world.issuer.refresh_from_db()
    assert world.issuer.name_en == "Province of Antwerp"


def test_entry_data_helper_is_valid(world):
    assert services.entry_create(user=world.users["administrator"], today=TODAY, **entry_data())


def test_the_sort_select_shows_the_order_applied(reader):
    assert reader.get(LIST).context["form"]["sort"].value() == "-date"
    assert reader.get(LIST, {"q": "wet"}).context["form"]["sort"].value() == "relevance"
    assert reader.get(LIST, {"sort": "relevance"}).context["form"]["sort"].value() == "-date"
    assert (
        reader.get(LIST, {"q": "wet", "sort": "title"}).context["form"]["sort"].value() == "title"
    )


def test_optional_languages_are_folded_until_used(admin, world):
    groups = admin.get(reverse("library:create")).context["form"].language_groups()
    assert [(code, shown) for code, _name, _fields, shown in groups] == [
        ("nl", True), ("fr", True), ("de", False), ("en", False)
    ]  # fmt: skip
    response = admin.post(reverse("library:create"), {"title_en": "Circular"})
    shown = {code: open_ for code, _n, _f, open_ in response.context["form"].language_groups()}
    assert shown == {"nl": True, "fr": True, "de": False, "en": True}
