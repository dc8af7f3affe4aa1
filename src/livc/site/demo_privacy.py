"""Demo: one assessment note full of identifiers per demo cell, so the "De-identified copy"
link has something to show. Fictional people; idempotent."""

from django.db import transaction

from livc.cases import services as cases
from livc.cases.models import Case
from livc.organisations.models import Cell, Membership, Role

DEMO_CELLS = ("MEC", "VMZ", "VER")
TEXTS = {
    "nl": (
        "Gesprek met {first} {last} en de moeder, mevrouw Leen Verstraete (0476 12 34 56), op "
        "3 maart. {first} woont nu in de Kerkstraat 14 bus 2 in {place} en vraagt hulp bij "
        "het zoeken naar werk. Afspraak met maatschappelijk werker Tom Claes "
        "(tom.claes@example.org) op 10/03."
    ),
    "fr": (
        "Entretien avec {first} {last} et sa mère, Mme Claire Dubois (0476 12 34 56), le 3 "
        "mars. {first} habite rue de la Station 14 à {place} et demande de l'aide pour trouver "
        "un emploi. Rendez-vous avec l'assistant social Marc Lambert (marc.lambert@example.org) "
        "le 10/03."
    ),
}


@transaction.atomic
def seed_deidentification_examples() -> int:
    """Add the example note to the first active case of each demo cell that lacks it;
    returns how many notes were added."""
    added = 0
    for cell in Cell.objects.filter(code__in=DEMO_CELLS).order_by("code"):
        case = (
            Case.objects.filter(cell=cell, phase=Case.Phase.ACTIVE)
            .select_related("subject__municipality")
            .order_by("pk")
            .first()
        )
        coordinator = (
            Membership.objects.filter(cell=cell, role=Role.COORDINATOR, is_active=True)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if case is None or coordinator is None:
            continue
        subject = case.subject
        template = TEXTS["fr" if cell.language == "fr" else "nl"]
        text = template.format(
            first=subject.first_name, last=subject.last_name, place=subject.municipality.name
        )
        if any(note.text == text for note in case.notes.all()):
            continue
        cases.note_add(user=coordinator.user, case=case, text=text)
        added += 1
    return added
