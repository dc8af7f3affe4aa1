"""The purge: boundaries, tombstones, holds, crash resumption, dry run, idempotence and an
untouched access log."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from livc.audit.models import AccessLogEntry
from livc.audit.services import seal, verify_chain
from livc.cases.models import Case, Subject
from livc.conferences.models import Conference
from livc.intake.models import Consultation, Signal
from livc.retention import purge, rules, services
from livc.retention import run as purge_run
from livc.retention.models import PurgeBatch, RetentionOverride, Tombstone

from .conftest import SECRET_WORDS, closed_case, consultation, local, out_of_scope_signal

pytestmark = pytest.mark.django_db

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
PURGED_MODELS = [
    "cases.Case", "cases.PhaseChange", "cases.Participant", "cases.ParticipantMember",
    "cases.AssessmentNote", "trajectories.Plan", "trajectories.Goal", "trajectories.Action",
    "trajectories.ActionStatusChange", "trajectories.ProgressNote", "trajectories.Review",
    "conferences.AgendaItem", "conferences.Invitation", "conferences.Minutes",
    "conferences.AgreedAction", "intake.Signal", "intake.SignalTransition",
    "intake.Consultation", "cases.Subject",
]  # fmt: skip


def run(today, **kwargs):
    return purge.purge_expired(today=today, triggered_by="test", **kwargs)


def counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in PURGED_MODELS}


def exists(record) -> bool:
    return type(record).objects.filter(pk=record.pk).exists()


# Boundaries: kept on the retention date, gone the day after --------------------------


def test_closed_case_goes_the_day_after_its_retention_date(world):
    case = closed_case(world, D(2020, 1, 31))
    until = rules.retention_date(case)
    assert until == D(2025, 1, 31)  # 60 months by default
    assert run(until).counts["cases"] == 0
    assert exists(case)
    assert run(until + ONE_DAY).counts["cases"] == 1
    assert not exists(case)


def test_out_of_scope_signal_counts_from_the_local_screening_date(world):
    # 00:30 in Brussels is still the previous day in UTC: the local date counts.
    signal = out_of_scope_signal(world, local(D(2024, 3, 1), 0, 30))
    assert rules.retention_date(signal) == D(2025, 3, 1)
    run(D(2025, 3, 1))
    assert exists(signal)
    result = run(D(2025, 3, 2))
    assert result.counts["signals"] == 1 and not exists(signal)


@pytest.mark.parametrize("outcome", ["advised", "referred_to_regular_care", "withdrawn"])
def test_every_out_of_scope_outcome_is_purged(world, outcome):
    signal = out_of_scope_signal(world, local(D(2023, 5, 10)), outcome)
    run(D(2024, 5, 11))
    assert not exists(signal)


def test_answered_consultation_counts_from_the_answer(world):
    asked = consultation(world, local(D(2023, 12, 20)), answered_at=local(D(2024, 1, 31)))
    assert rules.retention_date(asked) == D(2025, 1, 31)
    run(D(2025, 1, 31))
    assert exists(asked)
    run(D(2025, 2, 1))
    assert not exists(asked)


def test_unanswered_consultation_counts_from_the_question(world):
    asked = consultation(world, local(D(2024, 2, 29)))
    assert rules.retention_date(asked) == D(2025, 2, 28)
    run(D(2025, 2, 28))
    assert exists(asked)
    run(D(2025, 3, 1))
    assert not exists(asked)


def test_open_records_are_kept(world):
    """The world's open case and its unscreened signal are never purged."""
    run(D(2100, 1, 1))
    assert exists(world.case) and exists(world.signal)
    assert rules.retention_date(world.case) is None
    assert rules.retention_date(world.signal) is None


def test_the_cell_override_applies(world):
    RetentionOverride.objects.create(cell=world.cell, closed_case_months=12)
    case = closed_case(world, D(2024, 6, 30))
    assert rules.retention_date(case) == D(2025, 6, 30)
    run(D(2025, 7, 1))
    assert not exists(case)


def test_sql_and_python_agree_on_every_record(world):
    from livc.retention.selectors import queue

    RetentionOverride.objects.create(cell=world.cell, out_of_scope_months=7)
    records = [
        closed_case(world, D(2024, 1, 31)),
        out_of_scope_signal(world, local(D(2024, 8, 31), 0, 15)),
        consultation(world, local(D(2024, 7, 31), 23, 45)),
        consultation(world, local(D(2024, 3, 1)), answered_at=local(D(2024, 3, 31), 23, 59)),
    ]
    rows = queue(cell_ids={world.cell.pk}, today=D(2024, 1, 1), horizon_days=36500)
    in_sql = {(row["kind"], row["record_id"]): row["until"] for row in rows}
    for record in records:
        key = (record._meta.model_name, record.pk)
        assert in_sql[key] == rules.retention_date(record), key


# What goes and what stays --------------------------------------------------------------


def test_everything_of_the_case_goes_and_a_tombstone_stays(world):
    before = counts()
    case = closed_case(world, D(2019, 5, 2), conference_on=D(2019, 3, 4))
    signal = case.signals.get()
    asked = Consultation.objects.get(signal=signal)
    conferences = Conference.objects.count()
    result = run(D(2025, 1, 1))
    assert counts() == before  # every row the case added is gone
    assert Conference.objects.count() == conferences  # meetings hold no personal data
    assert result.counts == {
        "cases": 1, "signals": 1, "consultations": 1, "subjects": 1,
        "rows": result.counts["rows"],
    }  # fmt: skip
    tomb = Tombstone.objects.get(record_type="case", original_id=case.pk)
    assert tomb.reference == case.code and tomb.cell_id == world.cell.pk
    assert (tomb.phenomenon, tomb.prevention_level) == ("right_wing", "secondary")
    assert (tomb.closure_reason, tomb.closure_outcome) == ("goals_reached", "improved")
    assert tomb.opened_on == case.opened_on and tomb.closed_on == D(2019, 5, 2)
    assert tomb.first_conference_on == D(2019, 3, 4)
    assert tomb.retention_until == D(2024, 5, 2)
    assert [(step["from"], step["to"]) for step in tomb.phase_history] == [
        ("", "preparation"), ("preparation", "active"), ("active", "closed"),
    ]  # fmt: skip
    assert sorted((o["type"], o["status"]) for o in tomb.organisations) == [
        ("caw", "invited"), ("clb", "declined"), ("police", "invited"),
    ]  # fmt: skip
    assert tomb.batch == result.batch and tomb.purged_by == "test"
    signal_tomb = Tombstone.objects.get(record_type="signal", original_id=signal.pk)
    assert signal_tomb.case_original_id == case.pk
    assert signal_tomb.reference == signal.reference
    assert (signal_tomb.reporter_type, signal_tomb.reporting_organisation_type) == (
        "organisation",
        "caw",
    )
    assert signal_tomb.screening_status == "case_opened"
    assert signal_tomb.received_on == signal.received_on and signal_tomb.screened_on
    consultation_tomb = Tombstone.objects.get(record_type="consultation", original_id=asked.pk)
    assert consultation_tomb.signal_original_id == signal.pk
    assert consultation_tomb.reporting_organisation_type == "caw"


def test_tombstones_hold_no_personal_data(world):
    closed_case(world, D(2019, 5, 2))
    out_of_scope_signal(world, local(D(2020, 1, 1)))
    run(D(2025, 1, 1))
    dumped = repr(list(Tombstone.objects.values()))
    for word in SECRET_WORDS:
        assert word not in dumped
    assert "subject" not in " ".join(f.name for f in Tombstone._meta.get_fields())


def test_a_subject_shared_with_a_live_record_is_kept(world):
    case = closed_case(world, D(2019, 5, 2))
    live = out_of_scope_signal(world, local(D(2030, 1, 1)))
    Signal.objects.filter(pk=live.pk).update(subject=case.subject_id)
    run(D(2025, 1, 1))
    assert not exists(case)
    assert Subject.objects.filter(pk=case.subject_id).exists()
    run(D(2032, 1, 1))
    assert not Subject.objects.filter(pk=case.subject_id).exists()


# Holds ------------------------------------------------------------------------------------


def hold(world, **target):
    return services.legal_hold_place(user=world.users["coordinator"], reason="Court", **target)


def test_a_hold_blocks_the_purge_until_lifted(world):
    case = closed_case(world, D(2019, 5, 2))
    placed = hold(world, case=case)
    run(D(2025, 1, 1))
    assert exists(case)
    services.legal_hold_lift(user=world.users["dpo"], hold=placed)
    run(D(2025, 1, 1))
    assert not exists(case)


def test_a_hold_that_ended_no_longer_blocks(world):
    case = closed_case(world, D(2019, 5, 2))
    placed = hold(world, case=case, until=datetime.date.today() + ONE_DAY * 30)
    run(placed.until)  # the last day of the hold still counts
    assert exists(case)
    run(placed.until + ONE_DAY)
    assert not exists(case)


def test_a_hold_on_the_signal_keeps_the_case_it_follows(world):
    case = closed_case(world, D(2019, 5, 2))
    hold(world, signal=case.signals.get())
    run(D(2025, 1, 1))
    assert exists(case)


def test_a_hold_on_an_out_of_scope_signal(world):
    signal = out_of_scope_signal(world, local(D(2020, 1, 1)))
    hold(world, signal=signal)
    run(D(2025, 1, 1))
    assert exists(signal)


# Atomic, resumable, idempotent ---------------------------------------------------------


def test_a_crash_leaves_the_chunk_whole_and_a_rerun_completes(world, monkeypatch):
    cases = [closed_case(world, D(2019, 5, day)) for day in (1, 2, 3)]
    before = counts()

    def crash(self, *args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(purge_run.Run, "_delete_orphan_subjects", crash)
    with pytest.raises(RuntimeError):
        run(D(2025, 1, 1), batch_size=2)
    assert counts() == before  # the deletes of the failed chunk were rolled back
    assert not Tombstone.objects.exists()
    interrupted = PurgeBatch.objects.get()
    assert interrupted.finished_at is None and interrupted.cases == 0
    monkeypatch.undo()
    result = run(D(2025, 1, 1), batch_size=2)
    assert result.counts["cases"] == 3
    assert not any(exists(case) for case in cases)
    assert result.batch.cases == 3 and result.batch.finished_at


def test_a_second_run_purges_nothing(world):
    closed_case(world, D(2019, 5, 2))
    out_of_scope_signal(world, local(D(2020, 1, 1)))
    consultation(world, local(D(2020, 1, 1)))
    first = run(D(2025, 1, 1), batch_size=1)
    assert (first.batch.cases, first.batch.signals, first.batch.consultations) == (1, 2, 2)
    second = run(D(2025, 1, 1))
    assert sum(second.counts.values()) == 0
    assert Tombstone.objects.count() == 5


def test_dry_run_lists_and_changes_nothing(world):
    case = closed_case(world, D(2019, 5, 2))
    signal = out_of_scope_signal(world, local(D(2020, 1, 1)))
    before, log = counts(), AccessLogEntry.objects.count()
    out = StringIO()
    call_command("purge_expired", "--dry-run", "--today", "2025-01-01", stdout=out)
    assert counts() == before and AccessLogEntry.objects.count() == log
    assert not PurgeBatch.objects.exists() and not Tombstone.objects.exists()
    text = out.getvalue()
    assert f"case\t{case.code}\t{world.cell.code}\t2024-05-02" in text
    assert f"signal\t{signal.reference}" in text
    assert "2 records would be purged" in text


def test_the_access_log_is_never_touched(world):
    closed_case(world, D(2019, 5, 2))
    seal(grace=datetime.timedelta(0))
    before = list(AccessLogEntry.objects.values())
    assert any(row["object_ref"] for row in before)
    result = run(D(2025, 1, 1))
    after = list(AccessLogEntry.objects.order_by("id").values())
    assert after[: len(before)] == before
    added = after[len(before) :]
    assert [(row["object_type"], row["object_id"], row["cell_id"]) for row in added] == [
        ("purge_batch", result.batch.pk, world.cell.pk)
    ]
    assert added[0]["reason"] == "purged: 1 cases, 1 signals, 1 consultations"
    seal(grace=datetime.timedelta(0))
    assert verify_chain().intact


def test_the_command(world):
    closed_case(world, D(2019, 5, 2))
    out = StringIO()
    call_command("purge_expired", "--today", "2025-01-01", "--batch-size", "5", stdout=out)
    assert "1 cases, 1 signals, 1 consultations, 1 subjects purged" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("purge_expired", "--today", "01/01/2025")
    with pytest.raises(CommandError):
        call_command("purge_expired", "--batch-size", "0")


def test_purges_cases_of_every_cell_with_their_own_period(world):
    RetentionOverride.objects.create(cell=world.other_cell, closed_case_months=12)
    mine = closed_case(world, D(2023, 1, 10))
    other = closed_case(world, D(2023, 1, 10))
    Case.objects.filter(pk=other.pk).update(cell=world.other_cell)
    run(D(2024, 1, 11))
    assert exists(mine) and not exists(other)
