"""The library exists on a fresh install: the data migration loads the texts of the
reference list (shared/domain seed 000), the law of 30 July 2018, art. 458ter of the
Criminal Code and the related texts, with Dutch and French versions, and the 2016 model
ethical charter as a charter template (`selectors.charter_templates`)."""

import pytest

from livc.library import selectors
from livc.library.choices import FULL_TEXT_LICENCES, Kind
from livc.library.models import Entry, Issuer, Relation

pytestmark = pytest.mark.django_db

# The texts of seed 000 (in its order), then the two the issue names, then the related ones.
SEED_000 = [
    "be-circular-gpi-78",
    "be-federal-statement-2014-10-14",
    "be-senate-letter-2015-09-21",
    "brussels-prevention-plan-2015",
    "vl-parliament-recommendations-2015-05-27",
    "vl-helpline-2015-12-10",
    "vl-helpline-2016-02-17",
    "vl-press-release-helpline-2016-02-15",
    "vl-action-plan-2015",
    "fwb-anti-racism-plan-2015",
    "fwb-follow-up-report-wallonia",
    "spw-action-plan-violent-radicalism",
    "coe-congress-strategy-2015",
    "coe-committee-of-ministers-action-plan-2015",
    "mayors-be-nl-resolution-2014",
    "ocmw-brussel-professional-secrecy-2015",
    "charleroi-professional-secrecy-2015",
    "icpd-model-ethical-charter-2016",
]
NAMED = ["be-law-2018-07-30-livc", "be-criminal-code-art-458ter"]
RELATED = [
    "be-federal-prevention-programme-2013",
    "vl-concept-note-2015-01-16",
    "vl-action-plan-2017",
    "vl-objectives-2020-07-17",
    "vl-action-plan-2020-2024",
    "vl-decree-2021-05-21-livc",
    "eu-gdpr-2016-679",
]


def test_every_text_is_there_after_migrate():
    seeded = set(Entry.objects.values_list("key", flat=True))
    assert set(SEED_000 + NAMED + RELATED) == seeded


def test_each_has_dutch_and_french_titles_and_summaries_and_a_theme():
    for entry in Entry.objects.prefetch_related("versions", "themes"):
        languages = {v.language: v for v in entry.versions.all()}
        assert {"nl", "fr"} <= set(languages), entry.key
        for version in languages.values():
            assert version.title.strip() and len(version.summary) > 40, (
                entry.key,
                version.language,
            )
            # no full text without a licence that allows it; none is loaded at all
            assert version.full_text == "", entry.key
        assert entry.themes.exists(), entry.key
        assert entry.in_force and entry.created_by_id is None


def test_the_law_and_article_458ter():
    law = Entry.objects.get(key="be-law-2018-07-30-livc")
    assert (law.kind, law.level, str(law.issued_on), law.date_precision) == (
        "law", "federal", "2018-07-30", "day"
    )  # fmt: skip
    nl = law.versions.get(language="nl")
    assert nl.title_is_official and nl.title.startswith("Wet van 30 juli 2018 tot oprichting")
    assert "458ter" in nl.summary and "informatieambtenaar" in nl.summary
    assert law.versions.get(language="fr").title.startswith("Loi du 30 juillet 2018 portant")
    # no numac is guessed: the official reference and publication stay empty
    assert law.official_reference == "" and law.publication == ""
    article = Entry.objects.get(key="be-criminal-code-art-458ter")
    assert Relation.objects.filter(source=law, target=article, kind="refers_to").exists()
    assert "finaliteit" in article.versions.get(language="nl").summary


def test_references_come_from_the_sources_only():
    """Only references printed in the domain documents (or the GDPR's own) are filled in."""
    references = {
        key: ref
        for key, ref in Entry.objects.exclude(official_reference="").values_list(
            "key", "official_reference"
        )
    }
    assert references == {
        "be-criminal-code-art-458ter": "Strafwetboek / Code pénal, art. 458ter",
        "be-circular-gpi-78": "GPI 78",
        "vl-objectives-2020-07-17": "VR 2020 1707 MED.0257/1BIS",
        "coe-congress-strategy-2015": "CG/BUR/2015(27)22",
        "coe-committee-of-ministers-action-plan-2015": "CM(2015)74 add final",
        "eu-gdpr-2016-679": "(EU) 2016/679",
    }


def test_dates_keep_their_precision():
    assert Entry.objects.get(key="brussels-prevention-plan-2015").date_precision == "month"
    assert Entry.objects.get(key="mayors-be-nl-resolution-2014").date_precision == "year"
    undated = Entry.objects.get(key="vl-action-plan-2020-2024")
    assert undated.issued_on is None and undated.date_precision == ""


def test_full_text_licences_are_only_given_to_official_texts():
    for entry in Entry.objects.filter(licence__in=FULL_TEXT_LICENCES):
        assert entry.kind in (Kind.LAW, Kind.DECREE, Kind.CIRCULAR, Kind.REGULATION), entry.key


def test_the_relations_between_the_texts():
    relations = set(Relation.objects.values_list("source__key", "kind", "target__key"))
    assert relations == {
        ("be-law-2018-07-30-livc", "refers_to", "be-criminal-code-art-458ter"),
        ("vl-decree-2021-05-21-livc", "refers_to", "be-law-2018-07-30-livc"),
        ("vl-action-plan-2015", "implements", "vl-concept-note-2015-01-16"),
        ("vl-action-plan-2020-2024", "implements", "vl-objectives-2020-07-17"),
    }


def test_issuers_are_named_in_both_languages():
    for issuer in Issuer.objects.all():
        assert issuer.name_nl and issuer.name_fr and issuer.key


def test_the_model_ethical_charter_is_the_charter_template(world):
    charter = Entry.objects.get(key="icpd-model-ethical-charter-2016")
    assert charter.is_charter_template and charter.kind == "model_document"
    assert list(Entry.objects.filter(is_charter_template=True)) == [charter]
    user = world.users["coordinator"]
    dutch = selectors.charter_templates(user=user, language="nl")
    french = selectors.charter_templates(user=user, language="fr")
    assert [t.key for t in dutch] == [t.key for t in french] == [charter.key]
    assert dutch[0].language == "nl" and "458ter" in dutch[0].text
    assert french[0].language == "fr" and "concertation" in french[0].text
    # the template says it is not the original text
    assert "niet de tekst van dat handvest" in dutch[0].text
    assert "Ce n'est pas le texte de cette charte" in french[0].text
    # German readers get the nearest language; a retired template is no longer offered
    assert selectors.charter_templates(user=user, language="de")[0].language == "nl"
    Entry.objects.filter(pk=charter.pk).update(retired_on="2026-01-01", retirement_note="Old.")
    assert selectors.charter_templates(user=user) == []


def test_charter_templates_are_for_readers_only(world):
    user = world.users["coordinator"]
    user.is_active = False
    assert selectors.charter_templates(user=user) == []


def test_the_migration_reads_no_live_code():
    from pathlib import Path

    import livc.library.migrations as package

    text = (Path(package.__file__).parent / "0002_seed_texts.py").read_text(encoding="utf-8")
    assert "apps.get_model" in text and "from livc" not in text
