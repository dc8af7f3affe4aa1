# ruff: noqa: E501 - demo prose, one sentence per line
"""Demo action plans: the two Flemish plans the source documents describe (shared/domain
003 and 004), built through the services (import, policies, workflow, access log).

- The action plan of 3 April 2015: 40 measures around 11 axes, coordinated by the Flemish
  Platform Radicalisation with half-yearly reports to the Flemish Parliament and a global
  evaluation in 2018. The documents give neither the titles of the axes nor the measures:
  the demo numbers them and labels every one as a placeholder. Its structure is imported
  from a CSV built here, as a policy officer would.
- The action plan 2020-2024: the objectives the document lists (it announces 8; the text
  we have gives 6), with two placeholder measures under each.
Every measure state occurs; updates are written on their historical dates, some late, and
some of the 2020-2024 plan are missing (late updates). The measure owners and the policy
officer are created by `site.demo` (as users of the other roles are). Idempotent: a plan
that exists (by title) is left alone.
"""

import datetime

from django.db import transaction

from livc.organisations.models import Membership, Role

from . import progress, services
from .models import Measure, Plan
from .periods import HalfYear

D = datetime.date
# The administrations of the measure owners (site.demo creates them and their users):
# key → (name, NIS code of the seat).
ADMINISTRATIONS = {
    "wvg": ("Departement Welzijn, Volksgezondheid en Gezin", "21004"),
    "onderwijs": ("Departement Onderwijs en Vorming", "21004"),
    "abb": ("Agentschap Binnenlands Bestuur", "21004"),
}
PLACEHOLDER = "demoplaatshouder"

PLAN_2015 = {
    "level": "flemish",
    "title": "Actieplan ter preventie van radicaliseringsprocessen die kunnen leiden tot extremisme en terrorisme",
    "structure": "axes",
    "period_start": D(2015, 4, 3),
    "period_end": D(2018, 12, 31),
    "approved_on": D(2015, 4, 3),
    "decision_reference": "",
    "responsible_body": "Vlaams Platform Radicalisering",
    "description": (
        "Goedgekeurd door de Vlaamse Regering op 3 april 2015, als concretisering van de conceptnota van 16 januari 2015. "
        "40 concrete maatregelen rond 11 assen: informatiedeling, samenwerking en coördinatie, met aandacht voor de lokale besturen en de eerstelijnswerkers. "
        "Het Vlaams Platform Radicalisering coördineert, volgt op en evalueert; het rapporteert halfjaarlijks aan het Vlaams Parlement; globale evaluatie in 2018.\n"
        "Demo: de brondocumenten geven de titels van de assen en maatregelen niet; ze zijn genummerde demoplaatshouders. "
        "Het besluitnummer staat niet in de brondocumenten; het einde van de periode (eind 2018, de globale evaluatie) is voor de demo aangenomen."
    ),
}
# Measures per axis (4 × 7 + 3 × 4 = 40).
MEASURES_PER_AXIS_2015 = [4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3]
# The policy domains of the ministers the plan names, in turn, and who owns what.
DOMAINS_2015 = [
    "home_affairs",
    "urban_policy",
    "integration",
    "youth",
    "media",
    "welfare",
    "education",
    "work",
    "foreign_affairs",
]
OWNER_OF_DOMAIN = {
    "welfare": "wvg",
    "youth": "wvg",
    "education": "onderwijs",
    "work": "onderwijs",
    "home_affairs": "abb",
    "urban_policy": "abb",
    "integration": "abb",
}
# Where each 2015 measure ended (by its number 1..40; the rest: implemented).
END_2015 = {
    5: ("ongoing", ""),
    12: ("ongoing", ""),
    23: ("ongoing", ""),
    31: ("ongoing", ""),
    8: ("delayed", "Demo: de uitvoering schoof door naar het volgende actieplan."),
    27: ("delayed", "Demo: afhankelijk van een decreetswijziging die later kwam."),
    17: ("abandoned", "Demo: opgegaan in een andere maatregel."),
    36: ("abandoned", "Demo: geen budget vrijgemaakt."),
    14: ("planned", ""),
    39: ("planned", ""),
}

PLAN_2020 = {
    "level": "flemish",
    "title": "Actieplan ter preventie van gewelddadige radicalisering, extremisme, terrorisme en polarisatie 2020-2024",
    "structure": "objectives",
    "period_start": D(2020, 1, 1),
    "period_end": D(2024, 12, 31),
    "approved_on": D(2020, 7, 17),
    "decision_reference": "VR 2020 1707 MED.0257/1BIS",
    "responsible_body": "Vlaamse Regering – Vlaams Platform Radicalisering",
    "description": (
        "Het doelstellingenkader werd met de mededeling van 17 juli 2020 (VR 2020 1707 MED.0257/1BIS) aan de Vlaamse Regering voorgelegd; "
        "datum en referentie hierboven zijn die van die mededeling. Elk beleidsdomein voert binnen zijn bevoegdheden acties uit in het kader van de doelstellingen.\n"
        "Demo: het document noemt 8 doelstellingen, de tekst in de brondocumenten geeft er 6; de maatregelen zijn demoplaatshouders."
    ),
}
OBJECTIVES_2020 = [
    "We versterken onze samenleving tegen polarisatie, zowel online als offline. Elk betrokken beleidsdomein neemt de nodige maatregelen om polarisatie tegen te gaan.",
    "We hanteren een krachtdadige aanpak tegen alle vormen van extremisme in onze samenleving, zowel online als offline. Elk betrokken beleidsdomein neemt de nodige maatregelen om extremisme tegen te gaan.",
    "We bouwen de samenwerking en coördinatie tussen alle niveaus en structuren verder uit en we versterken de informatie-uitwisseling.",
    "We ondersteunen en versterken de lokale besturen en de lokale diensten en voorzieningen.",
    "We zetten in op een snelle detectie van signalen en hanteren hierbij een aanklampende, op maat gesneden en multidisciplinaire aanpak bij individuele casussen.",
    "We zetten in op disengagement en nazorg via een curatieve, multidisciplinaire aanpak met als doel een betere re-integratie en vermindering van recidive.",
]
DOMAINS_2020 = ["youth", "media", "education", "welfare", "home_affairs", "work"]
# 2020-2024 measures (objective, n) → (path of statuses with their dates, reason); updates
# for 2023-H2, 2024-H1 and 2024-H2 are written unless listed in MISSING_2020 / LATE_2020.
MEASURE_START_2020 = D(2023, 7, 1)
STORY_2020 = {
    (1, 1): [("ongoing", D(2023, 9, 1))],
    (1, 2): [("ongoing", D(2023, 9, 15)), ("implemented", D(2024, 10, 1))],
    (2, 1): [("ongoing", D(2023, 10, 1)), ("delayed", D(2024, 3, 1))],
    (2, 2): [],  # still planned
    (3, 1): [("ongoing", D(2023, 8, 1)), ("implemented", D(2024, 6, 1))],
    (3, 2): [("abandoned", D(2024, 2, 1))],
    (4, 1): [("ongoing", D(2023, 7, 15))],
    (4, 2): [("ongoing", D(2023, 9, 1)), ("delayed", D(2024, 5, 1)), ("ongoing", D(2024, 9, 1))],
    (5, 1): [("ongoing", D(2023, 11, 1))],
    (5, 2): [("ongoing", D(2024, 1, 15)), ("abandoned", D(2024, 11, 1))],
    (6, 1): [("ongoing", D(2023, 7, 1)), ("implemented", D(2024, 12, 1))],
    (6, 2): [("ongoing", D(2023, 12, 1))],
}
REASONS = {
    "delayed": "Demo: de aanbesteding liep vertraging op.",
    "abandoned": "Demo: de maatregel werd opgenomen in een andere maatregel.",
}
# Updates never written (late now) and written after their due date (days late).
MISSING_2020 = {((1, 1), "2024-H2"), ((2, 1), "2024-H2"), ((4, 1), "2024-H1"), ((5, 1), "2024-H2")}
LATE_2020 = {((4, 2), "2024-H1"): 21, ((6, 2), "2023-H2"): 9}


def _users():
    """The demo's Flemish policy officer and measure owners by administration key."""
    officer = (
        Membership.objects.filter(
            role=Role.POLICY_OFFICER, is_active=True, region__nis_code="02000"
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    owners = {}
    for key, (name, _nis) in ADMINISTRATIONS.items():
        membership = (
            Membership.objects.filter(
                role=Role.MEASURE_OWNER, is_active=True, organisation__name=name
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership:
            owners[key] = membership.user
    return (officer.user if officer else None), owners


def _csv_2015(owners) -> bytes:
    lines = ["kind,code,parent,title,policy_domain,owner_email,indicator,unit"]
    number = 0
    for axis, count in enumerate(MEASURES_PER_AXIS_2015, 1):
        lines.append(
            f"axis,{axis},,As {axis} – titel niet in de brondocumenten ({PLACEHOLDER}),,,,"
        )
        for n in range(1, count + 1):
            number += 1
            domain = DOMAINS_2015[(number - 1) % len(DOMAINS_2015)]
            owner = owners.get(OWNER_OF_DOMAIN.get(domain, ""))
            lines.append(
                f"measure,{axis}.{n},{axis},Maatregel {number} – {PLACEHOLDER} (geen echte maatregel),"
                f"{domain},{owner.email if owner else ''},"
                f"Demo-indicator bij maatregel {number},aantal"
            )
    return ("\n".join(lines) + "\n").encode()


def _run(plan: Plan, events: list) -> None:
    """Play (day, order, measure pk, action) events in date order, each on a fresh copy of
    its measure (the services lock on `version`)."""
    for day, _order, pk, action in sorted(events, key=lambda e: (e[0], e[1])):
        measure = Measure.objects.get(pk=pk)
        measure.plan = plan
        action(measure, day)


def _move(officer, to_status: str, reason: str = ""):
    def action(measure: Measure, day):
        services.measure_transition(
            user=officer,
            measure=measure,
            to_status=to_status,
            version=measure.version,
            reason=reason,
            today=day,
        )

    return action


def _update(period, text: str, value, spent):
    """The owner's update for `period`, reporting the measure's status on that day
    (skipped when no update is owed, e.g. for a measure abandoned before the period)."""

    def action(measure: Measure, day):
        if not progress.can_be_written(measure, measure.plan, period, day):
            return
        services.progress_update_submit(
            user=measure.owner,
            measure=measure,
            period=period,
            status=measure.status,
            narrative=text,
            indicator_value=value,
            spending=spent,
            today=day,
        )

    return action


def _seed_2015(officer, owners) -> Plan:
    start = PLAN_2015["period_start"]
    plan = services.plan_create(user=officer, today=start, **PLAN_2015)
    services.plan_structure_import(
        user=officer,
        plan=plan,
        content=_csv_2015(owners),
        filename="actieplan-2015.csv",
        today=start,
    )
    plan = services.plan_transition(
        user=officer, plan=plan, to_status="adopted", version=plan.version, today=start
    )
    measures = list(plan.measures.order_by("position"))
    events = []
    for number, measure in enumerate(measures, 1):
        final, reason = END_2015.get(number, ("implemented", ""))
        if final == "planned":
            continue
        if final == "abandoned" and number % 2 == 0:  # dropped before it started
            events.append((D(2016, 3, 1), 0, measure.pk, _move(officer, "abandoned", reason)))
            continue
        started = D(2015, 6, 1) + datetime.timedelta(days=number)
        events.append((started, 0, measure.pk, _move(officer, "ongoing")))
        ended = {
            "abandoned": D(2017, 5, 1),
            "delayed": D(2017, 9, 1),
            "implemented": D(2016, 6, 1) + datetime.timedelta(days=20 * number),
        }.get(final)
        if ended:
            events.append((ended, 0, measure.pk, _move(officer, final, reason)))
    # A sample of half-yearly updates: the owners' first measures, the first two half-years.
    owned = [m for m in measures if m.owner_id][:6]
    for measure in owned:
        for period in (HalfYear(2015, 2), HalfYear(2016, 1)):
            text = f"Demo-voortgang ({PLACEHOLDER}) voor {period.code}: de maatregel verliep volgens plan."
            day = period.due_on - datetime.timedelta(days=7)
            events.append((day, 1, measure.pk, _update(period, text, 10 * period.half, None)))
    _run(plan, events)
    services.recommendation_add(
        user=officer,
        plan=plan,
        source="parliamentary_resolution",
        source_reference="Aanbevelingen van het Vlaams Parlement van 27 mei 2015",
        text=f"Demo ({PLACEHOLDER}): de tekst van de aanbevelingen staat niet in de brondocumenten. De commissie Radicalisering hield hoorzittingen; de Vlaamse Regering houdt rekening met de aanbevelingen die daaruit voortvloeien.",
        issued_on=D(2015, 5, 27),
        measures=measures[:3],
        today=D(2015, 5, 27),
    )
    evaluation = services.recommendation_add(
        user=officer,
        plan=plan,
        source="evaluation",
        source_reference="Globale evaluatie van het actieplan (2018)",
        text=f"Demo ({PLACEHOLDER}): de conclusies van de evaluatie staan niet in de brondocumenten.",
        issued_on=D(2018, 11, 30),
        measures=[measures[4]],
        today=D(2018, 11, 30),
    )
    services.recommendation_update(
        user=officer,
        recommendation=evaluation,
        version=evaluation.version,
        follow_up="in_progress",
        today=D(2018, 12, 15),
    )
    plan.refresh_from_db()
    return services.plan_transition(
        user=officer, plan=plan, to_status="closed", version=plan.version, today=D(2019, 1, 15)
    )


def _seed_2020(officer, owners) -> Plan:
    start = PLAN_2020["approved_on"]
    plan = services.plan_create(user=officer, today=start, **PLAN_2020)
    objectives = [
        services.objective_add(
            user=officer, plan=plan, kind="strategic", code=str(number), title=text
        )
        for number, text in enumerate(OBJECTIVES_2020, 1)
    ]
    owner_cycle = [owners.get(k) for k in ("abb", "wvg", "onderwijs")]
    measures = {}
    for objective, n in STORY_2020:
        measures[objective, n] = services.measure_add(
            user=officer,
            plan=plan,
            objective=objectives[objective - 1],
            code=f"{objective}.{n}",
            title=f"Actie {objective}.{n} – {PLACEHOLDER} (geen echte actie uit het actieplan)",
            policy_domain=DOMAINS_2020[objective - 1],
            owner=owner_cycle[(objective + n) % 3],
            indicator=f"Demo-indicator bij actie {objective}.{n}",
            indicator_unit="aantal",
            baseline=0,
            target=10 * objective,
            budget=25000 * objective,
            starts_on=MEASURE_START_2020,
            ends_on=PLAN_2020["period_end"],
            today=start,
        )
    plan = services.plan_transition(
        user=officer, plan=plan, to_status="adopted", version=plan.version, today=start
    )
    periods = [HalfYear(2023, 2), HalfYear(2024, 1), HalfYear(2024, 2)]
    events = []
    for key, story in STORY_2020.items():
        pk = measures[key].pk
        for to_status, day in story:
            events.append((day, 0, pk, _move(officer, to_status, REASONS.get(to_status, ""))))
        for number, period in enumerate(periods, 1):
            if (key, period.code) in MISSING_2020:
                continue
            day = period.due_on + datetime.timedelta(days=LATE_2020.get((key, period.code), -10))
            text = f"Demo-voortgang ({PLACEHOLDER}) voor {period.code}: stand van zaken van actie {key[0]}.{key[1]}."
            events.append((day, 1, pk, _update(period, text, 5 * number, 4000 * number)))
    _run(plan, events)
    services.recommendation_add(
        user=officer,
        plan=plan,
        source="evaluation",
        source_reference="Tussentijdse opvolging van het actieplan (demo)",
        text=f"Demo ({PLACEHOLDER}): rapporteer de indicatoren van de acties rond polarisatie ook per provincie.",
        issued_on=D(2024, 3, 1),
        measures=[measures[1, 1], measures[1, 2]],
        today=D(2024, 3, 1),
    )
    plan.refresh_from_db()
    return plan


@transaction.atomic
def seed_policy() -> int:
    """Create the demo plans that do not exist yet; returns how many were created."""
    officer, owners = _users()
    if officer is None:
        return 0
    created = 0
    for spec, seed in ((PLAN_2015, _seed_2015), (PLAN_2020, _seed_2020)):
        if Plan.objects.filter(title=spec["title"]).exists():
            continue
        seed(officer, owners)
        created += 1
    return created
