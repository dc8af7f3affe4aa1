"""Cases: opened, under way at the end of the period by phase, closed by reason and
outcome, median durations, and re-signal within 12 months after closure (by blind index).
Live rows and tombstones together; every count grouped by cell and period in the database."""

import datetime

from django.db.models import Case as DjangoCase
from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models import Value as V
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.cases.choices import ClosureReason, Outcome
from livc.cases.models import Case, PhaseChange
from livc.conferences.models import AgendaItem, Conference
from livc.intake.models import Signal
from livc.retention.models import Tombstone

from . import sql
from .base import Scope, Tally, figure
from .common import (
    columns,
    counts,
    keys,
    levels,
    local_day,
    moment_span,
    phenomena,
    plus_unknown,
    with_unknown,
)

CASE = Tombstone.RecordType.CASE
HELD = (Conference.Status.HELD, Conference.Status.MINUTES_APPROVED)
OPEN_PHASES = (
    Case.Phase.PREPARATION,
    Case.Phase.ACTIVE,
    Case.Phase.ON_HOLD,
    Case.Phase.AFTERCARE,
)
RESIGNAL_DAYS = 365


def _tombstones(scope: Scope, field: str):
    return Tombstone.objects.filter(
        record_type=CASE, cell__in=scope.cell_ids, **scope.span(field)
    ).annotate(bucket=scope.bucket(field))


def _grouped(queryset, **aggregates) -> list[dict]:
    rows = queryset.values("cell_id", "bucket").annotate(n=Count("pk"), **aggregates).order_by()
    return [row for row in rows if row["bucket"] is not None]


def _opened_and_closed(scope: Scope, tally: Tally) -> None:
    opened = {"phe_": keys(phenomena()), "lvl_": keys(levels())}
    opened_fields = {"phe_": "phenomenon", "lvl_": "prevention_level"}
    closed = {"rsn_": list(ClosureReason.values), "out_": list(Outcome.values)}
    closed_fields = {"rsn_": "closure_reason", "out_": "closure_outcome"}
    live_opened = Case.objects.filter(cell__in=scope.cell_ids, **scope.span("opened_on"))
    live_closed = Case.objects.filter(cell__in=scope.cell_ids, **scope.span("closed_on"))
    for queryset, groups, fields in (
        (live_opened.annotate(bucket=scope.bucket("opened_on")), opened, opened_fields),
        (_tombstones(scope, "opened_on"), opened, opened_fields),
        (live_closed.annotate(bucket=scope.bucket("closed_on")), closed, closed_fields),
        (_tombstones(scope, "closed_on"), closed, closed_fields),
    ):
        aggregates = {}
        for prefix, known in groups.items():
            aggregates.update(counts(prefix, fields[prefix], known))
        rows = _grouped(queryset, **aggregates)
        for prefix, known in groups.items():
            with_unknown(rows, prefix, known)
            tally.add_columns(rows, [*columns(prefix, known), prefix])


def _phases_at_end(scope: Scope, tally: Tally) -> None:
    """Cases open at each period's end (today for a period not over yet), by phase then."""
    ends = {}
    for i, period in enumerate(scope.periods):
        if period.end >= scope.today:
            rows = (
                Case.objects.filter(cell__in=scope.cell_ids, phase__in=OPEN_PHASES)
                .values("cell_id", "phase")
                .annotate(n=Count("pk"))
                .order_by()
            )
            day = scope.today
        else:
            day = period.end
            before = timezone.make_aware(
                datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
            )
            last = (
                PhaseChange.objects.filter(case=OuterRef("pk"), at__lt=before)
                .order_by("-at", "-id")
                .values("to_phase")[:1]
            )
            rows = (
                Case.objects.filter(cell__in=scope.cell_ids, opened_on__lte=day)
                .exclude(closed_on__lte=day)
                .annotate(phase_then=Coalesce(Subquery(last), V(Case.Phase.PREPARATION)))
                .values("cell_id", "phase_then")
                .annotate(n=Count("pk"))
                .order_by()
            )
        ends[i] = day
        for row in rows:
            phase = row.get("phase_then", row.get("phase"))
            tally.add(i, "ph_" + phase, row["cell_id"], row["n"])
    for cell_id, i, phase, count in sql.tombstone_phases_at(scope, ends):
        tally.add(i, "ph_" + phase, cell_id, count)


def _durations(scope: Scope):
    days = sql.DaysBetween(F("closed_on"), F("opened_on"))
    live = (
        Case.objects.filter(cell__in=scope.cell_ids, **scope.span("closed_on"))
        .annotate(bucket=scope.bucket("closed_on"), days=days)
        .values_list("cell_id", "bucket", "days")
        .order_by()
    )
    purged = (
        _tombstones(scope, "closed_on")
        .annotate(days=days)
        .values_list("cell_id", "bucket", "days")
        .order_by()
    )
    return sql.medians([live, purged])


def _to_first_conference(scope: Scope):
    held = AgendaItem.objects.filter(case=OuterRef("pk"), conference__status__in=HELD)
    first = held.order_by("conference__starts_at").values(day=local_day("conference__starts_at"))[
        :1
    ]
    first_signal = Signal.objects.filter(case=OuterRef("pk")).order_by("received_on")
    live = (
        Case.objects.filter(cell__in=scope.cell_ids)
        .filter(Exists(held.filter(**moment_span(scope, "conference__starts_at"))))
        .annotate(
            first=Subquery(first),
            start=Coalesce(Subquery(first_signal.values("received_on")[:1]), F("opened_on")),
        )
        .annotate(bucket=scope.bucket("first"), days=sql.DaysBetween(F("first"), F("start")))
        .values_list("cell_id", "bucket", "days")
        .order_by()
    )
    purged_signals = Tombstone.objects.filter(
        record_type=Tombstone.RecordType.SIGNAL, case_original_id=OuterRef("original_id")
    ).order_by("received_on")
    purged = (
        _tombstones(scope, "first_conference_on")
        .annotate(
            start=Coalesce(Subquery(purged_signals.values("received_on")[:1]), F("opened_on")),
            days=sql.DaysBetween(F("first_conference_on"), F("start")),
        )
        .values_list("cell_id", "bucket", "days")
        .order_by()
    )
    return sql.medians([live, purged])


def _resignals(scope: Scope, tally: Tally) -> None:
    """Closed cases (not closed for death) and whether their person was signalled again
    within 365 days: in the same cell, only in another cell, or not. One CASE per case,
    tried in order so that the database stops at the first match; name and national
    number are separate EXISTS (each uses its index), the number only when there is one."""
    window = {
        "received_on__gt": OuterRef("closed_on"),
        "received_on__lte": OuterRef("window_end"),
    }
    by_name = Signal.objects.filter(subject__name_index=OuterRef("name_index"), **window)
    by_number = Signal.objects.filter(
        subject__national_number_index=OuterRef("number_index"), **window
    )
    here = {"cell": OuterRef("cell_id")}
    has_number = Q(number_index__isnull=False)
    where = DjangoCase(
        When(Exists(by_name.filter(**here)), then=V("same_cell")),
        When(has_number & Exists(by_number.filter(**here)), then=V("same_cell")),
        When(Exists(by_name), then=V("other_cell")),
        When(has_number & Exists(by_number), then=V("other_cell")),
        default=V("none"),
        output_field=CharField(),
    )
    rows = (
        Case.objects.filter(cell__in=scope.cell_ids, **scope.span("closed_on"))
        .exclude(closure_reason=ClosureReason.DECEASED)
        .annotate(
            bucket=scope.bucket("closed_on"),
            name_index=F("subject__name_index"),
            # NULL, not '', when there is no number: '' would match every subject without
            # one in the correlated lookup, whatever the order the database evaluates in.
            number_index=NullIf(F("subject__national_number_index"), V("")),
            window_end=ExpressionWrapper(
                F("closed_on") + datetime.timedelta(days=RESIGNAL_DAYS), output_field=DateField()
            ),
        )
        .annotate(where=where)
        .values("cell_id", "bucket", "where")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        if row["bucket"] is not None:
            tally.add(row["bucket"], "rs_" + row["where"], row["cell_id"], row["n"])


def compute(scope: Scope) -> dict[int, list]:
    tally = Tally()
    _opened_and_closed(scope, tally)
    _phases_at_end(scope, tally)
    _resignals(scope, tally)
    durations, duration_n = _durations(scope)
    to_conference, to_conference_n = _to_first_conference(scope)
    phases = [(str(p.value), str(p.label)) for p in OPEN_PHASES]
    reasons = [(str(v), str(label)) for v, label in ClosureReason.choices]
    outcomes = [(str(v), str(label)) for v, label in Outcome.choices]
    resignal = [
        ("same_cell", _("signalled again in the same cell")),
        ("other_cell", _("signalled again in another cell only")),
        ("none", _("not signalled again")),
    ]
    result = {}
    for i, period in enumerate(scope.periods):
        window = period.end + datetime.timedelta(days=RESIGNAL_DAYS)
        provisional = (
            _("Provisional: the 12 months after closure run until %(date)s.")
            % {"date": window.isoformat()}
            if window >= scope.today
            else ""
        )
        result[i] = [
            figure("cases_opened", plus_unknown(phenomena(), tally, i, "phe_")),
            figure("cases_opened_by_level", plus_unknown(levels(), tally, i, "lvl_")),
            figure("cases_active_at_end", tally.rows(i, phases, "ph_")),
            figure("cases_closed_by_reason", plus_unknown(reasons, tally, i, "rsn_")),
            figure("cases_closed_by_outcome", plus_unknown(outcomes, tally, i, "out_")),
            figure(
                "days_signal_to_conference",
                total=to_conference_n.get(i, {}),
                value=to_conference.get(i),
            ),
            figure("case_duration", total=duration_n.get(i, {}), value=durations.get(i)),
            figure("resignal_within_year", tally.rows(i, resignal, "rs_"), note=provisional),
        ]
    return result
