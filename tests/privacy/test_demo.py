import pytest

from livc.cases.models import AssessmentNote
from livc.privacy.deid import deidentify, subject_identifiers
from livc.site.demo import seed_demo
from livc.site.demo_privacy import seed_deidentification_examples

pytestmark = pytest.mark.django_db


def test_demo_notes_are_seeded_once_and_come_out_clean():
    seed_demo()  # seeds the example notes
    assert seed_deidentification_examples() == 0
    added = 3  # one per demo cell
    for note in (
        AssessmentNote.objects.filter(text__isnull=False)
        .select_related("case__subject__municipality", "case__cell")
        .order_by("-pk")[:added]
    ):
        subject = note.case.subject
        language = "fr" if note.case.cell.language == "fr" else "nl"
        copy = deidentify(
            note.text, language=language, known_identifiers=subject_identifiers(subject)
        )
        for leak in (subject.first_name, subject.last_name, "0476", "Claes", "Dubois", "14"):
            assert leak not in copy.text, (leak, copy.text)
