"""Fictional case work for the demo cells: signals to screen and cases in every phase.

Runs through the real services (so the access log, encryption and workflow rules apply).
Idempotent: a cell that already has signals is left alone.
"""

import datetime

from django.utils import timezone

from livc.cases import services as cases
from livc.intake import services as intake
from livc.organisations.models import Cell, Membership, Municipality, Role

# first name, last name, birth date, phenomenon, level, observation, target phase
PEOPLE = {
    "nl": [
        (
            "Ruben",
            "Verstraeten",
            "2008-04-12",
            "right_wing",
            "secondary",
            "Deelt racistische memes in de klasgroep en spreekt over 'zuivering'.",
            "preparation",
        ),
        (
            "Yasmina",
            "Bouzid",
            "2006-09-30",
            "jihadist",
            "secondary",
            "Trekt zich terug van vrienden, bekijkt propagandavideo's.",
            "active",
        ),
        (
            "Kevin",
            "Luyten",
            "1999-01-17",
            "anti_government",
            "tertiary",
            "Dreigt online met geweld tegen lokale politici.",
            "on_hold",
        ),
        (
            "Elias",
            "Van Hove",
            "2004-06-05",
            "left_wing",
            "primary",
            "Escalerende conflicten met de politie tijdens betogingen.",
            "aftercare",
        ),
        (
            "Noor",
            "De Wilde",
            "2007-11-21",
            "polarisation",
            "primary",
            "Wij-zij-taal over een buurtconflict, nu gesust.",
            "closed",
        ),
        (
            "Tim",
            "Segers",
            "2009-02-02",
            "mixed",
            "secondary",
            "Plotse verandering in gedrag en uiterlijk; onduidelijk fenomeen.",
            None,
        ),
    ],
    "fr": [
        (
            "Lucas",
            "Dumont",
            "2007-03-08",
            "right_wing",
            "secondary",
            "Partage de contenus néonazis sur les réseaux sociaux.",
            "preparation",
        ),
        (
            "Inès",
            "Benali",
            "2005-12-14",
            "jihadist",
            "secondary",
            "Rupture avec la famille, intérêt pour un voyage vers une zone de conflit.",
            "active",
        ),
        (
            "Thomas",
            "Lejeune",
            "1998-07-23",
            "anti_government",
            "tertiary",
            "Menaces contre l'administration communale.",
            "on_hold",
        ),
        (
            "Chloé",
            "Martin",
            "2003-05-19",
            "single_issue",
            "primary",
            "Actions de plus en plus radicales pour la cause animale.",
            "aftercare",
        ),
        (
            "Hugo",
            "Lambert",
            "2006-10-01",
            "polarisation",
            "primary",
            "Tensions nous-eux dans le quartier, apaisées.",
            "closed",
        ),
        (
            "Sami",
            "Haddad",
            "2008-08-28",
            "mixed",
            "secondary",
            "Changement soudain de comportement, phénomène peu clair.",
            None,
        ),
    ],
}
PATH = {
    "preparation": [],
    "active": ["active"],
    "on_hold": ["active", "on_hold"],
    "aftercare": ["active", "aftercare"],
    "closed": ["active"],
}


def _member(cell: Cell, role: Role):
    return (
        Membership.objects.filter(cell=cell, role=role, is_active=True)
        .select_related("user", "organisation")
        .order_by("pk")
    )


def seed_casework(cell: Cell) -> int:
    """Signals and cases for one demo cell; returns the number of cases created."""
    if cell.signals.exists():
        return 0
    coordinator = _member(cell, Role.COORDINATOR).first().user
    partners = list(_member(cell, Role.PARTNER))
    officer = _member(cell, Role.INFORMATION_OFFICER).first()
    municipality = Municipality.objects.get(pk=cell.areas.values("municipality")[:1])
    today = timezone.localdate()
    created = 0
    for n, (first, last, born, phenomenon, level, text, phase) in enumerate(
        PEOPLE["fr" if cell.language == "fr" else "nl"]
    ):
        reporter = partners[n % len(partners)]
        signal = intake.signal_register(
            user=reporter.user,
            cell=cell,
            organisation=reporter.organisation,
            identity=intake.Identity(
                first, last, datetime.date.fromisoformat(born), "", municipality
            ),
            received_on=today - datetime.timedelta(days=60 - 9 * n),
            observation=text,
            behaviours=["change", "us_vs_them"],
            behaviour_other="",
            phenomenon=phenomenon,
            prevention_level=level,
            urgency="normal",
        )
        if phase is None:
            continue  # left in the screening queue
        signal = intake.signal_screen(
            user=coordinator,
            signal=signal,
            outcome="case_opened",
            reason="Multidisciplinary follow-up is needed.",
        )
        case = signal.case
        cases.participant_invite(
            user=coordinator, case=case, organisation=officer.organisation, members=[officer.user]
        )
        cases.note_add(user=reporter.user, case=case, organisation=reporter.organisation, text=text)
        for step in PATH[phase]:
            cases.case_change_phase(
                user=coordinator, case=case, to_phase=step, version=case.version
            )
        if phase == "closed":
            cases.case_close(
                user=coordinator,
                case=case,
                version=case.version,
                reason="goals_reached",
                outcome="improved",
            )
        created += 1
    return created


def seed_all() -> int:
    return sum(seed_casework(cell) for cell in Cell.objects.filter(code__in=["MEC", "VMZ", "VER"]))
