"""Demo history for the monitoring dashboards: two years of past case work in each demo
cell (signals, cases with dated phases, held conferences with attendance, plan actions,
aftercare check-ins) and the tombstones of screened-out signals older than a year, so
that trends, tombstones and suppression have something to show.

Fictional people ("Demo Person N"). Signals, cases and plans are written with the ORM
because their services refuse past dates; the conferences go through the conference
services (agenda, invitations, minutes of every item, attendance, approval), so an
approved conference is one the application itself could have produced, minutes included.
Their access-log entries are those of the coordinator who ran them. Idempotent: a cell
that already has this history (references S-<cell>-D…) gets nothing.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from livc.cases.choices import ClosureReason, Outcome, Phenomenon, PreventionLevel
from livc.cases.models import AftercareCheckin, Case, Participant, ParticipantMember, PhaseChange
from livc.cases.services import subject_create
from livc.conferences import policies as conference_policies
from livc.conferences import selectors as conference_selectors
from livc.conferences import services as conferences
from livc.conferences.models import StatusChange
from livc.intake.models import ReporterType, Signal
from livc.intake.services import add_working_days
from livc.organisations.models import Cell, Membership, Role
from livc.retention.models import PurgeBatch, Tombstone
from livc.trajectories.models import Action, ActionStatusChange, Plan

DEMO_CELLS = ("MEC", "VMZ", "VER")
DAYS_BACK = 730
SIGNALS_PER_CELL = 48
OUT_OF_SCOPE = ("advised", "referred_to_regular_care", "withdrawn")


def _moment(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_monitoring_history(today: datetime.date | None = None) -> int:
    """Returns the number of past signals written (live and purged) in all demo cells."""
    today = today or timezone.localdate()
    return sum(_seed_cell(cell, today) for cell in Cell.objects.filter(code__in=DEMO_CELLS))


@transaction.atomic
def _seed_cell(cell: Cell, today: datetime.date) -> int:
    prefix = f"S-{cell.code}-D"  # the references this history uses
    if (
        cell.signals.filter(reference__startswith=prefix).exists()
        or Tombstone.objects.filter(cell=cell, reference__startswith=prefix).exists()
    ):
        return 0
    members = list(
        Membership.objects.filter(cell=cell, is_active=True).select_related("organisation")
    )
    coordinator = next((m.user for m in members if m.role == Role.COORDINATOR), None)
    if coordinator is None:
        return 0
    organisations = list({m.organisation_id: m.organisation for m in members}.values())
    municipality = cell.areas.select_related("municipality").first().municipality
    rng = random.Random(cell.code)  # noqa: S311 (demo data, not secrets)
    batch = None
    cases = []
    closures: dict[int, tuple] = {}  # case id → (day, reason, outcome), applied last
    for n in range(SIGNALS_PER_CELL):
        received = today - datetime.timedelta(days=rng.randint(30, DAYS_BACK))
        organisation = rng.choice(organisations)
        reporter = rng.choices(
            [ReporterType.ORGANISATION, ReporterType.CITIZEN, ReporterType.CONSULTATION],
            weights=[8, 2, 1],
        )[0]
        phenomenon = rng.choices(Phenomenon.values, weights=[4, 4, 2, 1, 3, 3, 2, 1])[0]
        level = rng.choices(PreventionLevel.values, weights=[3, 5, 2])[0]
        screened = add_working_days(received, rng.choice([2, 5, 8, 10, 12, 16]))
        status = rng.choices(["case_opened", *OUT_OF_SCOPE], weights=[4, 3, 2, 1])[0]
        if status != "case_opened" and (today - screened).days > 365:
            batch = batch or PurgeBatch.objects.create(today=today, triggered_by="demo")
            # Negative original ids: no real record ever had them.
            Tombstone.objects.create(
                record_type=Tombstone.RecordType.SIGNAL, original_id=-(cell.pk * 1000 + n),
                reference=f"S-{cell.code}-D{n:04d}", cell=cell, phenomenon=phenomenon,
                prevention_level=level, reporter_type=reporter,
                reporting_organisation_type=organisation.type, screening_status=status,
                received_on=received, screened_on=screened,
                retention_until=screened + datetime.timedelta(days=365), batch=batch,
                purged_at=timezone.now(), purged_by="demo",
            )  # fmt: skip
            continue
        person = subject_create(
            cell=cell, first_name="Demo", last_name=f"Person {cell.code} {n % 40}",
            birth_date=datetime.date(2000 + n % 9, 1 + n % 12, 1 + n % 28),
            national_number="", municipality=municipality,
        )  # fmt: skip
        signal = Signal.objects.create(
            cell=cell, reference=f"S-{cell.code}-D{n:04d}", reported_by=coordinator,
            reporter_type=reporter, reporting_organisation=organisation, received_on=received,
            observation="Demo history", phenomenon=phenomenon, prevention_level=level,
            subject=person, status=status,
            screening_due=add_working_days(received, 10), screened_by=coordinator,
            screened_at=_moment(screened) if screened < today else None,
        )  # fmt: skip
        if status == "case_opened" and screened < today:
            case, closure = _case(cell, signal, screened, today, organisations, members, rng, n)
            cases.append(case)
            if closure:
                closures[case.pk] = closure
    _conferences(cell, coordinator, cases, closures, today, rng)
    for case_id, (day, reason, outcome) in closures.items():
        Case.objects.filter(pk=case_id).update(
            phase="closed", closed_on=day, closure_reason=reason, closure_outcome=outcome
        )
    return SIGNALS_PER_CELL


def _case(cell, signal, opened, today, organisations, members, rng, n):
    """A case with its dated history, and its closure (day, reason, outcome) or None. A
    case that closed is written in the phase before, and closed after the conferences
    that discussed it while it was open (a closed case cannot be put on an agenda)."""
    steps = [("preparation", opened)]
    day = opened + datetime.timedelta(days=rng.randint(7, 30))
    for phase in ("active", "aftercare", "closed"):
        if day >= today or rng.random() < 0.25:
            break
        steps.append((phase, day))
        day += datetime.timedelta(days=rng.randint(30, 150))
    phase, last = steps[-1]
    closed = phase == "closed"
    closure = (
        (last, rng.choice(ClosureReason.values[:5]), rng.choice(Outcome.values)) if closed else None
    )
    case = Case.objects.create(
        cell=cell, code=f"{cell.code}-D{n:04d}", subject=signal.subject,
        phase=steps[-2][0] if closed else phase,
        phenomenon=signal.phenomenon, prevention_level=signal.prevention_level,
        opened_on=opened,
    )  # fmt: skip
    Signal.objects.filter(pk=signal.pk).update(case=case)
    previous = ""
    for to_phase, on in steps:
        change = PhaseChange.objects.create(case=case, from_phase=previous, to_phase=to_phase)
        PhaseChange.objects.filter(pk=change.pk).update(at=_moment(on))
        previous = to_phase
        if to_phase == "aftercare":
            for months in (6, 12):
                due = on + datetime.timedelta(days=30 * months)
                done = due + datetime.timedelta(days=rng.randint(-5, 20))
                AftercareCheckin.objects.create(
                    case=case, due_on=due, done_on=done if done < today else None
                )
    for organisation in rng.sample(organisations, k=min(2, len(organisations))):
        status = rng.choices(["participating", "declined"], weights=[5, 1])[0]
        participant = Participant.objects.create(
            case=case, organisation=organisation, status=status
        )
        Participant.objects.filter(pk=participant.pk).update(invited_at=_moment(opened))
        # Its partners and information officers in the cell are named on the case.
        ParticipantMember.objects.bulk_create(
            ParticipantMember(participant=participant, user_id=m.user_id)
            for m in members
            if m.organisation_id == organisation.pk
            and m.role in (Role.PARTNER, Role.INFORMATION_OFFICER)
        )
    plan = Plan.objects.create(case=case, cell=cell)
    for k in range(2):
        due = opened + datetime.timedelta(days=30 * (k + 1))
        done = due + datetime.timedelta(days=rng.randint(-10, 15))
        finished = done < today and rng.random() < 0.8
        action = Action.objects.create(
            plan=plan, cell=cell, organisation=rng.choice(organisations),
            description="Demo action", due_on=due,
            status=Action.Status.DONE if finished else Action.Status.OPEN,
        )  # fmt: skip
        if finished:
            change = ActionStatusChange.objects.create(
                action=action, from_status="open", to_status="done"
            )
            ActionStatusChange.objects.filter(pk=change.pk).update(at=_moment(done))
    return case, closure


def _closed_before(case, closures, day) -> bool:
    return case.pk in closures and closures[case.pk][0] < day


def _conferences(cell, coordinator, cases, closures, today, rng) -> None:
    """One conference a month on the cases open at the time, run by the cell's coordinator
    through the services: agenda, invitations of the cases' named members, held, minutes
    of every item, attendance, approval. Dated rows are then moved to the meeting's day."""
    start = today - datetime.timedelta(days=DAYS_BACK)
    for month in range(0, DAYS_BACK // 30):
        day = start + datetime.timedelta(days=30 * month + 10)
        agenda = [c for c in cases if c.opened_on < day and not _closed_before(c, closures, day)]
        if not agenda or day >= today:
            continue
        conference = conferences.conference_plan(
            user=coordinator, cell=cell, starts_at=_moment(day, 14), ends_at=_moment(day, 16),
            place="Demo", today=today,
        )  # fmt: skip
        items = [
            conferences.agenda_add(user=coordinator, conference=conference, case=case)
            for case in agenda[:6]
        ]
        candidates = conference_selectors.invitation_candidates(conference=conference)
        for item in items:
            invitees = [
                user
                for pk, (user, _organisation) in candidates[item.pk].users.items()
                if pk in candidates[item.pk].suggested
                and conference_policies.may_be_invited(user, item)
            ]
            conferences.invitations_set(user=coordinator, item=item, invitees=invitees)
        conferences.conference_mark_held(user=coordinator, conference=conference)
        for item in items:
            conferences.minutes_save(
                user=coordinator, item=item, decisions="Demo minutes: follow-up agreed.",
                next_review_on=None, actions=[], today=today,
            )  # fmt: skip
        present = [
            user
            for user in conference_selectors.attendance_candidates(conference=conference)
            if rng.random() < 0.8
        ]
        conferences.attendance_set(user=coordinator, conference=conference, attendees=present)
        conferences.conference_approve(user=coordinator, conference=conference)
        StatusChange.objects.filter(conference=conference).update(at=_moment(day, 16))
