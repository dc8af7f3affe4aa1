"""Records with everything a purge must remove, and dates moved into the past."""

import datetime

import pytest
from django.utils import timezone

from livc.cases import services as case_services
from livc.cases.models import Case
from livc.conferences.models import AgendaItem, AgreedAction, Conference, Invitation, Minutes
from livc.intake import services as intake_services
from livc.intake.models import Consultation, Signal
from livc.trajectories import services as plans
from livc.trajectories.models import ProgressNote, Review

from ..casework import build_world, register_signal

SECRET_WORDS = ("Jan", "Peeters", "violence at school", "Worried", "Finish school", "Advice")


@pytest.fixture
def world(db):
    return build_world()


def local(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def closed_case(world, closed_on: datetime.date, *, conference_on=None) -> Case:
    """A case closed on `closed_on` with notes, participants (one declined), phases, a
    plan (goal, action, progress note, review), an agenda item with invitation, minutes
    and an agreed action, its signal and the consultation that became that signal."""
    coordinator, partner = world.users["coordinator"], world.users["partner"]
    consultation = intake_services.consultation_ask(
        user=partner, cell=world.cell, organisation=world.caw, question="Advice about Jan?"
    )
    signal = register_signal(world, partner, world.caw)
    Consultation.objects.filter(pk=consultation.pk).update(signal=signal)
    signal = intake_services.signal_screen(
        user=coordinator, signal=signal, outcome="case_opened", reason="Follow-up needed"
    )
    case = signal.case
    case_services.participant_invite(
        user=coordinator,
        case=case,
        organisation=world.police,
        members=[world.users["information_officer"]],
    )
    declined = case_services.participant_invite(
        user=coordinator, case=case, organisation=world.clb, members=[]
    )
    case_services.participant_decline(
        user=world.users["other_partner"], participant=declined, reason="Not our pupil"
    )
    case_services.note_add(user=partner, case=case, text="Worried about Jan Peeters")
    case_services.case_change_phase(
        user=coordinator, case=case, to_phase="active", version=case.version
    )
    plan = plans.plan_for(user=coordinator, case=case)
    goal = plans.goal_add(user=coordinator, plan=plan, description="Finish school")
    action = plans.create_action(
        user=coordinator,
        case=case,
        organisation=world.caw,
        description="Talk with Jan",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        goal=goal,
    )
    ProgressNote.objects.create(action=action, author=partner, text="Jan came twice")
    Review.objects.create(
        plan=plan, held_on=timezone.localdate(), note="Going well for Jan", author=coordinator
    )
    starts = local(conference_on or closed_on - datetime.timedelta(days=30), 14)
    conference = Conference.objects.create(
        cell=world.cell,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Hall",
    )
    item = AgendaItem.objects.create(conference=conference, case=case)
    Invitation.objects.create(item=item, user=partner)
    Minutes.objects.create(item=item, decisions="Jan gets a mentor", written_by=coordinator)
    AgreedAction.objects.create(item=item, organisation=world.caw, description="Call Jan")
    case.refresh_from_db()
    case_services.case_close(
        user=coordinator,
        case=case,
        version=case.version,
        reason="goals_reached",
        outcome="improved",
    )
    Case.objects.filter(pk=case.pk).update(closed_on=closed_on)
    case.refresh_from_db()
    return case


def out_of_scope_signal(world, screened_at: datetime.datetime, outcome="advised") -> Signal:
    signal = register_signal(world, world.users["partner"], world.caw)
    signal = intake_services.signal_screen(
        user=world.users["coordinator"], signal=signal, outcome=outcome, reason="Not for us"
    )
    Signal.objects.filter(pk=signal.pk).update(screened_at=screened_at)
    signal.refresh_from_db()
    return signal


def consultation(world, asked_at: datetime.datetime, answered_at=None) -> Consultation:
    asked = intake_services.consultation_ask(
        user=world.users["partner"], cell=world.cell, organisation=world.caw, question="Advice?"
    )
    if answered_at is not None:
        intake_services.consultation_answer(
            user=world.users["coordinator"], consultation=asked, answer="Talk to the school"
        )
    Consultation.objects.filter(pk=asked.pk).update(asked_at=asked_at, answered_at=answered_at)
    asked.refresh_from_db()
    return asked
