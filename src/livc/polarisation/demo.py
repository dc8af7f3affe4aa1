# ruff: noqa: E501 - demo prose, one sentence per line
"""Demo polarisation situations: two or three per demo cell, in the cell's language, in
different states, with diagnoses by the police and partners, interventions and reviews.

Everything goes through the services (policies, identifier gate, workflow, access log), so
the demo users must have accepted their charters first (`seed_charters`). Idempotent: a
cell that already has situations is left alone. Fictional; no person is described.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from livc.organisations.models import Cell, Membership, Municipality, Role

from . import policies, services
from .models import Situation

DEMO_CELLS = ("MEC", "VMZ", "VER")

# Per cell: situations with their story. `contributions` are (role, analysis) written by the
# first member of that role who may contribute; `interventions` (owner role, kind,
# description, start in days from today, end or None, status); `path` the states it goes
# through after `reported`, with a reason where one is needed.
SITUATIONS = {
    "MEC": [
        {
            "nis": "12025",
            "title": "Spanningen tussen jongerengroepen rond het station",
            "place": "Stationsplein en het park erachter",
            "groups": "Twee groepen jongeren uit aangrenzende wijken; bewoners en handelaars van het plein.",
            "description": "Sinds de zomer komt het bijna elk weekend tot verbale confrontaties. Geruchten over een afrekening circuleren in chatgroepen van scholieren.",
            "themes": ["public_space", "identity"],
            "tension_signals": ["incidents", "rumours", "online_campaigns"],
            "sources": "Wijkagent, jeugdwerking en het buurtcomité.",
            "intensity": 3,
            "reported": -75,
            "review": 14,
            "contributions": [
                (
                    Role.INFORMATION_OFFICER,
                    "Vier meldingen van samenscholing in twee maanden, geen gewonden. Beide groepen mijden elkaar overdag maar zoeken elkaar 's avonds op.",
                ),
                (
                    Role.PARTNER,
                    "Op twee scholen lopen de spanningen door in de klas; leerlingen voelen zich verplicht een kamp te kiezen.",
                ),
            ],
            "interventions": [
                (
                    Role.COORDINATOR,
                    "dialogue",
                    "Dialoogavonden in het buurthuis met jongeren van beide wijken, begeleid door de jeugdwerking.",
                    -30,
                    30,
                    "ongoing",
                ),
                (
                    Role.INFORMATION_OFFICER,
                    "police_presence",
                    "Zichtbare aanwezigheid van de wijkagenten op vrijdag- en zaterdagavond.",
                    -28,
                    None,
                    "ongoing",
                ),
            ],
            "path": [("diagnosed", ""), ("in_treatment", "")],
        },
        {
            "nis": "12025",
            "title": "Wij-zij-sfeer rond de opvang van nieuwkomers",
            "place": "Online: buurtgroepen op sociale media",
            "groups": "Een actiegroep van buurtbewoners tegen het opvanginitiatief; vrijwilligers die nieuwkomers begeleiden.",
            "description": "Een online petitie en berichten met wij-zij-taal. Een infomoment van de stad werd verstoord.",
            "themes": ["migration", "politics"],
            "tension_signals": ["online_campaigns", "demonstrations"],
            "sources": "Communicatiedienst van de stad, opvanginitiatief.",
            "intensity": 2,
            "reported": -12,
            "review": 21,
            "contributions": [],
            "interventions": [],
            "path": [],
        },
        {
            "nis": "12025",
            "title": "Conflict tussen supporters na de derby",
            "place": "Omgeving van het stadion en twee cafés",
            "groups": "Supporters van twee clubs uit de regio.",
            "description": "Na de derby volgden vernielingen en een vechtpartij; daarna bleef het bij beledigingen online.",
            "themes": ["sport"],
            "tension_signals": ["vandalism", "incidents"],
            "sources": "Politie, supportersfederatie.",
            "intensity": 2,
            "reported": -200,
            "review": None,
            "contributions": [
                (
                    Role.INFORMATION_OFFICER,
                    "Eenmalige uitbarsting na de wedstrijd; de clubs werken mee aan een supportersoverleg.",
                ),
            ],
            "interventions": [
                (
                    Role.COORDINATOR,
                    "mediation",
                    "Overleg tussen beide supportersfederaties en de clubs.",
                    -180,
                    -120,
                    "completed",
                ),
            ],
            "path": [
                ("diagnosed", ""),
                ("in_treatment", ""),
                ("monitoring", "Afspraken tussen de supportersgroepen worden nageleefd."),
                ("closed", "Geen nieuwe incidenten sinds het einde van het seizoen."),
            ],
        },
    ],
    "VMZ": [
        {
            "nis": "23047",
            "title": "Spanningen tussen jongeren en buurtbewoners aan het jeugdhuis",
            "place": "Het plein voor het jeugdhuis",
            "groups": "Jongeren die het jeugdhuis bezoeken; oudere bewoners van de aanpalende straten.",
            "description": "Klachten over lawaai lopen op tot scheldpartijen; op sociale media worden de jongeren als groep weggezet.",
            "themes": ["public_space"],
            "tension_signals": ["incidents", "vandalism", "rumours"],
            "sources": "Jeugdhuis, wijkagent, klachten bij de gemeente.",
            "intensity": 2,
            "reported": -90,
            "review": 30,
            "contributions": [
                (
                    Role.PARTNER,
                    "De jongeren voelen zich niet gewenst op het plein; er is weinig contact tussen beide groepen.",
                ),
                (
                    Role.INFORMATION_OFFICER,
                    "Drie klachten over nachtlawaai, één melding van beschadigde bloembakken.",
                ),
            ],
            "interventions": [
                (
                    Role.PARTNER,
                    "community_work",
                    "Een gezamenlijke opknapdag van het plein met jongeren en bewoners.",
                    -40,
                    -40,
                    "completed",
                ),
            ],
            "path": [
                ("diagnosed", ""),
                ("in_treatment", ""),
                ("monitoring", "De opknapdag bracht beide groepen samen; we volgen op."),
            ],
        },
        {
            "nis": "23088",
            "title": "Online haatberichten na een internationaal conflict",
            "place": "Online: chatgroepen van leerlingen van twee secundaire scholen",
            "groups": "Leerlingen van twee scholen die elkaar verwijten een kant te kiezen in een buitenlands conflict.",
            "description": "Berichten met wij-zij-taal en oproepen om elkaar na school op te wachten.",
            "themes": ["international_conflict", "education"],
            "tension_signals": ["online_campaigns", "school_conflicts"],
            "sources": "Directies van de scholen, CLB.",
            "intensity": 3,
            "reported": -8,
            "review": 7,
            "contributions": [
                (
                    Role.INFORMATION_OFFICER,
                    "Geen fysieke incidenten; de politie volgt de publieke berichten op.",
                ),
            ],
            "interventions": [],
            "path": [("diagnosed", "")],
        },
    ],
    "VER": [
        {
            "nis": "63079",
            "title": "Tensions entre groupes de jeunes au centre-ville",
            "place": "Les places et rues commerçantes du centre",
            "groups": "Deux groupes de jeunes de quartiers voisins ; commerçants du centre-ville.",
            "description": "Altercations verbales presque chaque week-end et rumeurs de règlement de comptes sur les réseaux sociaux.",
            "themes": ["public_space", "identity"],
            "tension_signals": ["incidents", "rumours"],
            "sources": "Police de proximité, éducateurs de rue, association des commerçants.",
            "intensity": 3,
            "reported": -50,
            "review": 10,
            "contributions": [
                (
                    Role.INFORMATION_OFFICER,
                    "Cinq interventions pour des rassemblements tendus en deux mois, sans blessés.",
                ),
                (
                    Role.PARTNER,
                    "Les jeunes des deux quartiers fréquentent les mêmes services mais ne se parlent pas.",
                ),
            ],
            "interventions": [
                (
                    Role.COORDINATOR,
                    "mediation",
                    "Médiation entre les deux groupes avec les éducateurs de rue.",
                    -20,
                    40,
                    "ongoing",
                ),
            ],
            "path": [("diagnosed", ""), ("in_treatment", "")],
        },
        {
            "nis": "63079",
            "title": "Campagne en ligne contre un centre d'accueil",
            "place": "En ligne : groupes de quartier sur les réseaux sociaux",
            "groups": "Un collectif de riverains opposé au centre d'accueil ; bénévoles qui accompagnent les nouveaux arrivants.",
            "description": "Pétition en ligne et messages hostiles ; une manifestation est annoncée devant l'hôtel de ville.",
            "themes": ["migration", "politics"],
            "tension_signals": ["online_campaigns", "demonstrations"],
            "sources": "Service communication de la ville.",
            "intensity": 2,
            "reported": -5,
            "review": 20,
            "contributions": [],
            "interventions": [],
            "path": [],
        },
    ],
}


def _members(cell: Cell) -> dict[str, list]:
    """Active members of the cell by role, in a stable order."""
    members: dict[str, list] = {}
    memberships = (
        Membership.objects.filter(cell=cell, is_active=True)
        .select_related("user", "organisation")
        .order_by("pk")
    )
    for membership in memberships:
        members.setdefault(membership.role, []).append(membership)
    return members


def _contributor(members: dict, role: str, cell: Cell):
    """The first member of `role` who may contribute (charters accepted)."""
    for membership in members.get(role, []):
        if policies.is_contributor(membership.user, cell.pk):
            return membership.user
    return None


def _seed_cell(cell: Cell, stories: list[dict], today: datetime.date) -> int:
    members = _members(cell)
    coordinator = _contributor(members, Role.COORDINATOR, cell)
    if coordinator is None:
        return 0
    created = 0
    for story in stories:
        situation = services.situation_create(
            user=coordinator,
            cell=cell,
            municipality=Municipality.objects.get(nis_code=story["nis"]),
            reported_on=today + datetime.timedelta(days=story["reported"]),
            next_review_on=(
                today + datetime.timedelta(days=story["review"]) if story["review"] else None
            ),
            today=today,
            **{
                name: story[name]
                for name in (
                    "title",
                    "place",
                    "groups",
                    "description",
                    "themes",
                    "tension_signals",
                    "sources",
                    "intensity",
                )
            },
        )
        created += 1
        for offset, (role, analysis) in enumerate(story["contributions"]):
            author = _contributor(members, role, cell)
            if author is not None:
                services.contribution_add(
                    user=author,
                    situation=situation,
                    analysis=analysis,
                    contributed_on=situation.reported_on + datetime.timedelta(days=3 + offset),
                    today=today,
                )
        for role, kind, description, start, end, status in story["interventions"]:
            owner = members.get(role, members[Role.COORDINATOR])[0].organisation
            intervention = services.intervention_plan(
                user=coordinator,
                situation=situation,
                kind=kind,
                description=description,
                organisation=owner,
                starts_on=today + datetime.timedelta(days=start),
                ends_on=today + datetime.timedelta(days=end) if end is not None else None,
                today=today,
            )
            for step in ("ongoing", "completed") if status == "completed" else (status,):
                if step != intervention.status:
                    intervention = services.intervention_update(
                        user=coordinator,
                        intervention=intervention,
                        version=intervention.version,
                        status=step,
                        today=today,
                    )
        for to_state, reason in story["path"]:
            situation = services.situation_transition(
                user=coordinator,
                situation=situation,
                to_state=to_state,
                version=situation.version,
                reason=reason,
                today=today,
            )
    return created


@transaction.atomic
def seed_polarisation(*, today: datetime.date | None = None) -> int:
    """Seed the demo cells that have no situation yet; returns how many were created."""
    today = today or timezone.localdate()
    created = 0
    for cell in Cell.objects.filter(code__in=DEMO_CELLS, is_active=True).order_by("code"):
        if Situation.objects.filter(cell=cell).exists():
            continue
        created += _seed_cell(cell, SITUATIONS.get(cell.code, []), today)
    return created
