"""Tombstone rows of a purge chunk, read set-based before the records go.

A few queries per chunk (cases, phase changes, participants, first conference, signals,
consultations) give plain tuples, written with COPY on PostgreSQL; no model instances,
no decryption: only codes, dates and counts are read, never a name or a text.
"""

import datetime
from collections import Counter, defaultdict

from django.db import connection
from django.db.models import F, Min, QuerySet
from django.db.models.functions import TruncDate

from livc.cases.models import Case, Participant, PhaseChange
from livc.conferences.models import AgendaItem
from livc.intake.models import Consultation, Signal

from . import sql
from .expressions import case_until, consultation_until, signal_until
from .models import PurgeBatch, Tombstone
from .sql import InIds

RecordType = Tombstone.RecordType
COLUMNS = (
    "record_type", "original_id", "reference", "cell_id", "case_original_id",
    "signal_original_id", "phenomenon", "prevention_level", "reporter_type",
    "reporting_organisation_type", "screening_status", "received_on", "screened_on",
    "opened_on", "closed_on", "first_conference_on", "closure_reason", "closure_outcome",
    "phase_history", "organisations", "retention_until", "reason", "batch_id", "purged_at",
    "purged_by",
)  # fmt: skip
# What a record type does not fill.
DEFAULTS = {
    "reference": "",
    "phenomenon": "",
    "prevention_level": "",
    "reporter_type": "",
    "reporting_organisation_type": "",
    "screening_status": "",
    "closure_reason": "",
    "closure_outcome": "",
    "phase_history": "[]",
    "organisations": "[]",
}


def _json(items: list[tuple], keys: tuple[str, ...]) -> str:
    """A JSON list of objects. The values are choice codes and ISO dates (letters,
    digits, '_' and '-'), so no escaping is needed; building the text by hand is several
    times faster than json.dumps for tens of thousands of rows."""
    return (
        "["
        + ",".join(
            "{"
            + ",".join(f'"{key}":"{value}"' for key, value in zip(keys, item, strict=True))
            + "}"
            for item in items
        )
        + "]"
    )


class Writer:
    """Collects the tombstone rows of one chunk; counts them per cell and record type and
    remembers the subjects of the purged records. Portable; on PostgreSQL the purge uses
    `tombstones_pg.SqlWriter`, which leaves the work to the database."""

    def __init__(self, batch: PurgeBatch, now: datetime.datetime):
        self.batch, self.now = batch, now
        self.position = {column: n for n, column in enumerate(COLUMNS)}
        self.template = [DEFAULTS.get(column) for column in COLUMNS]
        for column, value in (
            ("reason", Tombstone.Reason.RETENTION_EXPIRED.value),
            ("batch_id", batch.pk),
            ("purged_by", batch.triggered_by),
            ("purged_at", now),
        ):
            self.template[self.position[column]] = value
        self.adapters = _adapters(self.position)
        self.rows: list[tuple] = []
        self.cells: dict[int, Counter] = defaultdict(Counter)
        self.subjects: set[int] = set()

    def _add(self, record_type: str, **values) -> None:
        self.cells[values["cell_id"]][record_type] += 1
        row, position = self.template.copy(), self.position
        row[position["record_type"]] = record_type
        for column, value in values.items():
            row[position[column]] = value
        for n, adapt in self.adapters:
            if row[n] is not None:
                row[n] = adapt(row[n])
        self.rows.append(tuple(row))

    def kinds(self) -> Counter:
        total = Counter()
        for per_type in self.cells.values():
            total.update(per_type)
        return total

    def write(self) -> None:
        sql.insert_rows(Tombstone._meta.db_table, COLUMNS, self.rows)

    # Per record type ----------------------------------------------------------------

    def cases(self, ids: list[int]) -> None:
        history, organisations, conferences = defaultdict(list), defaultdict(list), {}
        for case_id, *step in (
            PhaseChange.objects.filter(InIds(F("case_id"), ids))
            .order_by("case_id", "at", "id")
            .values_list("case_id", "from_phase", "to_phase", TruncDate("at"))
        ):
            history[case_id].append(step)
        for case_id, *participant in (
            Participant.objects.filter(InIds(F("case_id"), ids))
            .order_by("case_id", "id")
            .values_list("case_id", "organisation__type", "status")
        ):
            organisations[case_id].append(participant)
        for case_id, first in (
            AgendaItem.objects.filter(InIds(F("case_id"), ids))
            .values("case_id")
            .annotate(first=Min(TruncDate("conference__starts_at")))
            .order_by()
            .values_list("case_id", "first")
        ):
            conferences[case_id] = first
        for case in (
            Case.objects.filter(InIds(F("pk"), ids))
            .annotate(until=case_until())
            .values_list(
                "pk", "code", "cell_id", "phenomenon", "prevention_level", "opened_on",
                "closed_on", "closure_reason", "closure_outcome", "until", "subject_id",
                named=True,
            )
        ):  # fmt: skip
            self.subjects.add(case.subject_id)
            self._add(
                RecordType.CASE,
                original_id=case.pk,
                reference=case.code,
                cell_id=case.cell_id,
                phenomenon=case.phenomenon,
                prevention_level=case.prevention_level,
                opened_on=case.opened_on,
                closed_on=case.closed_on,
                closure_reason=case.closure_reason,
                closure_outcome=case.closure_outcome,
                first_conference_on=conferences.get(case.pk),
                phase_history=_json(history[case.pk], ("from", "to", "on")),
                organisations=_json(organisations[case.pk], ("type", "status")),
                retention_until=case.until,
            )

    def signals(self, signals: QuerySet[Signal]) -> None:
        for signal in signals.annotate(
            until=signal_until(), screened_on=TruncDate("screened_at")
        ).values_list(
            "pk", "reference", "cell_id", "case_id", "phenomenon", "prevention_level",
            "reporter_type", "reporting_organisation__type", "status", "received_on",
            "screened_on", "until", "subject_id", named=True,
        ):  # fmt: skip
            self.subjects.add(signal.subject_id)
            self._add(
                RecordType.SIGNAL,
                original_id=signal.pk,
                reference=signal.reference,
                cell_id=signal.cell_id,
                case_original_id=signal.case_id,
                phenomenon=signal.phenomenon,
                prevention_level=signal.prevention_level,
                reporter_type=signal.reporter_type,
                reporting_organisation_type=signal.reporting_organisation__type,
                screening_status=signal.status,
                received_on=signal.received_on,
                screened_on=signal.screened_on,
                retention_until=signal.until,
            )

    def consultations(self, consultations: QuerySet[Consultation]) -> None:
        for consultation in consultations.annotate(
            until=consultation_until(),
            asked_on=TruncDate("asked_at"),
            answered_on=TruncDate("answered_at"),
        ).values_list(
            "pk", "cell_id", "signal_id", "phenomenon", "organisation__type", "asked_on",
            "answered_on", "until", named=True,
        ):  # fmt: skip
            self._add(
                RecordType.CONSULTATION,
                original_id=consultation.pk,
                cell_id=consultation.cell_id,
                signal_original_id=consultation.signal_id,
                phenomenon=consultation.phenomenon,
                reporting_organisation_type=consultation.organisation__type,
                received_on=consultation.asked_on,
                screened_on=consultation.answered_on,
                retention_until=consultation.until,
            )


def _adapters(position: dict[str, int]) -> list:
    """(position, adapter) of the date columns a raw SQLite INSERT must convert."""
    if connection.vendor == "postgresql":
        return []
    ops, fields = connection.ops, {f.column: f for f in Tombstone._meta.concrete_fields}
    adapters = {
        "DateField": ops.adapt_datefield_value,
        "DateTimeField": ops.adapt_datetimefield_value,
    }
    return [
        (n, adapters[fields[column].get_internal_type()])
        for column, n in position.items()
        if fields[column].get_internal_type() in adapters
    ]
