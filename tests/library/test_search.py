"""Search in both languages: PostgreSQL full-text search per language version ('dutch',
'french'...) with ranking, and the icontains fallback elsewhere (the SQLite demo)."""

import pytest
from django.db import connection
from django.urls import reverse

from livc.library import selectors
from livc.library.models import Entry

from .conftest import add_entry, versions

pytestmark = pytest.mark.django_db
LIST = reverse("library:list")
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)
fallback_only = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the fallback serves other databases"
)


def keys(user, query, **filters):
    return [e.key for e in selectors.entry_list(user=user, query=query, **filters)]


@pytest.fixture
def reader(world):
    return world.users["partner"]


@postgresql_only
def test_dutch_words_match_their_inflections(reader):
    # "burgemeesters" (plural) finds the law, whose summary speaks of "de burgemeester"
    assert "be-law-2018-07-30-livc" in keys(reader, "burgemeesters")
    # "maatregel" finds the action plan of "40 maatregelen"
    assert "vl-action-plan-2015" in keys(reader, "maatregel")
    # "aanbeveling" finds "Aanbevelingen van het Vlaams Parlement"
    assert "vl-parliament-recommendations-2015-05-27" in keys(reader, "aanbeveling")


@postgresql_only
def test_french_words_match_their_inflections(reader):
    # "cellule" finds the law on the "cellules de sécurité intégrale locales"
    assert "be-law-2018-07-30-livc" in keys(reader, "cellule sécurité")
    assert "vl-parliament-recommendations-2015-05-27" in keys(reader, "recommandation")


@postgresql_only
def test_results_are_ranked_title_first(reader, world):
    in_summary = add_entry(
        world,
        key="summary-hit",
        versions=versions(
            title_nl="Nota over gemeenten",
            summary_nl="Vermeldt terloops de hulplijn voor ouders.",
        ),
    )
    results = keys(reader, "hulplijn", sort="relevance")
    assert results.index("vl-helpline-2015-12-10") < results.index(in_summary.key)


@postgresql_only
def test_the_official_reference_and_the_issuer_are_searched(reader):
    assert keys(reader, "GPI 78")[0] == "be-circular-gpi-78"
    assert "eu-gdpr-2016-679" in keys(reader, "2016/679")
    assert "vl-action-plan-2015" in keys(reader, "Vlaamse Regering")


@postgresql_only
def test_search_syntax_is_never_an_error(client, world):
    client.force_login(world.users["chair"])
    for query in ("&", "!!", "a | b", "(", '"', "-", "or", "'; drop table", "é" * 300, "\\"):
        assert client.get(LIST, {"q": query}).status_code == 200, query


@fallback_only
def test_the_fallback_finds_every_word_case_insensitively(reader):
    assert "be-law-2018-07-30-livc" in keys(reader, "VEILIGHEIDSCELLEN radicalisme")
    assert "be-law-2018-07-30-livc" in keys(reader, "cellules terrorisme")
    assert "be-law-2018-07-30-livc" not in keys(reader, "veiligheidscellen polarisatie")
    assert keys(reader, "GPI 78")[0] == "be-circular-gpi-78"
    assert "vl-action-plan-2015" in keys(reader, "Vlaamse Regering")


@fallback_only
def test_the_fallback_ranks_title_hits_first(reader, world):
    add_entry(
        world,
        key="summary-hit",
        issued_on=None,
        versions=versions(title_nl="Nota", summary_nl="Over de opvoedingslijn."),
    )
    results = keys(reader, "opvoedingslijn", sort="relevance")
    assert results[0] == "vl-press-release-helpline-2016-02-15"
    assert "summary-hit" in results


def test_the_fallback_works_on_any_database(reader):
    """The fallback is plain ORM: it must give the same matches on PostgreSQL too."""
    found = [e.key for e in selectors._search_fallback(Entry.objects.all(), "Strafwetboek 458ter")]
    # the article itself, and the texts whose summary or template cite it
    assert {"be-criminal-code-art-458ter", "be-law-2018-07-30-livc"} <= set(found)
    assert "be-circular-gpi-78" not in found


def test_search_and_filters_combine(client, world):
    client.force_login(world.users["information_officer"])
    response = client.get(LIST, {"q": "radicalisering", "level": "community"})
    found = [e.key for e in response.context["page"]]
    assert found and all(Entry.objects.get(key=key).level == "community" for key in found), found
    assert response.context["searching"] is True


def test_a_search_shows_summaries_and_an_empty_result_says_so(client, world):
    client.force_login(world.users["dpo"])
    body = client.get(LIST, {"q": "secret professionnel partagé"}).content.decode()
    assert "Code pénal, article 458ter" in body or "Strafwetboek, artikel 458ter" in body
    body = client.get(LIST, {"q": "xyzzy-nothing"}).content.decode()
    assert "No text matches this search and these filters." in body
