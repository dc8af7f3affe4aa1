"""Tombstones written by PostgreSQL itself: one INSERT ... SELECT per record type and
chunk, the JSON lists built with jsonb_agg. Same rows as `tombstones.Writer` (the tests
hold the two together), without moving the facts through Python."""

from django.contrib.postgres.aggregates import JSONBAgg
from django.db import connection
from django.db.models import (
    CharField,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    JSONField,
    Min,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, JSONObject, TruncDate

from livc.cases.models import Case, Participant, PhaseChange
from livc.conferences.models import AgendaItem
from livc.intake.models import Consultation, Signal

from .expressions import case_until, consultation_until, signal_until
from .models import Tombstone
from .sql import InIds, quote
from .tombstones import COLUMNS, Writer

RecordType = Tombstone.RecordType
NONE_TYPES = {
    "case_original_id": IntegerField,
    "signal_original_id": IntegerField,
    "received_on": DateField,
    "screened_on": DateField,
    "opened_on": DateField,
    "closed_on": DateField,
    "first_conference_on": DateField,
}


def _compile(queryset: QuerySet) -> tuple[str, tuple]:
    return queryset.query.get_compiler(connection=connection).as_sql()


def _per_case(queryset: QuerySet, value) -> QuerySet:
    """One row per case of `queryset` (filtered on the chunk's cases): case_id, value."""
    return queryset.order_by().values("case_id").annotate(value=value).values("case_id", "value")


class SqlWriter(Writer):
    def _insert(self, queryset: QuerySet, record_type: str, joined=None, **values) -> None:
        """INSERT INTO tombstone SELECT ... FROM the chunk's records, LEFT JOINed with
        `joined` {column: (per-case queryset, SQL default)}: aggregates per case computed
        once for the chunk rather than once per row."""
        joined = joined or {}
        common = {
            "record_type": Value(record_type),
            "reason": Value(Tombstone.Reason.RETENTION_EXPIRED.value),
            "batch_id": Value(self.batch.pk),
            "purged_at": Value(self.now, output_field=DateTimeField()),
            "purged_by": Value(self.batch.triggered_by),
        }
        columns = {}
        for column in COLUMNS:
            if column in joined:
                continue
            if column in values:
                expression = values[column]
            elif column in common:
                expression = common[column]
            elif column in NONE_TYPES:
                # Typed: the SELECT is a derived table, where a bare NULL is text.
                expression = Cast(Value(None), NONE_TYPES[column]())
            elif column in ("phase_history", "organisations"):
                expression = Value([], output_field=JSONField())
            else:
                expression = Value("", output_field=CharField())
            columns[f"t_{column}"] = expression
        select = queryset.order_by().annotate(**columns).values_list(*columns)
        sql, params = _compile(select)
        source, params = f"({sql}) base", list(params)
        for n, (part, _default) in enumerate(joined.values()):
            part_sql, part_params = _compile(part)
            source += f" LEFT JOIN ({part_sql}) j{n} ON j{n}.case_id = base.t_original_id"
            params += part_params
        outputs = []
        for column in COLUMNS:
            if column in joined:
                n = list(joined).index(column)
                outputs.append(f"COALESCE(j{n}.value, {joined[column][1]})")
            else:
                outputs.append(f"base.t_{column}")
        names = ", ".join(quote(column) for column in COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(Tombstone._meta.db_table)} ({names}) "  # noqa: S608
                f"SELECT {', '.join(outputs)} FROM {source} RETURNING cell_id",
                params,
            )
            for (cell_id,) in cursor.fetchall():
                self.cells[cell_id][record_type] += 1

    def cases(self, ids: list[int]) -> None:
        cases = Case.objects.filter(InIds(F("pk"), ids))
        self.subjects.update(cases.values_list("subject_id", flat=True))
        of_chunk = InIds(F("case_id"), ids)
        self._insert(
            cases,
            RecordType.CASE,
            joined={
                "phase_history": (
                    _per_case(
                        PhaseChange.objects.filter(of_chunk),
                        JSONBAgg(
                            JSONObject(
                                **{"from": "from_phase", "to": "to_phase", "on": TruncDate("at")}
                            ),
                            order_by=("at", "id"),
                        ),
                    ),
                    "'[]'::jsonb",
                ),
                "organisations": (
                    _per_case(
                        Participant.objects.filter(of_chunk),
                        JSONBAgg(
                            JSONObject(type="organisation__type", status="status"),
                            order_by=("id",),
                        ),
                    ),
                    "'[]'::jsonb",
                ),
                "first_conference_on": (
                    _per_case(
                        AgendaItem.objects.filter(of_chunk),
                        Min(TruncDate("conference__starts_at")),
                    ),
                    "NULL",
                ),
            },
            original_id=F("pk"),
            reference=F("code"),
            cell_id=F("cell_id"),
            phenomenon=F("phenomenon"),
            prevention_level=F("prevention_level"),
            opened_on=F("opened_on"),
            closed_on=F("closed_on"),
            closure_reason=F("closure_reason"),
            closure_outcome=F("closure_outcome"),
            retention_until=case_until(),
        )

    def signals(self, signals: QuerySet[Signal]) -> None:
        self.subjects.update(signals.values_list("subject_id", flat=True))
        self._insert(
            signals,
            RecordType.SIGNAL,
            original_id=F("pk"),
            reference=F("reference"),
            cell_id=F("cell_id"),
            case_original_id=F("case_id"),
            phenomenon=F("phenomenon"),
            prevention_level=F("prevention_level"),
            reporter_type=F("reporter_type"),
            reporting_organisation_type=F("reporting_organisation__type"),
            screening_status=F("status"),
            received_on=F("received_on"),
            screened_on=TruncDate("screened_at"),
            retention_until=signal_until(),
        )

    def consultations(self, consultations: QuerySet[Consultation]) -> None:
        self._insert(
            consultations,
            RecordType.CONSULTATION,
            original_id=F("pk"),
            cell_id=F("cell_id"),
            signal_original_id=F("signal_id"),
            phenomenon=F("phenomenon"),
            reporting_organisation_type=F("organisation__type"),
            received_on=TruncDate("asked_at"),
            screened_on=TruncDate("answered_at"),
            retention_until=consultation_until(),
        )

    def write(self) -> None:
        """Nothing left to write: each record type was inserted as it came."""
