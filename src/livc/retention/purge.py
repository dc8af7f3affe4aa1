"""The purge: records past retention and not under an active legal hold lose their
personal data; a tombstone stays per record (DESIGN.md → Privacy engine).

Work goes in chunks of `batch_size` primary records (cases, then out-of-scope signals,
then standalone consultations). Each chunk is one transaction: its rows are locked and
selected again (so a hold placed or a case reopened meanwhile wins), tombstones written,
the records and all that depends on them deleted set-based (`deletion`), orphaned
subjects removed, the run's counts bumped and one access-log entry per cell appended. A
crash rolls the chunk back whole; the next run selects what is left ("past retention, no
active hold, still there"), so the purge is idempotent and resumable. The access log
itself is never touched, only appended to.
"""

import datetime
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from livc.cases.models import Case
from livc.intake.models import Consultation, Signal

from . import fkchecks
from .expressions import case_held, case_until, consultation_until, signal_held, signal_until
from .models import PurgeBatch, Tombstone
from .rules import OUT_OF_SCOPE_STATUSES
from .run import Run

# Records per transaction: large enough that per-statement costs fade (5000 cases is some
# 130,000 rows), small enough to hold the locks for well under a second.
DEFAULT_BATCH_SIZE = 5000
RecordType = Tombstone.RecordType


def expired_cases(today: datetime.date) -> QuerySet[Case]:
    return (
        Case.objects.filter(phase=Case.Phase.CLOSED, closed_on__isnull=False)
        .alias(until=case_until())
        .filter(until__lt=today)
        .exclude(case_held(today))
    )


def expired_signals(today: datetime.date) -> QuerySet[Signal]:
    """Out-of-scope signals past retention (those that opened a case follow the case)."""
    return (
        Signal.objects.filter(
            case__isnull=True, status__in=OUT_OF_SCOPE_STATUSES, screened_at__isnull=False
        )
        .alias(until=signal_until())
        .filter(until__lt=today)
        .exclude(signal_held(today))
    )


def expired_consultations(today: datetime.date) -> QuerySet[Consultation]:
    """Consultations never turned into a signal, past retention."""
    return (
        Consultation.objects.filter(signal__isnull=True)
        .alias(until=consultation_until())
        .filter(until__lt=today)
    )


@dataclass(frozen=True)
class Due:
    """One record a purge would remove (dry run)."""

    record_type: str
    reference: str
    cell_code: str
    until: datetime.date


def due(today: datetime.date) -> Iterator[Due]:
    """What a purge on `today` would remove, without changing anything."""
    kinds = (
        (RecordType.CASE, expired_cases(today).annotate(until=case_until()), "code"),
        (RecordType.SIGNAL, expired_signals(today).annotate(until=signal_until()), "reference"),
        (
            RecordType.CONSULTATION,
            expired_consultations(today).annotate(until=consultation_until()),
            "pk",
        ),
    )
    for record_type, queryset, reference in kinds:
        rows = queryset.order_by("pk").values_list(reference, "cell__code", "until")
        for ref, cell_code, until in rows.iterator(chunk_size=2000):
            yield Due(record_type, str(ref), cell_code, until)


@dataclass
class Result:
    batch: PurgeBatch
    counts: Counter = field(default_factory=Counter)


def _candidates(select, today: datetime.date, batch_size: int) -> Iterator[list[int]]:
    """Chunks of ids past retention, in id order (read ahead without locks)."""
    last = 0
    while True:
        chunk = list(
            select(today)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not chunk:
            return
        last = chunk[-1]
        yield chunk


def purge_expired(
    *,
    today: datetime.date | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    triggered_by: str = "purge_expired",
    user_id: int | None = None,
    workers: int = 1,
) -> Result:
    """Purge everything past retention on `today` (default: the local date).

    `workers` > 1 purges chunks in parallel, each worker thread on its own database
    connection (PostgreSQL; every chunk still is its own transaction)."""
    today = today or timezone.localdate()
    batch = PurgeBatch.objects.create(today=today, triggered_by=triggered_by)
    run = Run(batch, user_id, today, set_based_fk_checks=fkchecks.available())
    for model, select, purge in (
        (Case, expired_cases, run.purge_cases),
        (Signal, expired_signals, run.purge_signals),
        (Consultation, expired_consultations, run.purge_consultations),
    ):
        chunks = _candidates(select, today, batch_size)
        if workers <= 1:
            for candidates in chunks:
                run.chunk(model, select, purge, candidates)
        else:
            _in_parallel(workers, chunks, partial(run.chunk, model, select, purge))
    run.recheck_kept_subjects()
    batch.finished_at = timezone.now()
    PurgeBatch.objects.filter(pk=batch.pk).update(finished_at=batch.finished_at)
    batch.refresh_from_db()
    return Result(batch, run.counts)


def _in_parallel(workers: int, chunks: Iterator[list[int]], work) -> None:
    """Run `work(chunk)` on a pool of threads, a few chunks ahead; the first error stops
    the run (chunks already committed stay purged, like after any crash)."""

    def task(chunk):
        try:
            work(chunk)
        finally:
            connection.close()  # this thread's connection; the next task opens its own

    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = set()
        for chunk in chunks:
            pending.add(pool.submit(task, chunk))
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in done:
                    future.result()
        for future in pending:
            future.result()
