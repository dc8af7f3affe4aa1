"""A small living cell for case-work tests: members of every role, a signal and a case."""

import datetime
from dataclasses import dataclass

from livc.cases import services as case_services
from livc.intake import services as intake_services
from livc.organisations.models import Membership, Organisation, Role

from .factories import CellFactory, OrganisationFactory, UserFactory, municipality

IDENTITY = intake_services.Identity("Jan", "Peeters", datetime.date(2005, 3, 14), "", None)


# Every actor of build_world(), for permission matrices.
ROLES = [
    "coordinator", "chair", "information_officer", "partner", "colleague", "other_partner",
    "dpo", "foreign_coordinator", "supervisor", "administrator", "left_partner",
]  # fmt: skip
CELL_MEMBERS = set(ROLES) - {"supervisor", "administrator"}


@dataclass
class World:
    cell: object
    other_cell: object
    users: dict
    police: Organisation
    caw: Organisation
    clb: Organisation
    signal: object = None
    case: object = None


def join(user, role, cell, organisation):
    Membership.objects.create(user=user, role=role, cell=cell, organisation=organisation)
    return user


def build_world() -> World:
    cell, other = CellFactory(serves=["12025"]), CellFactory(serves=["23088"])
    city = OrganisationFactory(name="City", type=Organisation.Type.PREVENTION)
    police = OrganisationFactory(name="Police zone", type=Organisation.Type.POLICE)
    caw, clb = (
        OrganisationFactory(name="CAW"),
        OrganisationFactory(name="CLB", type=Organisation.Type.CLB),
    )
    users = {
        "coordinator": join(UserFactory(), Role.COORDINATOR, cell, city),
        "chair": join(UserFactory(), Role.CHAIR, cell, city),
        "information_officer": join(UserFactory(), Role.INFORMATION_OFFICER, cell, police),
        "partner": join(UserFactory(), Role.PARTNER, cell, caw),
        "colleague": join(UserFactory(), Role.PARTNER, cell, caw),  # same org, not named
        "other_partner": join(UserFactory(), Role.PARTNER, cell, clb),
        "dpo": join(UserFactory(), Role.DPO, cell, city),
        "foreign_coordinator": join(UserFactory(), Role.COORDINATOR, other, city),
        "supervisor": UserFactory(),
        "administrator": UserFactory(),
    }
    Membership.objects.create(user=users["supervisor"], role=Role.SUPERVISOR)
    Membership.objects.create(user=users["administrator"], role=Role.ADMINISTRATOR)
    world = World(cell, other, users, police, caw, clb)
    world.signal = register_signal(world, users["partner"], caw)
    world.case = case_services.case_open(
        user=users["coordinator"],
        subject=world.signal.subject,
        phenomenon="right_wing",
        prevention_level="secondary",
        reporting_organisation=caw,
        reporter=users["partner"],
    )
    case_services.participant_invite(
        user=users["coordinator"],
        case=world.case,
        organisation=police,
        members=[users["information_officer"]],
    )
    # A partner whose organisation took part in the case and then left it.
    ocmw = OrganisationFactory(name="OCMW", type=Organisation.Type.OCMW)
    users["left_partner"] = join(UserFactory(), Role.PARTNER, cell, ocmw)
    left = case_services.participant_invite(
        user=users["coordinator"],
        case=world.case,
        organisation=ocmw,
        members=[users["left_partner"]],
    )
    case_services.participant_decline(
        user=users["left_partner"], participant=left, reason="Outside our mission"
    )
    return world


def register_signal(world, user, organisation, identity=IDENTITY, cell=None):
    identity = intake_services.Identity(
        identity.first_name,
        identity.last_name,
        identity.birth_date,
        identity.national_number,
        municipality("12025"),
    )
    return intake_services.signal_register(
        user=user,
        cell=cell or world.cell,
        organisation=organisation,
        identity=identity,
        received_on=datetime.date(2026, 11, 2),
        observation="Talks about violence at school.",
        behaviours=["us_vs_them"],
        behaviour_other="",
        phenomenon="right_wing",
        prevention_level="secondary",
        urgency="normal",
    )
