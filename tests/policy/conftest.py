"""A world for action plans: the case-work world (every cell role, a signal and a case)
plus every role above the cells, a Flemish plan and a federal plan.

The Flemish plan runs from January of last year to December of next year, is adopted, and
has two axes; measure m1 belongs to `owner`, m2 to `other_owner`. m1 has its first two
half-yearly updates (the second one late), so the third half-year is overdue and the
current one is awaited. The federal plan has one measure owned by `outside_owner`.
"""

import datetime

import pytest
from django.utils import timezone

from livc.organisations.models import Membership, Organisation, Region, Role
from livc.policy import services
from livc.policy.periods import HalfYear

from ..casework import ROLES as CASEWORK_ROLES
from ..casework import build_world
from ..factories import OrganisationFactory, UserFactory

FLANDERS, WALLONIA = "02000", "03000"
# The roles above the cells, and which membership each one holds.
POLICY_ROLES = [
    "federal_officer",
    "flemish_officer",
    "walloon_officer",
    "owner",
    "other_owner",
    "outside_owner",
    "regional_supervisor",
    "mobile_team_expert",
    "grant_officer",
]
ROLES = CASEWORK_ROLES + POLICY_ROLES


def today() -> datetime.date:
    return timezone.localdate()


def region(code: str) -> Region:
    return Region.objects.get(nis_code=code)


def above(role, *, region_code=None, organisation=None):
    user = UserFactory()
    Membership.objects.create(
        user=user,
        role=role,
        region=region(region_code) if region_code else None,
        organisation=organisation,
    )
    return user


def plan_data(**changes) -> dict:
    year = today().year
    return {
        "level": "flemish",
        "title": "Action plan against violent radicalisation",
        "period_start": datetime.date(year - 1, 1, 1),
        "period_end": datetime.date(year + 1, 12, 31),
        "responsible_body": "Flemish Platform Radicalisation",
        "structure": "axes",
        "approved_on": datetime.date(year - 2, 12, 15),
        "decision_reference": "VR 2024 1512 DOC.0001",
        **changes,
    }


def measure_data(world, **changes) -> dict:
    return {
        "objective": world.axis,
        "code": "1.9",
        "title": "Training for front-line workers",
        "policy_domain": "welfare",
        "owner": world.users["owner"],
        "indicator": "front-line workers trained",
        "indicator_unit": "persons",
        "baseline": 0,
        "target": 400,
        "budget": "125000",
        **changes,
    }


def current_period() -> HalfYear:
    return HalfYear.containing(today())


@pytest.fixture
def world(db):
    world = build_world()
    welfare = OrganisationFactory(name="Department of Welfare", type=Organisation.Type.OTHER)
    education = OrganisationFactory(name="Department of Education", type=Organisation.Type.OTHER)
    interior = OrganisationFactory(name="Home Affairs", type=Organisation.Type.OTHER)
    users = world.users
    users["federal_officer"] = above(Role.POLICY_OFFICER)
    users["flemish_officer"] = above(Role.POLICY_OFFICER, region_code=FLANDERS)
    users["walloon_officer"] = above(Role.POLICY_OFFICER, region_code=WALLONIA)
    users["owner"] = above(Role.MEASURE_OWNER, organisation=welfare)
    users["other_owner"] = above(Role.MEASURE_OWNER, organisation=education)
    users["outside_owner"] = above(Role.MEASURE_OWNER, organisation=interior)
    users["regional_supervisor"] = above(Role.SUPERVISOR, region_code=WALLONIA)
    users["mobile_team_expert"] = above(Role.MOBILE_TEAM_EXPERT)
    users["grant_officer"] = above(Role.GRANT_OFFICER)
    officer = users["flemish_officer"]
    world.plan = services.plan_create(user=officer, **plan_data())
    world.axis = services.objective_add(
        user=officer, plan=world.plan, kind="axis", code="1", title="Support for local governments"
    )
    world.other_axis = services.objective_add(
        user=officer, plan=world.plan, kind="axis", code="2", title="Resilience of young people"
    )
    world.m1 = services.measure_add(
        user=officer, plan=world.plan, **measure_data(world, code="1.1", title="Coaching of cells")
    )
    world.m2 = services.measure_add(
        user=officer,
        plan=world.plan,
        **measure_data(
            world,
            objective=world.other_axis,
            code="2.1",
            title="Media literacy in schools",
            policy_domain="education",
            owner=users["other_owner"],
        ),
    )
    world.plan = services.plan_transition(
        user=officer, plan=world.plan, to_status="adopted", version=world.plan.version
    )
    first = HalfYear(today().year - 1, 1)
    world.m1.plan = world.plan
    services.progress_update_submit(
        user=users["owner"],
        measure=world.m1,
        period=first,
        status="ongoing",
        narrative="Coaching started in twelve cells.",
        indicator_value=40,
        spending="20000",
        today=first.due_on - datetime.timedelta(days=5),
    )
    world.m1.refresh_from_db()
    world.m1.plan = world.plan
    services.progress_update_submit(
        user=users["owner"],
        measure=world.m1,
        period=first.next(),
        status="ongoing",
        narrative="Coaching continued; two regional days held.",
        indicator_value=95,
        spending="45000",
        today=first.next().due_on + datetime.timedelta(days=10),
    )
    world.m1.refresh_from_db()
    world.recommendation = services.recommendation_add(
        user=officer,
        plan=world.plan,
        source="parliamentary_hearing",
        source_reference="Hearing of the committee on radicalisation",
        text="Give local governments structural support for their cells.",
        issued_on=plan_data()["period_start"],
        measures=[world.m1],
    )
    world.federal_plan = services.plan_create(
        user=users["federal_officer"],
        **plan_data(level="federal", title="Federal prevention plan", responsible_body="FPS"),
    )
    federal_axis = services.objective_add(
        user=users["federal_officer"],
        plan=world.federal_plan,
        kind="axis",
        code="A",
        title="Mobile team",
    )
    world.federal_measure = services.measure_add(
        user=users["federal_officer"],
        plan=world.federal_plan,
        **measure_data(
            world,
            objective=federal_axis,
            code="A.1",
            title="Visits to municipalities",
            policy_domain="security",
            owner=users["outside_owner"],
        ),
    )
    world.plan.refresh_from_db()
    return world
