"""Reads on action plans, already scoped by policies. Plans hold no personal data of
anyone a cell follows (only the names of officials), so reading them writes no access-log
entry (writes do, in services). Every page costs a fixed number of queries."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from . import policies, progress, workflow
from .models import Measure, Objective, Plan, ProgressUpdate, Recommendation
from .periods import HalfYear, last_ended, periods_between

STATUSES = workflow.MEASURE_STATUSES


def status_labels() -> list[tuple[str, str]]:
    return [(s, str(Measure.Status(s).label)) for s in STATUSES]


# Lists ------------------------------------------------------------------------------------


def plan_list(*, user, level: str = "", status: str = "") -> QuerySet[Plan]:
    """The plans the user reads, with their measures counted (one query)."""
    plans = policies.visible_plans(user)
    if level:
        plans = plans.filter(level=level)
    if status:
        plans = plans.filter(status=status)
    return (
        plans.select_related("region", "province", "municipality")
        .annotate(n_measures=Count("measures", distinct=True))
        .order_by("-period_start", "title", "id")
    )


def _updates_by_measure(measure_ids) -> dict[int, list[ProgressUpdate]]:
    updates = defaultdict(list)
    for update in ProgressUpdate.objects.filter(measure_id__in=list(measure_ids)).order_by(
        "-year", "-half"
    ):
        updates[update.measure_id].append(update)
    return updates


def late_counts(*, plans: list[Plan], today: datetime.date) -> dict[int, int]:
    """Overdue updates per plan of `plans` (two queries for all of them)."""
    by_id = {plan.pk: plan for plan in plans}
    measures = list(
        Measure.objects.filter(plan_id__in=list(by_id)).only(
            "id", "plan_id", "starts_on", "ends_on", "closed_on", "status"
        )
    )
    updates = _updates_by_measure(m.pk for m in measures)
    counts: Counter = Counter()
    for measure in measures:
        plan = by_id[measure.plan_id]
        counts[plan.pk] += sum(
            slot.overdue for slot in progress.slots(measure, plan, updates[measure.pk], today)
        )
    return dict(counts)


# A plan -----------------------------------------------------------------------------------


@dataclass
class MeasureRow:
    measure: Measure
    slots: list
    overdue: int = 0

    @property
    def late(self) -> bool:
        return self.overdue > 0


@dataclass
class Node:
    """An axis or objective with its measures and, for a strategic objective, its
    operational objectives."""

    objective: Objective
    measures: list[MeasureRow] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    def all_measures(self) -> list[MeasureRow]:
        rows = list(self.measures)
        for child in self.children:
            rows += child.all_measures()
        return rows

    def counts(self) -> list[int]:
        counted = Counter(row.measure.status for row in self.all_measures())
        return [counted.get(s, 0) for s in STATUSES]

    def overdue(self) -> int:
        return sum(row.overdue for row in self.all_measures())


def structure(*, plan: Plan, today: datetime.date) -> list[Node]:
    """The plan's axes or objectives as a tree, each with its measures (owners and
    organisations loaded) and their update slots. Three queries."""
    nodes = {o.pk: Node(o) for o in plan.objectives.select_related("parent")}
    measures = list(
        plan.measures.select_related("owner", "owner_organisation").order_by("position", "id")
    )
    updates = _updates_by_measure(m.pk for m in measures)
    for measure in measures:
        measure.plan = plan
        slots = progress.slots(measure, plan, updates[measure.pk], today)
        row = MeasureRow(measure, slots, sum(slot.overdue for slot in slots))
        nodes[measure.objective_id].measures.append(row)
    roots = []
    for node in nodes.values():
        parent = node.objective.parent_id
        (nodes[parent].children if parent in nodes else roots).append(node)
    return roots


def plan_page(*, user, plan: Plan, today: datetime.date) -> dict:
    """The plan page's content, for a reader (from `policies.access_plan`)."""
    tree = structure(plan=plan, today=today)
    rows = [row for node in tree for row in node.all_measures()]
    counted = Counter(row.measure.status for row in rows)
    return {
        "plan": plan,
        "actions": policies.plan_actions(user, plan),
        "tree": tree,
        "statuses": status_labels(),
        "totals": [counted.get(s, 0) for s in STATUSES],
        "n_measures": len(rows),
        "n_overdue": sum(row.overdue for row in rows),
        "recommendations": plan.recommendations.prefetch_related(
            Prefetch("measures", queryset=Measure.objects.only("id", "code", "plan_id"))
        ),
        "history": plan.history.select_related("by"),
        "takes_updates": workflow.plan_takes_updates(plan.status),
        "own_measures": {row.measure.pk for row in rows if policies.owns(user, row.measure)},
        "report_periods": report_periods(plan=plan, today=today),
        "report_period": default_report_period(plan=plan, today=today),
    }


def measure_page(*, user, measure: Measure, today: datetime.date) -> dict:
    """The measure page: its data, its half-years (written, owed, late), its history and
    the recommendations it answers."""
    plan = measure.plan
    updates = list(measure.updates.select_related("submitted_by"))
    slots = progress.slots(measure, plan, updates, today)
    can_write = policies.can_write_updates(user, measure)
    return {
        "measure": measure,
        "plan": plan,
        "actions": policies.measure_actions(user, measure),
        "slots": slots,
        "writable": [s for s in slots if s.update is None and s.owed] if can_write else [],
        "overdue": sum(s.overdue for s in slots),
        "history": measure.history.select_related("by"),
        "recommendations": measure.recommendations.all(),
    }


# The owner's view and the late updates ----------------------------------------------------


def my_measures(*, user, today: datetime.date) -> list[MeasureRow]:
    """The user's own measures with their half-years, late ones first (three queries)."""
    measures = list(
        Measure.objects.filter(owner=user, plan__in=policies.visible_plans(user))
        .select_related("plan", "objective", "owner_organisation")
        .order_by("plan__title", "position", "id")
    )
    updates = _updates_by_measure(m.pk for m in measures)
    rows = []
    for measure in measures:
        slots = progress.slots(measure, measure.plan, updates[measure.pk], today)
        rows.append(MeasureRow(measure, slots, sum(s.overdue for s in slots)))
    rows.sort(key=lambda row: (not row.late, row.measure.plan.title, row.measure.position))
    return rows


@dataclass(frozen=True)
class LateUpdate:
    measure: Measure
    period: HalfYear
    due_on: datetime.date
    days_late: int


def overdue_updates(*, user, today: datetime.date, plan_id: int | None = None) -> list:
    """Missing updates past their due date in the adopted plans the user follows, the
    longest overdue first (three queries, however many plans)."""
    plans = policies.overdue_plans(user).filter(status__in=workflow.ADOPTED_PLAN_STATUSES)
    if plan_id is not None:
        plans = plans.filter(pk=plan_id)
    by_id = {plan.pk: plan for plan in plans}
    measures = list(
        Measure.objects.filter(plan_id__in=list(by_id))
        .select_related("owner", "owner_organisation")
        .order_by("plan_id", "position", "id")
    )
    updates = _updates_by_measure(m.pk for m in measures)
    late = []
    for measure in measures:
        measure.plan = by_id[measure.plan_id]
        for slot in progress.slots(measure, measure.plan, updates[measure.pk], today):
            if slot.overdue:
                late.append(LateUpdate(measure, slot.period, slot.due_on, slot.days_late))
    late.sort(key=lambda row: (row.due_on, row.measure.plan_id, row.measure.position))
    return late


def overdue_plan_choices(*, user) -> QuerySet[Plan]:
    return (
        policies.overdue_plans(user)
        .filter(status__in=workflow.ADOPTED_PLAN_STATUSES)
        .order_by("title", "id")
    )


# Recommendations --------------------------------------------------------------------------


def recommendations(*, plan: Plan) -> QuerySet[Recommendation]:
    return plan.recommendations.select_related("created_by").prefetch_related(
        Prefetch("measures", queryset=Measure.objects.only("id", "code", "title", "plan_id")),
    )


def recommendation_history(*, recommendation: Recommendation):
    return recommendation.history.select_related("by")


# Choices for forms ------------------------------------------------------------------------


def objectives_for_measures(*, plan: Plan) -> QuerySet[Objective]:
    return plan.objectives.order_by("position", "id")


def strategic_objectives(*, plan: Plan) -> QuerySet[Objective]:
    return plan.objectives.filter(kind=Objective.Kind.STRATEGIC).order_by("position", "id")


def plan_measures(*, plan: Plan) -> QuerySet[Measure]:
    return plan.measures.order_by("position", "id")


def owner_choices():
    return policies.measure_owner_users()


def organisation_choices(*, keep: int | None = None):
    return policies.owner_organisations(keep)


# The half-yearly progress report ----------------------------------------------------------


@dataclass
class ReportMeasure:
    measure: Measure
    update: ProgressUpdate | None
    overdue: bool

    @property
    def reported_status(self) -> str:
        return self.update.status if self.update else ""


@dataclass
class ReportSection:
    objective: Objective
    rows: list[ReportMeasure]
    counts: list[int]
    missing: int
    budget: object
    spending: object


@dataclass
class Report:
    plan: Plan
    period: HalfYear
    today: datetime.date
    sections: list[ReportSection]
    statuses: list[tuple[str, str]]
    totals: list[int]
    missing: int
    overdue: list[LateUpdate]
    recommendations: list[Recommendation]
    periods: list[HalfYear] = field(default_factory=list)


def report_periods(*, plan: Plan, today: datetime.date) -> list[HalfYear]:
    """The half-years a report can be made for: those of the plan's period that have
    started, newest first."""
    last = min(plan.period_end, today)
    if last < plan.period_start:
        return []
    return sorted(periods_between(plan.period_start, last), reverse=True)


def default_report_period(*, plan: Plan, today: datetime.date) -> HalfYear | None:
    periods = report_periods(plan=plan, today=today)
    if not periods:
        return None
    ended = [p for p in periods if p <= last_ended(today)]
    return ended[0] if ended else periods[0]


def plan_report(*, plan: Plan, period: HalfYear, today: datetime.date) -> Report:
    """The progress of every measure in `period`, per axis or strategic objective (the
    operational objectives' measures count under their strategic objective), with the
    updates that are overdue today. Five queries."""
    tree = structure(plan=plan, today=today)
    updates = {
        u.measure_id: u
        for u in ProgressUpdate.objects.filter(
            measure__plan=plan, year=period.year, half=period.half
        )
    }
    sections, totals, missing = [], Counter(), 0
    for node in tree:
        rows = [
            ReportMeasure(
                row.measure,
                updates.get(row.measure.pk),
                any(s.overdue and s.period == period for s in row.slots),
            )
            for row in node.all_measures()
        ]
        counted = Counter(r.update.status for r in rows if r.update)
        section_missing = sum(1 for r in rows if r.update is None)
        totals.update(counted)
        missing += section_missing
        sections.append(
            ReportSection(
                node.objective,
                rows,
                [counted.get(s, 0) for s in STATUSES],
                section_missing,
                sum((r.measure.budget for r in rows if r.measure.budget is not None), start=0),
                sum((r.update.spending for r in rows if r.update and r.update.spending), start=0),
            )
        )
    late = overdue_for_plan(plan=plan, tree=tree)
    return Report(
        plan=plan,
        period=period,
        today=today,
        sections=sections,
        statuses=status_labels(),
        totals=[totals.get(s, 0) for s in STATUSES],
        missing=missing,
        overdue=late,
        recommendations=list(
            plan.recommendations.prefetch_related(
                Prefetch("measures", queryset=Measure.objects.only("id", "code", "plan_id"))
            )
        ),
    )


def overdue_for_plan(*, plan: Plan, tree: list[Node]) -> list[LateUpdate]:
    rows = [row for node in tree for row in node.all_measures()]
    late = [
        LateUpdate(row.measure, slot.period, slot.due_on, slot.days_late)
        for row in rows
        for slot in row.slots
        if slot.overdue
    ]
    late.sort(key=lambda r: (r.due_on, r.measure.position))
    return late
