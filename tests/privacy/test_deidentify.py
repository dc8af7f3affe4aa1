"""De-identification of free text (deduce for Dutch, Belgian patterns, known identifiers)."""

import datetime
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from livc.privacy.deid import (
    Category,
    Known,
    deidentify,
    engine,
    guess_language,
    subject_identifiers,
)

CORPUS = json.loads((Path(__file__).parent / "deid_corpus.json").read_text(encoding="utf-8"))
NAME_CATEGORIES = {"name"}


def _copy(text, language="nl", **kwargs):
    return deidentify(text, language=language, **kwargs).text


@pytest.mark.parametrize(
    "number", ["85.07.30-033.28", "85073003328", "85 07 30 033 28", "850730-033-28"]
)
def test_national_register_numbers(number):
    assert _copy(f"RRN {number}, gekend.") == "RRN [NATIONAL NUMBER], gekend."


@pytest.mark.parametrize(
    "phone",
    ["0475 12 34 56", "0475/12.34.56", "+32 475 12 34 56", "0032 475 123 456", "02 512 34 56",
     "+32 (0)2 511 22 33", "09/123.45.67", "0475123456", "(03) 123 45 67", "(015) 1234567",
     "(0476) 123456", "(015)-123456", "03/ 123 45 67", "0475-12-34-56", "04.123.45.67",
     "+32(0)475 12 34 56", "+32(0)34-1483960", "+3215123456", "0032 (0)2 511 22 33",
     "+32 0475 12 34 56", "014 12 34 56"],
)  # fmt: skip
def test_belgian_phone_numbers(phone):
    """The whole number is replaced, "+32(0)" and brackets included."""
    assert _copy(f"Bel {phone} na vijf uur.") == "Bel [PHONE] na vijf uur."


@pytest.mark.parametrize(
    "plate",
    ["1-ABC-123", "2-XYZ-789", "1ABC123", "1 ABC 123", "1-abc-123", "ABC-123", "ABC 123",
     "ABC123", "123-ABC", "Z-ABC-123", "O-ABC-12", "Q-ABC-123", "FAX-271"],
)  # fmt: skip
def test_belgian_licence_plates(plate):
    assert _copy(f"De wagen {plate} stond er.") == "De wagen [ID] stond er."


@pytest.mark.parametrize(
    "text",
    ["Hij betaalde 150 EUR en EUR 150, art. 458 Sw. en ART 458.",
     "Het PV 2024/1187 vermeldt 3 GAS-boetes van 250 euro; lokaal 204, om 14u30.",
     "Gezien op 08/09/2024 10u30 in lokaal A2.",
     "Le CPAS paie 650 euros; 2 chambres, niveau A2, local 204 à 9h30."],
)  # fmt: skip
def test_ordinary_numbers_are_no_plates_or_phones(text):
    assert "[ID]" not in _copy(text) and "[PHONE]" not in _copy(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hij woont Kerkstraat 12, 2800 Mechelen.", "Hij woont [ADDRESS], [ADDRESS]."),
        ("Hij woont Kerkstraat 12 bus 3, Gutschoven.", "Hij woont [ADDRESS], [ADDRESS]."),
        ("Hij woont Straat 12, Antwerpen.", "Hij woont [ADDRESS], [ADDRESS]."),
        ("Adres: Lange Leemstraat 172/3, 2018 Borgerhout.", "Adres: [ADDRESS], [ADDRESS]."),
        ("Elle vit rue des Alliés 5, 4800 Verviers.", "Elle vit [ADDRESS], [ADDRESS]."),
        ("Domicile 68, rue du Moulin, 2038 Flénu.", "Domicile [ADDRESS], [ADDRESS]."),
        ("Elle vit rue Haute 5 bte 2, Braine-l'Alleud.", "Elle vit [ADDRESS], [ADDRESS]."),
        ("Il vit avenue Louise 12, La Louvière.", "Il vit [ADDRESS], [ADDRESS]."),
        ("Hij woont Kerkstraat 12, gsm 0475 12 34 56.", "Hij woont [ADDRESS], gsm [PHONE]."),
    ],
)
def test_the_town_after_an_address(text, expected):
    assert _copy(text, guess_language(text)) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Hij woont sinds 2023 in Gutschoven.", "nl", "Hij woont sinds 2023 in [PLACE]."),
        ("Ze verhuisde naar Leefdaal.", "nl", "Ze verhuisde naar [PLACE]."),
        ("Wonende te Borchtlombeek.", "nl", "Wonende te [PLACE]."),
        ("Elle habite à Bagimont.", "fr", "Elle habite à [PLACE]."),
        ("Il est originaire d'Onoz.", "fr", "Il est originaire d'[PLACE]."),
        ("Le CPAS de Fléron suit le dossier.", "fr", "Le CPAS de [PLACE] suit le dossier."),
        # Without a verb of living or moving "naar" does not make a place; a name is a name.
        ("Hij gaat naar Jan en naar het CAW.", "nl", "Hij gaat naar [NAME] en naar het CAW."),
        ("Rendez-vous à 9h30, à Pâques.", "fr", "Rendez-vous à 9h30, à Pâques."),
    ],
)
def test_towns_named_on_their_own(text, language, expected):
    assert _copy(text, language) == expected


def test_names_next_to_services_and_relatives():
    text = "Mme Bouchez du PMS en de broer van Ludwig, zijn vader Jan."
    assert _copy(text, "nl") == "Mme [NAME] du PMS en de broer van [NAME], zijn vader [NAME]."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hij woont Stationsstraat 45 bus 3, 1800 Vilvoorde.", "Hij woont [ADDRESS], [ADDRESS]."),
        ("Adres: Kempische Steenweg 33, 3500 Hasselt.", "Adres: [ADDRESS], [ADDRESS]."),
        (
            "Elle vit au 45, rue de la Montagne, 6000 Charleroi.",
            "Elle vit au [ADDRESS], [ADDRESS].",
        ),
        ("Domicile : chaussée d'Ixelles 301, 1050 Ixelles.", "Domicile : [ADDRESS], [ADDRESS]."),
        ("Mail naar an.peeters@clb-genk.be graag.", "Mail naar [EMAIL] graag."),
        ("Account @arne_patriot op Instagram.", "Account [USERNAME] op Instagram."),
    ],
)
def test_addresses_and_online_identifiers(text, expected):
    assert _copy(text, guess_language(text)) == expected


@pytest.mark.parametrize(
    "date", ["12/04/2006", "12.04.2006", "2006-04-12", "12 april 2006", "1er février 2025",
             "3 mars", "2/6"],
)  # fmt: skip
def test_dates(date):
    assert _copy(f"Gezien op {date} in het kantoor.") == "Gezien op [DATE] in het kantoor."


def test_french_names_after_titles_keep_the_title():
    text = "Mme Leclercq et M. Karim BENALI ont vu l'inspecteur principal Lejeune."
    assert _copy(text, "fr") == "Mme [NAME] et M. [NAME] ont vu l'inspecteur principal [NAME]."


def test_acronyms_and_function_words_are_not_names():
    text = "Le CPAS et le CAW ont vu Son dossier. Het CLB volgt op."
    assert _copy(text, "fr") == text


def test_known_identifiers_in_any_case_with_or_without_accents_or_particles():
    known = [
        Known(Category.NAME, "Émile", role="first_name"),
        Known(Category.NAME, "Van den Broeck", role="last_name"),
        Known(Category.DATE, "2006-04-12"),
        Known(Category.NATIONAL_NUMBER, "06041213774"),
        Known(Category.PLACE, "Zaventem"),
    ]
    text = (
        "EMILE VANDENBROECK (°12 avril 2006, NN 06 04 12 137 74) uit zaventem: emile zegt dat "
        "Broeck zijn bijnaam is."
    )
    result = deidentify(text, language="nl", known_identifiers=known)
    assert result.text == (
        "[NAME] (°[DATE], NN [NATIONAL NUMBER]) uit [PLACE]: [NAME] zegt dat [NAME] zijn "
        "bijnaam is."
    )
    assert result.counts == {"name": 3, "date": 1, "national_number": 1, "place": 1}
    assert all(text[s.start : s.end] for s in result.spans)  # offsets into the original


def test_plain_strings_are_known_names():
    assert _copy("Gesprek met Xandrijn.", known_identifiers=["Xandrijn"]) == "Gesprek met [NAME]."


def test_text_without_identifiers_is_unchanged():
    text = "Hij volgt de lessen, werkt mee en heeft geen contact meer met de groep."
    result = deidentify(text, language="nl")
    assert (result.text, result.total, result.counts) == (text, 0, {})


def test_subject_identifiers_cover_names_birth_date_number_and_municipality():
    municipality = SimpleNamespace(name_nl="Brussel", name_fr="Bruxelles", name_de="Brüssel")
    subject = SimpleNamespace(
        first_name="Jan",
        last_name="Peeters",
        birth_date="2005-03-14",
        national_number="05031412345",
        municipality=municipality,
    )
    known = subject_identifiers(subject)
    assert {(k.category, k.value) for k in known} >= {
        (Category.NAME, "Jan"),
        (Category.DATE, "2005-03-14"),
        (Category.NATIONAL_NUMBER, "05031412345"),
        (Category.PLACE, "Bruxelles"),
    }
    text = "Jan Peeters, né le 14/03/2005 à Bruxelles."
    assert _copy(text, "fr", known_identifiers=known) == "[NAME], né le [DATE] à [PLACE]."


def test_language_guess():
    assert guess_language("Hij heeft een gesprek gehad met de moeder.") == "nl"
    assert guess_language("Il a eu un entretien avec la mère de l'intéressé.") == "fr"


def test_deduce_import_leaves_the_hosts_logging_alone():
    code = (
        "import logging; from livc.privacy.deid.engine import _import_deduce; "
        "_import_deduce(); root = logging.getLogger(); print(len(root.handlers), root.level)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["0", str(logging_default_level())], result.stderr


def logging_default_level() -> int:
    import logging

    return logging.WARNING


def test_cache_directory_must_be_private(settings, tmp_path):
    settings.LIVC_DEIDENTIFY_CACHE_DIR = str(tmp_path / "cache")
    assert engine._cache_root() == tmp_path / "cache"  # noqa: SLF001
    (tmp_path / "cache").chmod(0o777)
    assert engine._cache_root() != tmp_path / "cache"  # noqa: SLF001


# The labelled corpus ------------------------------------------------------------------------


def _known(note) -> list[Known]:
    subject = note["subject"]
    return [
        Known(Category.NAME, subject["first_name"], role="first_name"),
        Known(Category.NAME, subject["last_name"], role="last_name"),
        Known(Category.DATE, subject["birth_date"]),
        Known(Category.NATIONAL_NUMBER, subject["national_number"]),
        Known(Category.PLACE, subject["municipality"]),
    ]


def _measure(notes):
    """Recall per (language, names|identifiers) and per category: the share of labelled
    occurrences whose every letter and digit was replaced; and the share of the other
    words left as they were."""
    found: dict[tuple[str, str], list[int]] = {}
    kept = others = 0
    for note in notes:
        text = note["text"]
        result = deidentify(text, language=note["language"], known_identifiers=_known(note))
        covered = {i for span in result.spans for i in range(span.start, span.end)}
        labelled = set()
        for category, values in note["identifiers"].items():
            group = "names" if category in NAME_CATEGORIES else "identifiers"
            for value in values:
                for match in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text):
                    positions = range(match.start(), match.end())
                    labelled.update(positions)
                    hit = all(i in covered for i in positions if text[i].isalnum())
                    for key in ((note["language"], group), (note["language"], category)):
                        found.setdefault(key, [0, 0])
                        found[key][0] += hit
                        found[key][1] += 1
        for word in re.finditer(r"\w{2,}", text):
            positions = range(word.start(), word.end())
            if not labelled.intersection(positions):
                others += 1
                kept += not covered.intersection(positions)
    recall = {key: hits / total for key, (hits, total) in found.items()}
    return recall, kept / others


def test_corpus_is_well_formed():
    notes = CORPUS["notes"]
    assert sum(n["language"] == "nl" for n in notes) >= 15
    assert sum(n["language"] == "fr" for n in notes) >= 15
    for note in notes:
        for values in note["identifiers"].values():
            assert all(value in note["text"] for value in values), note["id"]
        datetime.date.fromisoformat(note["subject"]["birth_date"])


FLOORS = {"names": 0.95, "identifiers": 0.95}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_recall_on_the_labelled_corpus(language):
    notes = [n for n in CORPUS["notes"] if n["language"] == language]
    recall, kept = _measure(notes)
    print(f"\n{language}: " + ", ".join(f"{k[1]} {v:.3f}" for k, v in sorted(recall.items())))
    print(f"{language}: other words kept {kept:.3f}")
    for group, floor in FLOORS.items():
        assert recall[(language, group)] >= floor, (group, recall)
    assert kept >= 0.95


def test_the_subjects_own_identifiers_never_survive():
    for note in CORPUS["notes"]:
        copy = deidentify(note["text"], language=note["language"], known_identifiers=_known(note))
        folded = copy.text.casefold()
        subject = note["subject"]
        for value in (subject["first_name"], subject["last_name"], subject["national_number"]):
            if value:
                assert not re.search(rf"(?<!\w){re.escape(value.casefold())}(?!\w)", folded), (
                    note["id"],
                    value,
                )


def test_prepare_command_builds_the_lookup_cache(settings, tmp_path):
    settings.LIVC_DEIDENTIFY_CACHE_DIR = str(tmp_path)
    deduce = engine._import_deduce()  # noqa: SLF001
    built = engine._lookup_dir(deduce)  # noqa: SLF001
    assert built.parent == tmp_path
    assert (built / "cache" / "lookup_structs.pickle").is_file()
    assert engine._lookup_dir(deduce) == built  # noqa: SLF001 - reused, not rebuilt
    out = io.StringIO()
    call_command("prepare_deidentifier", stdout=out)
    assert "ready" in out.getvalue()
