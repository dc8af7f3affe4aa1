"""Signals and consultations: received by source, phenomenon and level; screened within
the deadline; leading to a case. Live rows and tombstones, three queries for signals and
two for consultations, grouped by cell and period in the database."""

from django.conf import settings
from django.db.models import Case, Count, DateField, F, Q, Value, When
from django.utils.translation import gettext as _

from livc.intake.models import Consultation, ReporterType, Signal
from livc.intake.services import add_working_days
from livc.retention.models import Tombstone

from .base import Scope, Tally, figure
from .common import (
    columns,
    counts,
    keys,
    levels,
    local_day,
    moment_span,
    organisation_types,
    phenomena,
    plus_unknown,
    sources,
    with_unknown,
)

DECIDED = (
    Signal.Status.CASE_OPENED,
    Signal.Status.ADVISED,
    Signal.Status.REFERRED,
    Signal.Status.WITHDRAWN,
)
DEADLINE = ("in_time", "late", "overdue")


def _source_counts(reporter: str, organisation_type: str) -> dict:
    """`src_<key>`: organisations by type, citizen and consultation by reporter type."""
    result = counts(
        "src_",
        organisation_type,
        keys(organisation_types()),
        base=Q(**{reporter: ReporterType.ORGANISATION}),
    )
    for kind in (ReporterType.CITIZEN, ReporterType.CONSULTATION):
        result[f"src_{kind.value}"] = Count("pk", filter=Q(**{reporter: kind}))
    return result


def _common(status_field: str, reporter: str, organisation_type: str) -> dict:
    return {
        "n": Count("pk"),
        **_source_counts(reporter, organisation_type),
        **counts("phe_", "phenomenon", keys(phenomena())),
        **counts("lvl_", "prevention_level", keys(levels())),
        **counts("out_", status_field, DECIDED),
    }


def _live(scope: Scope) -> list[dict]:
    screened = Q(screened_at__isnull=False) & ~Q(status__in=Signal.OPEN_STATUSES)
    in_time = Q(screened_day__lte=F("screening_due"))
    return list(
        Signal.objects.filter(cell__in=scope.cell_ids, **scope.span("received_on"))
        .annotate(bucket=scope.bucket("received_on"), screened_day=local_day("screened_at"))
        .values("cell_id", "bucket")
        .annotate(
            **_common("status", "reporter_type", "reporting_organisation__type"),
            dl_in_time=Count("pk", filter=screened & in_time),
            dl_late=Count("pk", filter=screened & ~in_time),
            dl_overdue=Count(
                "pk",
                filter=Q(status__in=Signal.OPEN_STATUSES, screening_due__lt=scope.today),
            ),
        )
        .order_by()
    )


def _tombstones(scope: Scope) -> list[dict]:
    signals = Tombstone.objects.filter(
        record_type=Tombstone.RecordType.SIGNAL,
        cell__in=scope.cell_ids,
        **scope.span("received_on"),
    )
    # The tombstone has no screening deadline: recompute it per signal date. One When per
    # distinct date (at most the days of the periods), whatever the number of tombstones.
    days = signals.filter(screened_on__isnull=False).values_list("received_on", flat=True)
    due = Case(
        *(
            When(received_on=day, then=Value(add_working_days(day, settings.LIVC_SCREENING_DAYS)))
            for day in sorted(set(days.distinct().order_by()))
        ),
        default=None,
        output_field=DateField(),
    )
    screened = Q(screened_on__isnull=False, due__isnull=False)
    return list(
        signals.annotate(bucket=scope.bucket("received_on"), due=due)
        .values("cell_id", "bucket")
        .annotate(
            **_common("screening_status", "reporter_type", "reporting_organisation_type"),
            dl_in_time=Count("pk", filter=screened & Q(screened_on__lte=F("due"))),
            dl_late=Count("pk", filter=screened & Q(screened_on__gt=F("due"))),
        )
        .order_by()
    )


def compute(scope: Scope) -> dict[int, list]:
    """The signal figures of each period (by period index)."""
    tally = Tally()
    src, phe, lvl = sources(), phenomena(), levels()
    all_columns = [
        *columns("src_", keys(src)),
        *columns("phe_", keys(phe)),
        *columns("lvl_", keys(lvl)),
        *columns("out_", DECIDED),
        *columns("dl_", DEADLINE),
        "src_",
        "phe_",
        "lvl_",
    ]
    for rows in (_live(scope), _tombstones(scope)):
        rows = [row for row in rows if row["bucket"] is not None]
        with_unknown(rows, "src_", keys(src))
        with_unknown(rows, "phe_", keys(phe))
        with_unknown(rows, "lvl_", keys(lvl))
        for row in rows:
            row.setdefault("dl_overdue", 0)
        tally.add_columns(rows, all_columns)
    outcomes = [(str(status.value), str(status.label)) for status in DECIDED]
    deadline = [
        ("in_time", _("screened within the deadline")),
        ("late", _("screened after the deadline")),
        ("overdue", _("not screened, deadline passed")),
    ]
    consultations = _consultations(scope)
    result = {}
    for i in range(len(scope.periods)):
        result[i] = [
            figure("signals_by_source", plus_unknown(src, tally, i, "src_")),
            figure("signals_by_phenomenon", plus_unknown(phe, tally, i, "phe_")),
            figure("signals_by_level", plus_unknown(lvl, tally, i, "lvl_")),
            figure("signals_screened_in_time", tally.rows(i, deadline, "dl_")),
            figure("signals_to_case", tally.rows(i, outcomes, "out_")),
            figure(
                "consultations",
                plus_unknown(organisation_types(), consultations, i, "org_"),
            ),
        ]
    return result


def _consultations(scope: Scope) -> Tally:
    types = keys(organisation_types())
    tally = Tally()
    live = (
        Consultation.objects.filter(cell__in=scope.cell_ids, **moment_span(scope, "asked_at"))
        .annotate(day=local_day("asked_at"))
        .annotate(bucket=scope.bucket("day"))
        .values("cell_id", "bucket")
        .annotate(n=Count("pk"), **counts("org_", "organisation__type", types))
        .order_by()
    )
    purged = (
        Tombstone.objects.filter(
            record_type=Tombstone.RecordType.CONSULTATION,
            cell__in=scope.cell_ids,
            **scope.span("received_on"),
        )
        .annotate(bucket=scope.bucket("received_on"))
        .values("cell_id", "bucket")
        .annotate(n=Count("pk"), **counts("org_", "reporting_organisation_type", types))
        .order_by()
    )
    for rows in (list(live), list(purged)):
        rows = [row for row in rows if row["bucket"] is not None]
        with_unknown(rows, "org_", types)
        tally.add_columns(rows, [*columns("org_", types), "org_"])
    return tally
