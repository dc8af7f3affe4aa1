"""Conferences on top of the case-work world (tests/casework.py)."""

import datetime

from django.utils import timezone

from livc.cases import services as case_services
from livc.conferences import services
from livc.conferences.models import Conference
from livc.intake.services import Identity

from ..casework import build_world, register_signal

S = Conference.Status
SECOND_IDENTITY = Identity("Mira", "Janssens", datetime.date(2006, 7, 1), "", None)


def plan(world, *, cases, invite, hours_from_now=-1, place="Town hall, room 2"):
    """A planned conference of world.cell with `cases` on the agenda; `invite` maps a case
    to the user names invited to its item."""
    coordinator = world.users["coordinator"]
    starts_at = timezone.now() + datetime.timedelta(hours=hours_from_now)
    conference = services.conference_plan(
        user=coordinator,
        cell=world.cell,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place=place,
    )
    for case in cases:
        item = services.agenda_add(user=coordinator, conference=conference, case=case)
        names = invite.get(case, [])
        services.invitations_set(
            user=coordinator, item=item, invitees=[world.users[n] for n in names]
        )
    return conference


def attest(world, conference, *names):
    for name in names:
        services.attestation_record(user=world.users[name], conference=conference)


def hold(world, conference, decisions="Decided: {code}"):
    """Mark held and write minutes for every item (one agreed action per participant)."""
    coordinator = world.users["coordinator"]
    services.conference_transition(user=coordinator, conference=conference, to_status=S.HELD)
    for item in conference.items.select_related("case"):
        participant = item.case.participants.select_related("organisation").first()
        services.minutes_save(
            user=coordinator,
            item=item,
            decisions=decisions.format(code=item.case.code),
            next_review_on=datetime.date(2027, 3, 1),
            actions=[
                services.ActionLine(participant.organisation, f"Follow up {item.case.code}", None)
            ],
        )
    return conference


def approve(world, conference, attendees):
    coordinator = world.users["coordinator"]
    services.attendance_set(
        user=coordinator, conference=conference, attendees=[world.users[n] for n in attendees]
    )
    services.conference_transition(
        user=coordinator, conference=conference, to_status=S.MINUTES_APPROVED
    )
    return conference


def second_case(world):
    """A case of the same cell where only CLB takes part, other_partner named."""
    signal = register_signal(
        world, world.users["other_partner"], world.clb, identity=SECOND_IDENTITY
    )
    return case_services.case_open(
        user=world.users["coordinator"],
        subject=signal.subject,
        phenomenon="left_wing",
        prevention_level="secondary",
        reporting_organisation=world.clb,
        reporter=world.users["other_partner"],
    )


def conference_world():
    """build_world() plus three conferences about world.case, one per status.

    Invited to the item: partner and information_officer. On the held and approved ones,
    partner, information_officer and chair attested; on the approved one they attended.
    """
    world = build_world()
    invite = {world.case: ["partner", "information_officer"]}
    world.planned = plan(world, cases=[world.case], invite=invite)
    world.held = plan(world, cases=[world.case], invite=invite, hours_from_now=-30)
    attest(world, world.held, "partner", "information_officer", "chair")
    hold(world, world.held)
    world.approved = plan(world, cases=[world.case], invite=invite, hours_from_now=-60)
    attest(world, world.approved, "partner", "information_officer", "chair")
    hold(world, world.approved)
    approve(world, world.approved, ["coordinator", "chair", "partner", "information_officer"])
    return world
