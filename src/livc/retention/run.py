"""One purge run, chunk by chunk: what `purge.purge_expired` does inside each chunk's
transaction (see the `purge` module docstring for the whole)."""

import threading
from collections import Counter

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from livc.audit.models import AccessLogEntry
from livc.cases.models import Case, Subject
from livc.intake.models import Consultation, Signal
from livc.organisations.models import Cell

from . import deletion, fkchecks
from .models import PurgeBatch, Tombstone
from .sql import InIds
from .tombstones import Writer

RecordType = Tombstone.RecordType
# Subjects re-checked per transaction at the end of a run.
SUBJECT_CHUNK = 5000


class Run:
    """One purge run. `chunk` purges one chunk in its own transaction; it may be called
    from several threads at once."""

    def __init__(self, batch: PurgeBatch, user_id, today, set_based_fk_checks: bool):
        self.batch, self.user_id, self.today = batch, user_id, today
        self.set_based_fk_checks = set_based_fk_checks
        self.counts: Counter = Counter()
        self.kept_subjects: set[int] = set()
        self.lock = threading.Lock()

    def chunk(self, model, select, purge, candidates: list[int]) -> None:
        with transaction.atomic():
            # Lock, then select again: a hold placed or a case reopened before we got the
            # lock is seen; one placed after waits for us.
            list(
                model.objects.select_for_update()
                .filter(InIds(F("pk"), candidates))
                .order_by("pk")
                .values_list("pk")
            )
            ids = select(self.today).filter(InIds(F("pk"), candidates)).values_list("pk")
            ids = sorted(pk for (pk,) in ids)
            if ids:
                purge(ids)

    def _writer(self) -> Writer:
        now = timezone.now()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Compiling each chunk's statements to machine code costs more than it saves.
                cursor.execute("SET LOCAL jit = off")
        if self.set_based_fk_checks:
            fkchecks.begin()
        if connection.vendor == "postgresql":
            from .tombstones_pg import SqlWriter  # needs psycopg: imported on PostgreSQL only

            return SqlWriter(self.batch, now)
        return Writer(self.batch, now)

    def purge_cases(self, ids: list[int]) -> None:
        writer = self._writer()
        writer.cases(ids)
        writer.signals(Signal.objects.filter(InIds(F("case_id"), ids)))
        writer.consultations(Consultation.objects.filter(InIds(F("signal__case_id"), ids)))
        self._finish(writer, Case, ids)

    def purge_signals(self, ids: list[int]) -> None:
        writer = self._writer()
        writer.signals(Signal.objects.filter(InIds(F("pk"), ids)))
        writer.consultations(Consultation.objects.filter(InIds(F("signal_id"), ids)))
        self._finish(writer, Signal, ids)

    def purge_consultations(self, ids: list[int]) -> None:
        writer = self._writer()
        writer.consultations(Consultation.objects.filter(InIds(F("pk"), ids)))
        self._finish(writer, Consultation, ids)

    def _finish(self, writer: Writer, model, ids: list[int]) -> None:
        writer.write()
        deleted = deletion.delete(deletion.plan(model), ids)
        self._delete_orphan_subjects(writer.subjects, deleted)
        kinds = writer.kinds()
        chunk = {
            "cases": kinds[RecordType.CASE],
            "signals": kinds[RecordType.SIGNAL],
            "consultations": kinds[RecordType.CONSULTATION],
            "subjects": deleted.counts[Subject._meta.label],
            "rows": sum(deleted.counts.values()),
        }
        self._log(writer)
        self._verify(deleted, writer.cells.keys())
        # Last, so that parallel chunks hold the run's row only while committing.
        PurgeBatch.objects.filter(pk=self.batch.pk).update(
            **{name: F(name) + value for name, value in chunk.items()}
        )
        with self.lock:
            self.counts.update(chunk)

    def _verify(self, deleted: deletion.Deleted, cells) -> None:
        if self.set_based_fk_checks:
            fkchecks.verify(
                deleted,
                {Cell._meta.db_table: cells, PurgeBatch._meta.db_table: [self.batch.pk]},
            )
            fkchecks.end()

    def _delete_orphan_subjects(self, subjects: set[int], deleted: deletion.Deleted) -> None:
        """Subjects of purged records that no remaining record refers to. Those still
        referred to are remembered: a parallel chunk may be purging that record."""
        candidates = sorted(subjects)
        orphans = Subject.objects.filter(InIds(F("pk"), candidates))
        for fk in deletion.protectors(Subject):
            orphans = orphans.exclude(
                pk__in=fk.model._base_manager.filter(InIds(F(fk.attname), candidates)).values(
                    fk.attname
                )
            )
        ids = list(orphans.values_list("pk", flat=True))
        deletion.delete(deletion.plan(Subject, walk_protected=False), ids, deleted)
        with self.lock:
            self.kept_subjects.update(set(candidates) - set(ids))

    def recheck_kept_subjects(self) -> None:
        """After all chunks: subjects kept because another chunk's record still pointed
        at them, and that record is gone now."""
        kept = sorted(self.kept_subjects)
        for start in range(0, len(kept), SUBJECT_CHUNK):
            with transaction.atomic():
                if self.set_based_fk_checks:
                    fkchecks.begin()
                deleted = deletion.Deleted()
                self._delete_orphan_subjects(set(kept[start : start + SUBJECT_CHUNK]), deleted)
                self._verify(deleted, ())
                if deleted.counts:
                    PurgeBatch.objects.filter(pk=self.batch.pk).update(
                        subjects=F("subjects") + deleted.counts[Subject._meta.label],
                        rows=F("rows") + sum(deleted.counts.values()),
                    )
                    with self.lock:
                        self.counts["subjects"] += deleted.counts[Subject._meta.label]
                        self.counts["rows"] += sum(deleted.counts.values())

    def _log(self, writer: Writer) -> None:
        """One access-log entry per cell and chunk: references and counts only."""
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(
                at=writer.now,
                user_id=self.user_id,
                cell_id=cell,
                action=AccessLogEntry.Action.UPDATE,
                object_type="purge_batch",
                object_id=self.batch.pk,
                object_ref=f"purge {self.batch.pk}",
                reason=(
                    f"purged: {kinds[RecordType.CASE]} cases, {kinds[RecordType.SIGNAL]} "
                    f"signals, {kinds[RecordType.CONSULTATION]} consultations"
                ),
            )
            for cell, kinds in sorted(writer.cells.items())
        )
