"""Fictional case work for the demo cells: signals to screen and cases in every phase.

Runs through the real services (so the access log, encryption and workflow rules apply).
Idempotent: a cell that already has signals is left alone.
"""

import datetime

from django.utils import timezone

from livc.cases import services as cases
from livc.conferences import services as conferences
from livc.intake import services as intake
from livc.organisations.models import Cell, Membership, Municipality, Role
from livc.trajectories import services as plans

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
ACTION_TEXT = {
    "nl": ("Huisbezoek met de ouders plannen.", "Terugkoppeling geven aan de LIVC-coördinator."),
    "fr": ("Planifier une visite à domicile.", "Faire un retour au coordinateur CSIL-R."),
}
PLACE = {"nl": "Stadhuis, vergaderzaal 2", "fr": "Hôtel de ville, salle 2"}
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
        if phase == "active":
            cases.participant_accept(
                user=reporter.user,
                participant=case.participants.get(organisation=reporter.organisation),
            )
            first = plans.create_action(
                user=coordinator,
                case=case,
                organisation=reporter.organisation,
                description=ACTION_TEXT[cell.language][0],
                due_on=today + datetime.timedelta(days=7),
                owner=reporter.user,
            )
            plans.action_transition(
                user=reporter.user, action=first, to_status="in_progress", version=first.version
            )
            plans.create_action(
                user=coordinator,
                case=case,
                organisation=officer.organisation,
                description=ACTION_TEXT[cell.language][1],
                due_on=today + datetime.timedelta(days=21),
            )
        created += 1
    _conference(cell, coordinator, today)
    return created


def _conference(cell: Cell, coordinator, today: datetime.date) -> None:
    """A conference next week with the active and on-hold cases on the agenda."""
    start = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time(14, 0))
    )
    conference = conferences.conference_plan(
        user=coordinator,
        cell=cell,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place=PLACE[cell.language],
    )
    for case in cell.cases.filter(phase__in=["active", "on_hold"]).order_by("pk"):
        item = conferences.agenda_add(user=coordinator, conference=conference, case=case)
        invitees = [m for p in case.participants.all() for m in p.members.all()]
        conferences.invitations_set(user=coordinator, item=item, invitees=invitees)


def seed_all() -> int:
    return sum(seed_casework(cell) for cell in Cell.objects.filter(code__in=["MEC", "VMZ", "VER"]))
