"""Recall of `deidentify` per identifier and language on the Faker-made test set
(tests/privacy/deid_faker.py: ground truth, the definition of "caught", the templates)."""

import re

import pytest
from stdnum.be import nn

from . import deid_faker
from .deid_faker import KINDS

LANGUAGES = ("nl", "fr")
RECALL_FLOOR = 0.98  # every kind, both languages
KEPT_FLOOR = 0.98  # other words left as they were


@pytest.fixture(scope="module")
def sentences():
    return deid_faker.build()


@pytest.fixture(scope="module")
def figures(sentences):
    """The whole set de-identified once, with the subject's own identifiers as the
    application passes them, and once without (the patterns and deduce alone)."""
    return {
        "known": deid_faker.measure(sentences, known=True),
        "alone": deid_faker.measure(sentences, known=False),
    }


def test_the_set_is_large_labelled_and_the_same_every_time(sentences):
    for language in LANGUAGES:
        assert sum(s.language == language for s in sentences) >= 200
        kinds = [label.kind for s in sentences if s.language == language for label in s.labels]
        for kind in KINDS:
            assert kinds.count(kind) >= 50, (language, kind)
    for sentence in sentences:
        for label in sentence.labels:
            value = sentence.value(label)
            assert value and value == value.strip(), (sentence.text, label)
            if label.kind == "national_number":
                assert nn.is_valid(re.sub(r"\D", "", value)), value
        assert nn.is_valid(sentence.subject["national_number"])
    again = deid_faker.build(per_language=30, held_out=0)  # same seed, same sentences
    dutch = [s for s in sentences if s.language == "nl"][:30]
    french = [s for s in sentences if s.language == "fr"][:30]
    assert again == dutch + french


def test_figures_are_printed(figures, sentences):
    """Not a check: the table for the README (`pytest -s` shows it)."""
    for name, result in figures.items():
        print(f"\n{name}: {len(sentences)} sentences in {result.seconds:.2f} s")
        print(deid_faker.table(result))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_recall_per_identifier_and_language(figures, kind, language):
    result = figures["known"]
    misses = [m for m in result.misses if m[0] == kind]
    assert result.share(language, kind) >= RECALL_FLOOR, misses[:10]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "name"])
def test_recall_without_the_subjects_identifiers(figures, kind, language):
    """Numbers, plates, addresses, towns, e-mail addresses and dates do not depend on the
    subject's own identifiers being passed."""
    assert figures["alone"].share(language, kind) >= RECALL_FLOOR


@pytest.mark.parametrize("language", LANGUAGES)
def test_other_words_are_kept(figures, language):
    result = figures["known"]
    assert result.kept_share(language) >= KEPT_FLOOR, result.lost.most_common(20)
