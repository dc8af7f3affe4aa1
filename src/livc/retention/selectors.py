"""Reads on retention, already scoped to cells the caller may see.

Nothing here returns a name or free text of a case, signal or consultation: codes,
dates, types, cells and the hold reasons the coordinator or DPO wrote (without names).
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone

from livc.cases.models import Case
from livc.intake.models import Consultation, Signal
from livc.organisations.models import Cell

from .expressions import (
    active_holds,
    case_held,
    case_until,
    consultation_until,
    signal_held,
    signal_until,
)
from .models import LegalHold, RetentionOverride, Tombstone
from .rules import OUT_OF_SCOPE_STATUSES, Periods, default_periods


def with_retention(cases: QuerySet[Case], today: datetime.date | None = None):
    """Cases annotated with `retention_until` (NULL while open) and `on_hold`, in SQL."""
    today = today or timezone.localdate()
    return cases.annotate(
        retention_until=case_until(),
        on_hold=ExpressionWrapper(case_held(today), output_field=BooleanField()),
    )


# The retention queue ----------------------------------------------------------------

QUEUE_SORTS = {"until": "until", "reference": "ref", "type": "kind", "cell": "cell_name"}


def _queue_columns(kind: str, ref, until, held) -> dict:
    # Same names, same order in every part of the union.
    return {
        "kind": Value(kind, output_field=CharField()),
        "record_id": ExpressionWrapper(F("pk"), output_field=IntegerField()),
        "ref": ref,
        "cell_pk": ExpressionWrapper(F("cell_id"), output_field=IntegerField()),
        "cell_name": F("cell__name"),
        "until": until,
        "held": ExpressionWrapper(held, output_field=BooleanField()),
    }


def queue(*, cell_ids, today: datetime.date, horizon_days: int, sort: str = "until"):
    """Records of `cell_ids` whose retention date falls before `today + horizon_days`
    (those already past wait for the next purge), one row per case, out-of-scope signal
    or standalone consultation: kind, record_id, ref, cell_pk, cell_name, until, held."""
    horizon = today + datetime.timedelta(days=horizon_days)
    parts = []
    for kind, queryset, ref, until, held in (
        (
            Tombstone.RecordType.CASE,
            Case.objects.filter(phase=Case.Phase.CLOSED),
            F("code"),
            case_until(),
            case_held(today),
        ),
        (
            Tombstone.RecordType.SIGNAL,
            Signal.objects.filter(case__isnull=True, status__in=OUT_OF_SCOPE_STATUSES),
            F("reference"),
            signal_until(),
            signal_held(today),
        ),
        (
            Tombstone.RecordType.CONSULTATION,
            Consultation.objects.filter(signal__isnull=True),
            Value("", output_field=CharField()),
            consultation_until(),
            Q(pk__isnull=True),  # consultations are never held on their own
        ),
    ):
        columns = _queue_columns(kind, ref, until, held)
        parts.append(
            queryset.filter(cell__in=cell_ids)
            .alias(due=until)
            .filter(due__lte=horizon)
            .annotate(**columns)
            .values(*columns)
            .order_by()
        )
    combined = parts[0].union(*parts[1:], all=True)
    descending = sort.startswith("-")
    column = QUEUE_SORTS.get(sort.lstrip("-"), "until")
    order = [f"-{column}" if descending else column, "kind", "record_id"]
    return combined.order_by(*order)


# Holds, tombstones, policies ----------------------------------------------------------


def holds(*, cell_ids, today: datetime.date | None = None) -> QuerySet[LegalHold]:
    """Holds of the cells, active ones first (annotated `active`), newest first."""
    today = today or timezone.localdate()
    active = Q(lifted_at__isnull=True) & (Q(until__isnull=True) | Q(until__gte=today))
    return (
        LegalHold.objects.filter(cell__in=cell_ids)
        .annotate(active=ExpressionWrapper(active, output_field=BooleanField()))
        .select_related("cell", "placed_by", "lifted_by")
        .order_by("-active", "-placed_at", "-pk")
    )


TOMBSTONE_SORTS = {
    "purged": "purged_at",
    "reference": "reference",
    "type": "record_type",
    "until": "retention_until",
}


def tombstones(*, cell_ids) -> QuerySet[Tombstone]:
    return Tombstone.objects.filter(cell__in=cell_ids).select_related("cell")


def purge_runs(*, cell_ids, limit: int = 10) -> list[dict]:
    """The latest purge runs that removed records of the cells, with per-type counts
    (only of those cells: another cell's figures are not theirs to see)."""
    per_type = {
        name: Count("pk", filter=Q(record_type=record_type))
        for name, record_type in (
            ("cases", Tombstone.RecordType.CASE),
            ("signals", Tombstone.RecordType.SIGNAL),
            ("consultations", Tombstone.RecordType.CONSULTATION),
        )
    }
    return list(
        Tombstone.objects.filter(cell__in=cell_ids)
        .values(
            "batch_id",
            "batch__started_at",
            "batch__finished_at",
            "batch__today",
            "batch__triggered_by",
        )
        .annotate(**per_type)
        .order_by("-batch__started_at", "-batch_id")[:limit]
    )


def _normalise(reference: str) -> str:
    """Codes and references are capitals, digits and dashes (MEC-2025-0012, S-MEC-000042):
    compare exactly, so the unique indexes serve the lookup."""
    return reference.strip().upper()


def purged_record(*, cell_ids, reference: str) -> Tombstone | None:
    """The tombstone of a purged case or signal with this reference in the cells."""
    return (
        Tombstone.objects.filter(cell__in=cell_ids, reference=_normalise(reference))
        .exclude(record_type=Tombstone.RecordType.CONSULTATION)
        .order_by("-purged_at")
        .first()
    )


def hold_target(*, cell_ids, reference: str) -> Case | Signal | None:
    """The live case (by code) or signal (by reference) of the cells, if any."""
    reference = _normalise(reference)
    case = Case.objects.filter(cell__in=cell_ids, code=reference).first()
    if case is not None:
        return case
    return (
        Signal.objects.filter(cell__in=cell_ids, reference=reference).select_related("case").first()
    )


@dataclass(frozen=True)
class CellPolicy:
    cell: Cell
    override: RetentionOverride | None
    effective: Periods
    defaults: Periods


def cell_policies(*, cell_ids) -> list[CellPolicy]:
    """Each cell's periods: its override (if any) and what applies, in one query."""
    defaults = default_periods()
    cells = Cell.objects.filter(pk__in=cell_ids).select_related("retention_override")
    result = []
    for cell in cells.order_by("name"):
        override = getattr(cell, "retention_override", None)
        effective = Periods(
            *(
                default if value is None else value
                for value, default in (
                    (override and override.out_of_scope_months, defaults.out_of_scope_months),
                    (override and override.closed_case_months, defaults.closed_case_months),
                )
            )
        )
        result.append(CellPolicy(cell, override, effective, defaults))
    return result


def retention_summary(*, cell_ids, today: datetime.date | None = None) -> dict:
    """For the DPO hub: per the cells, records waiting for the purge, due within 30 days,
    active holds, tombstones and the latest purge (four queries)."""
    today = today or timezone.localdate()
    waiting = due_soon = 0
    for row in queue(cell_ids=cell_ids, today=today, horizon_days=30):
        if row["held"]:
            continue
        if row["until"] < today:
            waiting += 1
        else:
            due_soon += 1
    runs = purge_runs(cell_ids=cell_ids, limit=1)
    return {
        "waiting_for_purge": waiting,
        "due_within_30_days": due_soon,
        "active_holds": active_holds(today).filter(cell__in=cell_ids).count(),
        "tombstones": Tombstone.objects.filter(cell__in=cell_ids).count(),
        "last_purge": runs[0]["batch__started_at"] if runs else None,
    }
