"""PostgreSQL paths of the purge: tombstones written by the database, set-based foreign-key
checks, parallel workers, and a smoke run of the benchmark. Skipped on SQLite."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from livc.bench.management.commands import bench_purge
from livc.cases.models import Case, PhaseChange, Subject
from livc.intake.models import Signal
from livc.retention import deletion, fkchecks, purge, tombstones, tombstones_pg
from livc.retention.models import PurgeBatch, Tombstone

from ..casework import build_world
from .conftest import closed_case, consultation, local, out_of_scope_signal

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")

D = datetime.date
TODAY = D(2025, 1, 1)
VOLATILE = {"id", "batch_id", "purged_at"}


def snapshot() -> list[dict]:
    rows = Tombstone.objects.order_by("record_type", "original_id").values()
    return [{k: v for k, v in row.items() if k not in VOLATILE} for row in rows]


@pytest.mark.django_db
def test_the_database_writes_the_same_tombstones_as_python(world, monkeypatch):
    closed_case(world, D(2019, 5, 2), conference_on=D(2019, 3, 4))
    out_of_scope_signal(world, local(D(2020, 1, 1), 0, 30))
    consultation(world, local(D(2020, 1, 1)), answered_at=local(D(2020, 2, 29), 23, 30))
    savepoint = transaction.savepoint()
    monkeypatch.setattr(tombstones_pg, "SqlWriter", tombstones.Writer)
    purge.purge_expired(today=TODAY, triggered_by="test")
    by_python = snapshot()
    transaction.savepoint_rollback(savepoint)
    monkeypatch.undo()
    assert not Tombstone.objects.exists()
    purge.purge_expired(today=TODAY, triggered_by="test")
    assert snapshot() == by_python
    assert len(by_python) == 5


@pytest.mark.django_db
def test_set_based_checks_catch_a_row_left_pointing_at_a_purged_record(world, monkeypatch):
    case = closed_case(world, D(2019, 5, 2))
    assert fkchecks.available()  # the test database role is a superuser
    full = deletion.plan(Case)
    without_history = deletion.Node(
        full.model,
        [(fk, child) for fk, child in full.children if child.model is not PhaseChange],
        full.nullify,
    )
    real = deletion.plan
    monkeypatch.setattr(
        deletion,
        "plan",
        lambda model, *args, **kwargs: (
            without_history if model is Case else real(model, *args, **kwargs)
        ),
    )
    with pytest.raises(IntegrityError, match="cases_phasechange.case_id"):
        purge.purge_expired(today=TODAY)
    assert Case.objects.filter(pk=case.pk).exists()
    assert not Tombstone.objects.exists()


@pytest.fixture
def committed_world(transactional_db):
    """Transactional tests flush data migrations: reload the reference data first."""
    call_command("import_municipalities", verbosity=0)
    return build_world()


def test_the_database_checks_when_set_based_checks_are_off(settings, committed_world):
    settings.LIVC_PURGE_SET_BASED_FK_CHECKS = False
    world = committed_world
    cases = [closed_case(world, D(2019, 5, day)) for day in (1, 2)]
    result = purge.purge_expired(today=TODAY, batch_size=1)  # commits per chunk
    assert result.batch.cases == 2
    assert not Case.objects.filter(pk__in=[c.pk for c in cases]).exists()


def test_parallel_workers_purge_everything_once(committed_world):
    world = committed_world
    cases = [closed_case(world, D(2019, 5, day)) for day in range(1, 7)]
    # A subject shared by cases in different chunks goes only after both.
    Case.objects.filter(pk=cases[5].pk).update(subject=cases[0].subject_id)
    Signal.objects.filter(case=cases[5]).update(subject=cases[0].subject_id)
    result = purge.purge_expired(today=TODAY, batch_size=2, workers=2)
    batch = PurgeBatch.objects.get(pk=result.batch.pk)
    assert (batch.cases, batch.signals, batch.consultations) == (6, 6, 6)
    assert batch.subjects == 5 and result.counts["subjects"] == 5  # five distinct subjects
    assert not Case.objects.filter(pk__in=[c.pk for c in cases]).exists()
    assert not Subject.objects.filter(pk=cases[0].subject_id).exists()
    assert Tombstone.objects.filter(batch=batch).count() == 18


@pytest.mark.django_db
def test_benchmark_dataset_purges_completely():
    command = bench_purge.Command()
    command.stderr = io.StringIO()
    command._build(30)
    result = purge.purge_expired(batch_size=7)
    assert (result.batch.cases, result.batch.signals, result.batch.subjects) == (30, 30, 30)
    assert result.batch.rows == 30 * 26
