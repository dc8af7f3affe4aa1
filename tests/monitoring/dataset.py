"""A hand-built cell with known answers for every indicator (see EXPECTED in
test_indicators.py): live rows and tombstones, dates chosen around the half-year
2025-H1 (the period P) and 2024-H2 (the one before). Rows are written with the ORM
directly (services refuse past dates); nothing here goes through the access log.

Cell A holds everything counted; cell B holds rows that must never count for A (and the
re-signal of one of A's persons).
"""

import datetime
from dataclasses import dataclass, field
from itertools import count

from django.conf import settings
from django.utils import timezone

from livc.cases.models import AftercareCheckin, Case, Participant, PhaseChange, Subject
from livc.conferences.models import AgendaItem, Attendance, Attestation, Conference
from livc.intake.models import Consultation, Signal
from livc.intake.services import add_working_days
from livc.monitoring.periods import Period
from livc.organisations.models import Membership, Organisation, Role
from livc.retention.models import PurgeBatch, Tombstone
from livc.trajectories.models import Action, ActionStatusChange, Plan

from ..factories import CellFactory, OrganisationFactory, UserFactory, municipality

D = datetime.date
P = Period.half_year(2025, 1)
BEFORE = Period.half_year(2024, 2)
TODAY = D(2026, 8, 1)  # every 12-month re-signal window of P is over
_numbers = count(1)


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@dataclass
class Data:
    cell: object
    other: object
    orgs: dict
    users: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)
    batch: object = None
    base: int = 0  # added to tombstone ids so that the dataset can be built twice


def subject(cell, name_index: str, nn_index: str = "") -> Subject:
    return Subject.objects.create(
        cell=cell,
        first_name="Test",
        last_name="Person",
        birth_date="2000-01-01",
        municipality=municipality("12025"),
        name_index=name_index,
        national_number_index=nn_index,
    )


def signal(data, received_on, *, cell=None, org="caw", reporter="organisation", phenomenon,
           level, status="received", screened_on=None, case=None,
           person=None) -> Signal:  # fmt: skip
    cell = cell or data.cell
    return Signal.objects.create(
        cell=cell,
        reference=f"S-T-{next(_numbers):06d}",
        reported_by=data.users["coordinator"],
        reporter_type=reporter,
        reporting_organisation=data.orgs[org],
        received_on=received_on,
        observation="Observed",
        phenomenon=phenomenon,
        prevention_level=level,
        subject=person or subject(cell, f"sig-{next(_numbers)}"),
        status=status,
        screening_due=add_working_days(received_on, settings.LIVC_SCREENING_DAYS),
        screened_at=at(screened_on) if screened_on else None,
        case=case,
    )


def case(data, name, opened_on, phases, *, phenomenon, level, person=None, reason="",
         outcome="", cell=None) -> Case:  # fmt: skip
    """A case with its dated phase changes [(day, phase), ...]; closed if the last is."""
    cell = cell or data.cell
    last_day, last_phase = phases[-1]
    closed = last_phase == Case.Phase.CLOSED
    created = Case.objects.create(
        cell=cell,
        code=f"{cell.code}-T-{next(_numbers):04d}",
        subject=person or subject(cell, f"case-{name}"),
        phase=last_phase,
        phenomenon=phenomenon,
        prevention_level=level,
        opened_on=opened_on,
        closed_on=last_day if closed else None,
        closure_reason=reason if closed else "",
        closure_outcome=outcome if closed else "",
    )
    previous = ""
    for day, phase in phases:
        change = PhaseChange.objects.create(case=created, from_phase=previous, to_phase=phase)
        PhaseChange.objects.filter(pk=change.pk).update(at=at(day))
        previous = phase
    data.cases[name] = created
    return created


def invite(case, organisation, invited_on, status="participating"):
    participant = Participant.objects.create(case=case, organisation=organisation, status=status)
    Participant.objects.filter(pk=participant.pk).update(invited_at=at(invited_on))


def conference(cell, day, status, cases, attendees=()):
    held = Conference.objects.create(
        cell=cell, starts_at=at(day, 14), ends_at=at(day, 16), place="Town hall", status=status
    )
    for position, item in enumerate(cases):
        AgendaItem.objects.create(conference=held, case=item, position=position)
    for user, attested_for in attendees:
        Attendance.objects.create(conference=held, user=user)
        if attested_for is not None:
            Attestation.objects.create(conference=held, user=user, organisation=attested_for)
    return held


def action(data, case, due_on, status, done_on=None):
    plan, _created = Plan.objects.get_or_create(case=case, defaults={"cell": case.cell})
    created = Action.objects.create(
        plan=plan,
        cell=case.cell,
        organisation=data.orgs["caw"],
        description="Talk",
        due_on=due_on,
        status=status,
    )
    if done_on:
        change = ActionStatusChange.objects.create(
            action=created, from_status="in_progress", to_status="done"
        )
        ActionStatusChange.objects.filter(pk=change.pk).update(at=at(done_on))
    return created


def tombstone(data, record_type, original_id, **facts) -> Tombstone:
    if facts.get("case_original_id"):
        facts["case_original_id"] += data.base
    return Tombstone.objects.create(
        record_type=record_type,
        original_id=original_id + data.base,
        cell=facts.pop("cell", data.cell),
        retention_until=D(2030, 1, 1),
        batch=data.batch,
        purged_at=at(D(2026, 1, 1)),
        purged_by="test",
        **facts,
    )


def build(serves=("12025", "23088")) -> Data:
    """Cell A serves the first municipality (NIS code), cell B the second."""
    cell, other = CellFactory(serves=[serves[0]]), CellFactory(serves=[serves[1]])
    kinds = ("caw", "police", "clb", "prevention", "school", "ocmw")
    orgs = {
        kind: OrganisationFactory(type=getattr(Organisation.Type, kind.upper())) for kind in kinds
    }
    data = Data(cell, other, orgs, base=next(_numbers) * 10_000_000)
    for role, kind in (("coordinator", "prevention"), ("caw", "caw"), ("police", "police"),
                       ("ocmw", "ocmw")):  # fmt: skip
        user = UserFactory()
        Membership.objects.create(
            user=user,
            role=Role.COORDINATOR if role == "coordinator" else Role.PARTNER,
            cell=cell,
            organisation=orgs[kind],
        )
        data.users[role] = user
    data.batch = PurgeBatch.objects.create(today=D(2026, 1, 1), triggered_by="test")
    _signals(data)
    _cases(data)
    _cooperation(data)
    return data


def _signals(data):
    signal(data, D(2025, 1, 10), phenomenon="jihadist", level="primary", status="case_opened",
           screened_on=D(2025, 1, 20))  # fmt: skip
    signal(data, D(2025, 2, 3), org="police", phenomenon="right_wing", level="secondary",
           status="advised", screened_on=D(2025, 2, 20))  # fmt: skip
    signal(data, D(2025, 3, 1), org="prevention", reporter="citizen", phenomenon="right_wing",
           level="secondary")  # fmt: skip
    signal(data, D(2025, 6, 30), reporter="consultation", phenomenon="polarisation",
           level="primary", status="referred_to_regular_care",
           screened_on=D(2025, 7, 1))  # fmt: skip
    signal(data, D(2024, 12, 31), phenomenon="jihadist", level="tertiary")  # before P
    signal(data, D(2025, 7, 1), org="school", phenomenon="left_wing", level="primary")  # after
    signal(data, D(2025, 2, 1), cell=data.other, org="police", phenomenon="other", level="primary")
    # Purged signals: deadline recomputed (2025-04-07 + 10 working days, Easter Monday
    # skipped, is 2025-04-22) and a phenomenon the tombstone lacks.
    tombstone(data, "signal", 900001, received_on=D(2025, 4, 7), screened_on=D(2025, 4, 10),
              reporter_type="organisation", reporting_organisation_type="clb",
              phenomenon="jihadist", prevention_level="secondary",
              screening_status="withdrawn")  # fmt: skip
    tombstone(data, "signal", 900002, received_on=D(2025, 5, 2), screened_on=D(2025, 6, 30),
              reporter_type="citizen", prevention_level="primary",
              screening_status="advised")  # fmt: skip
    # Consultations: one live in P (CAW), one after P, one purged in P (police).
    for asked_on, org in ((D(2025, 3, 5), "caw"), (D(2025, 8, 1), "caw")):
        asked = Consultation.objects.create(
            cell=data.cell, asked_by=data.users["caw"], organisation=data.orgs[org], question="?"
        )
        Consultation.objects.filter(pk=asked.pk).update(asked_at=at(asked_on))
    tombstone(data, "consultation", 900003, received_on=D(2025, 2, 2),
              reporting_organisation_type="police")  # fmt: skip


def _cases(data):
    closed = Case.Phase.CLOSED
    c1 = case(data, "c1", D(2025, 1, 20), [(D(2025, 1, 20), "preparation"),
              (D(2025, 2, 10), "active"), (D(2025, 5, 1), "aftercare"), (D(2025, 6, 15), closed)],
              phenomenon="jihadist", level="primary", reason="goals_reached", outcome="improved",
              person=subject(data.cell, "n1"))  # fmt: skip
    Signal.objects.filter(received_on=D(2025, 1, 10)).update(case=c1)
    case(data, "c2", D(2024, 11, 5), [(D(2024, 11, 5), "preparation"), (D(2024, 12, 1), "active"),
         (D(2025, 3, 1), "on_hold"), (D(2025, 7, 10), "active")],
         phenomenon="right_wing", level="secondary")  # fmt: skip
    case(data, "c3", D(2025, 3, 10), [(D(2025, 3, 10), "preparation"), (D(2025, 4, 30), closed)],
         phenomenon="left_wing", level="tertiary", reason="refused", outcome="unknown",
         person=subject(data.cell, "n3", "nn3"))  # fmt: skip
    case(data, "c4", D(2025, 5, 5), [(D(2025, 5, 5), "preparation"), (D(2025, 6, 20), closed)],
         phenomenon="polarisation", level="primary", reason="deceased",
         outcome="unknown")  # fmt: skip
    case(data, "c5", D(2025, 2, 1), [(D(2025, 2, 1), "preparation"), (D(2025, 2, 5), "active"),
         (D(2025, 3, 1), closed), (D(2025, 4, 1), "active")],
         phenomenon="jihadist", level="secondary")  # fmt: skip
    case(data, "c6", D(2025, 6, 10), [(D(2025, 6, 10), "preparation"), (D(2025, 7, 5), "active")],
         phenomenon="mixed", level="primary")  # fmt: skip
    case(data, "c8", D(2024, 10, 1), [(D(2024, 10, 1), "preparation"), (D(2024, 10, 15), "active"),
         (D(2025, 5, 15), closed)], phenomenon="other", level="primary", reason="regular_care",
         outcome="stable", person=subject(data.cell, "n8"))  # fmt: skip
    case(data, "b1", D(2025, 1, 2), [(D(2025, 1, 2), "preparation")], cell=data.other,
         phenomenon="other", level="primary")  # fmt: skip
    # Re-signals: c1's person in cell B within 365 days; c3's by national number in A on
    # the last day of the window; c8's before closure (B) and after the window (A).
    signal(data, D(2025, 9, 1), cell=data.other, phenomenon="jihadist", level="primary",
           person=subject(data.other, "n1"))  # fmt: skip
    signal(data, D(2026, 4, 30), phenomenon="left_wing", level="primary",
           person=subject(data.cell, "someone-else", "nn3"))  # fmt: skip
    signal(data, D(2025, 5, 1), cell=data.other, phenomenon="other", level="primary",
           person=subject(data.other, "n8"))  # fmt: skip
    signal(data, D(2026, 5, 16), phenomenon="other", level="primary",
           person=subject(data.cell, "n8"))  # fmt: skip
    # Purged cases: tc1 open at the end of P (aftercare since its last day), tc2 closed in P.
    tombstone(data, "case", 800001, opened_on=D(2025, 1, 5), closed_on=D(2025, 9, 30),
              phenomenon="right_wing", prevention_level="primary",
              first_conference_on=D(2025, 2, 14),
              closure_reason="goals_reached", closure_outcome="improved",
              phase_history=[{"from": "", "to": "preparation", "on": "2025-01-05"},
                             {"from": "preparation", "to": "active", "on": "2025-01-20"},
                             {"from": "active", "to": "aftercare", "on": "2025-06-30"},
                             {"from": "aftercare", "to": "closed", "on": "2025-09-30"}],
              organisations=[{"type": "caw", "status": "participating"},
                             {"type": "clb", "status": "declined"}])  # fmt: skip
    tombstone(data, "signal", 900004, case_original_id=800001, received_on=D(2024, 12, 20),
              screened_on=D(2024, 12, 23), reporter_type="organisation",
              reporting_organisation_type="caw", phenomenon="right_wing",
              prevention_level="primary", screening_status="case_opened")  # fmt: skip
    tombstone(data, "case", 800002, opened_on=D(2024, 6, 1), closed_on=D(2025, 2, 28),
              prevention_level="secondary", closure_reason="moved", closure_outcome="stable",
              phase_history=[{"from": "", "to": "preparation", "on": "2024-06-01"},
                             {"from": "preparation", "to": "active", "on": "2024-07-01"},
                             {"from": "active", "to": "closed", "on": "2025-02-28"}],
              organisations=[{"type": "police", "status": "participating"}])  # fmt: skip


def _cooperation(data):
    c, users, orgs = data.cases, data.users, data.orgs
    invite(c["c1"], orgs["caw"], D(2025, 1, 20))
    invite(c["c1"], orgs["police"], D(2025, 1, 25), "declined")
    invite(c["c3"], orgs["clb"], D(2025, 3, 10), "declined")
    invite(c["c5"], orgs["caw"], D(2025, 2, 1))
    invite(c["c2"], orgs["caw"], D(2024, 11, 5))
    invite(c["b1"], orgs["clb"], D(2025, 1, 2), "declined")
    conference(data.cell, D(2024, 12, 10), "held", [c["c2"]])
    conference(data.cell, D(2025, 2, 14), "held", [c["c1"], c["c2"]],
               [(users["caw"], orgs["caw"]), (users["police"], None),
                (users["coordinator"], None)])  # fmt: skip
    conference(data.cell, D(2025, 5, 20), "planned", [c["c5"]], [(users["caw"], None)])
    conference(data.cell, D(2025, 6, 5), "minutes_approved", [c["c3"], c["c5"]],
               [(users["caw"], None), (users["coordinator"], orgs["ocmw"])])  # fmt: skip
    conference(data.other, D(2025, 3, 3), "held", [c["b1"]])
    action(data, c["c5"], D(2025, 3, 1), "done", done_on=D(2025, 2, 20))
    action(data, c["c5"], D(2025, 4, 1), "done", done_on=D(2025, 4, 10))
    action(data, c["c5"], D(2025, 5, 1), "open")
    action(data, c["c5"], D(2025, 6, 1), "cancelled")
    action(data, c["c5"], D(2025, 7, 15), "open")
    action(data, c["b1"], D(2025, 5, 1), "open")
    for due_on, done_on in ((D(2025, 2, 1), D(2025, 2, 1)), (D(2025, 3, 1), D(2025, 3, 5)),
                            (D(2025, 4, 1), None), (D(2025, 9, 1), None)):  # fmt: skip
        AftercareCheckin.objects.create(case=c["c1"], due_on=due_on, done_on=done_on)
