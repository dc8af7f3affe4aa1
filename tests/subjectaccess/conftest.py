"""A subject with something in every kind of record the platform keeps, on top of the
case-work world (tests/casework.py). Every free text is distinctive, so an export can be
checked for each of them."""

import datetime

import pytest
from django.utils import timezone

from livc.cases import services as cases
from livc.conferences import services as conferences
from livc.intake import services as intake
from livc.retention import services as retention
from livc.retention.models import PurgeBatch, Tombstone
from livc.subjectaccess import services
from livc.trajectories import services as plans

from ..casework import build_world
from ..conferences.helpers import plan as plan_conference
from ..factories import municipality

TEXTS = {
    "question": "Consultation question about a teenager drawing symbols",
    "answer": "Consultation answer: report it as a signal",
    "observation": "Observation: distributes pamphlets at the Grote Markt",
    "behaviour_other": "Other behaviour: collects knives",
    "screening_reason": "Screening reason: pattern over three months",
    "decline_reason": "Decline reason: no capacity this quarter",
    "not_informed_reason": "Not informed: informing would endanger a sibling",
    "assessment": "Assessment: open to contact with a mentor",
    "decisions": "Minutes decision: mentor trajectory starts in January",
    "agreed_action": "Agreed action: find a boxing club",
    "goal": "Goal: back in school full-time",
    "action": "Action: weekly talk at the youth house",
    "progress": "Progress note: came to four talks out of five",
    "review": "Review conclusion: keep the weekly rhythm",
    "checkin": "Check-in note: stable at work",
    "request": "Request: the birth date in the file is wrong",
    "decision_reason": "Decision reason: the date matches the national register",
    "resignal": "Re-signal observation: seen again near the station",
    "hold": "Hold reason: judicial inquiry pending",
}
OTHER_TEXTS = {
    "observation": "Other person observation: shouting at the station",
    "assessment": "Other person assessment: avoids all contact",
}
IDENTITY = ("Lieve", "Maes", datetime.date(2004, 5, 6))


def national_number(birth: datetime.date, serial: str = "123") -> str:
    """A valid Belgian national register number for `birth`."""
    body = f"{birth:%y%m%d}{serial}"
    prefix = "2" if birth.year >= 2000 else ""
    return body + f"{97 - int(prefix + body) % 97:02d}"


def today() -> datetime.date:
    return timezone.localdate()


def register(world, identity, observation, *, nn="", consultation=None, behaviour_other=""):
    """A signal reported by the partner (CAW); one that converts a consultation by the
    coordinator, whose decision that is."""
    first, last, born = identity
    reporter = world.users["coordinator" if consultation else "partner"]
    return intake.signal_register(
        user=reporter,
        cell=world.cell,
        organisation=reporter.memberships.get(cell=world.cell).organisation,
        identity=intake.Identity(first, last, born, nn, municipality("12025")),
        received_on=today(),
        observation=observation,
        behaviours=["us_vs_them", "other"] if behaviour_other else ["us_vs_them"],
        behaviour_other=behaviour_other,
        phenomenon="anti_government",
        prevention_level="secondary",
        urgency="normal",
        consultation=consultation,
    )


def build_rich_subject(world):
    """A subject of world.cell with every kind of record; sets world.rich_* attributes."""
    users = world.users
    coordinator, partner = users["coordinator"], users["partner"]
    consultation = intake.consultation_ask(
        user=partner, cell=world.cell, organisation=world.caw, question=TEXTS["question"]
    )
    intake.consultation_answer(user=coordinator, consultation=consultation, answer=TEXTS["answer"])
    signal = register(
        world,
        IDENTITY,
        TEXTS["observation"],
        nn=national_number(IDENTITY[2]),
        consultation=consultation,
        behaviour_other=TEXTS["behaviour_other"],
    )
    signal = intake.signal_screen(
        user=coordinator, signal=signal, outcome="case_opened", reason=TEXTS["screening_reason"]
    )
    case = signal.case
    # The coordinator turned the CAW's consultation into the signal: the CAW takes part.
    cases.participant_invite(
        user=coordinator, case=case, organisation=world.caw, members=[partner]
    )  # fmt: skip
    cases.participant_invite(
        user=coordinator, case=case, organisation=world.police,
        members=[users["information_officer"]],
    )  # fmt: skip
    police = case.participants.get(organisation=world.police)
    cases.participant_decline(
        user=users["information_officer"], participant=police, reason=TEXTS["decline_reason"]
    )
    cases.case_update(
        user=coordinator, case=case, version=case.version, consent="given",
        not_informed_reason=TEXTS["not_informed_reason"], case_director=partner,
    )  # fmt: skip
    cases.note_add(user=partner, case=case, text=TEXTS["assessment"])
    cases.case_change_phase(user=coordinator, case=case, to_phase="active", version=case.version)
    # The same person signalled again and screened into the open case: another subject
    # record, about them all the same.
    again = register(world, IDENTITY, TEXTS["resignal"], nn=national_number(IDENTITY[2]))
    intake.signal_screen(
        user=coordinator, signal=again, outcome="case_opened", reason="Same person",
        existing_case=case,
    )  # fmt: skip
    # Conference: planned with the case, held, minutes with one agreed action.
    conference = plan_conference(world, cases=[case], invite={case: ["partner"]})
    conferences.conference_transition(user=coordinator, conference=conference, to_status="held")
    conferences.minutes_save(
        user=coordinator,
        item=conference.items.get(),
        decisions=TEXTS["decisions"],
        next_review_on=today() + datetime.timedelta(days=60),
        actions=[conferences.ActionLine(world.caw, TEXTS["agreed_action"], None)],
    )
    # Plan: goal, action (in progress, with a progress note), review.
    plan = plans.plan_for(user=coordinator, case=case)
    goal = plans.goal_add(user=coordinator, plan=plan, description=TEXTS["goal"])
    action = plans.create_action(
        user=coordinator, case=case, organisation=world.caw, description=TEXTS["action"],
        due_on=today() + datetime.timedelta(days=7), owner=partner, goal=goal,
    )  # fmt: skip
    plans.action_transition(
        user=partner, action=action, to_status="in_progress", version=action.version
    )
    plans.progress_note_add(user=partner, action=action, text=TEXTS["progress"])
    plan.refresh_from_db()
    plans.review_add(
        user=coordinator, plan=plan, held_on=today(), note=TEXTS["review"],
        next_review_on=None, version=plan.version,
    )  # fmt: skip
    # Aftercare with a check-in done, then closure.
    case.refresh_from_db()
    cases.case_change_phase(user=coordinator, case=case, to_phase="aftercare", version=case.version)
    checkin = case.checkins.order_by("due_on").first()
    cases.checkin_done(user=coordinator, checkin=checkin, done_on=today(), note=TEXTS["checkin"])
    case.refresh_from_db()
    cases.case_close(
        user=coordinator, case=case, version=case.version, reason="goals_reached",
        outcome="improved",
    )  # fmt: skip
    request = services.request_create(
        user=coordinator, cell=world.cell, kind="rectification", received_on=today(),
        description=TEXTS["request"], subject=signal.subject,
    )  # fmt: skip
    services.request_decide(
        user=coordinator, subject_request=request, decision="refused", decided_on=today(),
        reason=TEXTS["decision_reason"],
    )  # fmt: skip
    retention.legal_hold_place(user=coordinator, case=case, reason=TEXTS["hold"])
    # What a purge leaves of an out-of-scope signal of theirs that was linked to the case.
    batch = PurgeBatch.objects.create(today=today(), triggered_by="test")
    Tombstone.objects.create(
        record_type="signal", original_id=999_999, reference="S-PURGED-1", cell=world.cell,
        case_original_id=case.pk, retention_until=today(), batch=batch,
        purged_at=timezone.now(), purged_by="test",
    )  # fmt: skip
    world.rich_subject, world.rich_case, world.rich_signal = signal.subject, case, signal
    world.rich_request = request
    return world


def build_other_subject(world):
    """Another subject of the same cell, with texts that must never leak into the first."""
    signal = register(
        world, ("Tom", "Claes", datetime.date(2003, 1, 2)), OTHER_TEXTS["observation"]
    )
    case = cases.case_open(
        user=world.users["coordinator"], subject=signal.subject, phenomenon="other",
        prevention_level="primary", reporting_organisation=world.caw,
        reporter=world.users["partner"],
    )  # fmt: skip
    cases.note_add(user=world.users["partner"], case=case, text=OTHER_TEXTS["assessment"])
    world.other_subject, world.other_case = signal.subject, case
    return world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def rich_world(world):
    build_rich_subject(world)
    build_other_subject(world)
    return world
