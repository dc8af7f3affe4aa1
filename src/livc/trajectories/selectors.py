"""Reads on plans, already scoped by policies. Every list is a fixed number of queries. A
selector that builds a page showing a case's content logs the read itself, so every
render is logged whatever its status (a form that came back with errors too)."""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.db.models import IntegerField, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from livc.accounts.models import User
from livc.audit.models import AccessLogEntry
from livc.cases.models import AftercareCheckin, Case
from livc.cases.policies import visible_cases
from livc.intake.models import Signal
from livc.intake.services import add_working_days
from livc.organisations.models import Cell, Membership
from livc.organisations.selectors import cell_memberships

from . import policies, workflow
from .models import Action, ActionStatusChange, Plan, ProgressNote
from .trail import log

DASHBOARD_ITEMS = 10  # per section; the rest is behind "see all"
SCREENING_WORKING_DAYS = 5
REVIEW_DAYS = 14
CHECKIN_DAYS = 14
SECTIONS = ("actions", "screenings", "reviews", "checkins")


# Plan page --------------------------------------------------------------------------------


@dataclass
class ActionRow:
    """One action on the plan page with what the user may do with it."""

    action: Action
    can_edit: bool
    transitions: list = field(default_factory=list)
    note_form: object = None  # the page's forms for the action, set by the view
    transition_form: object = None


def plan_page(*, user, case: Case, plan: Plan) -> dict:
    """The plan page's content for a reader of `case`, with what the user may do; logs a
    view of the plan on every render."""
    content = plan_content(plan=plan)
    can_edit_plan = policies.can_edit_plan(user, case)
    own = policies.own_organisations(user, case)
    rows = []
    for action in content["actions"]:
        row = ActionRow(action, can_edit_plan or action.organisation_id in own)
        if row.can_edit:
            row.transitions = workflow.transition_choices(action.status)
        rows.append(row)
    log(user, case, AccessLogEntry.Action.VIEW, "plan", plan.pk)
    return {
        "case": case,
        "plan": plan,
        "can_edit_plan": can_edit_plan,
        "goals": content["goals"],
        "reviews": content["reviews"],
        "rows": rows,
    }


def action_page(*, user, action: Action) -> dict:
    """The action's edit page shows its case and action: logged as a view on every render."""
    log(user, action.plan.case, AccessLogEntry.Action.VIEW, "action", action.pk)
    return {"action": action}


def plan_content(*, plan: Plan) -> dict:
    """Goals, actions (with notes and status history) and reviews of one plan."""
    actions = (
        plan.actions.select_related("organisation", "owner", "goal")
        .prefetch_related(
            Prefetch("notes", ProgressNote.objects.select_related("author", "organisation")),
            Prefetch("status_changes", ActionStatusChange.objects.select_related("by")),
        )
        .order_by(_open_first(), "due_on", "id")
    )
    return {
        "goals": list(plan.goals.all()),
        "actions": list(actions),
        "reviews": list(plan.reviews.select_related("author")),
    }


def owner_choices(*, case: Case, organisations) -> QuerySet[User]:
    """Possible owners: active members, in the case's cell, of one of `organisations`."""
    members = Membership.objects.filter(
        cell=case.cell_id, organisation__in=organisations, is_active=True
    )
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by(
        "full_name"
    )


def _open_first() -> models.Case:
    """Sort key: open and in-progress actions (0) before done and cancelled ones (1)."""
    return models.Case(
        models.When(status__in=Action.OPEN_STATUSES, then=0),
        default=1,
        output_field=IntegerField(),
    )


# My actions -------------------------------------------------------------------------------


def my_actions(*, user, descending: bool = False) -> QuerySet:
    """Ids of the actions owned by the user or given to one of their organisations (in
    that organisation's cell), in cases the user can see; open and in progress first, then
    by due date. Ids only, to page cheaply: `actions_in_order` loads one page."""
    mine = Q(owner=user)
    for membership in cell_memberships(user):
        mine |= Q(cell=membership.cell_id, organisation=membership.organisation_id)
    due = "-due_on" if descending else "due_on"
    return (
        Action.objects.filter(mine, plan_id__in=visible_cases(user).values("pk"))
        .order_by(_open_first(), due, "id")
        .values_list("pk", flat=True)
    )


def actions_in_order(ids: list[int]) -> list[Action]:
    """The actions `ids` (already authorised) with case, organisation and owner, in order."""
    actions = Action.objects.select_related("plan__case", "organisation", "owner").in_bulk(ids)
    return [actions[pk] for pk in ids]


# Dashboard --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Horizon:
    """The dates that make an item 'due' on the dashboard, computed once per request."""

    today: datetime.date
    screening: datetime.date
    review: datetime.date
    checkin: datetime.date

    @classmethod
    def from_today(cls, today: datetime.date | None = None) -> "Horizon":
        today = today or timezone.localdate()
        return cls(
            today=today,
            screening=add_working_days(today, SCREENING_WORKING_DAYS),
            review=today + datetime.timedelta(days=REVIEW_DAYS),
            checkin=today + datetime.timedelta(days=CHECKIN_DAYS),
        )


def dashboard_section(*, cell_id: int, section: str, horizon: Horizon) -> QuerySet:
    """The items of one dashboard section, most urgent first. Each filter starts from an
    index that leads with the cell (see the models' indexes)."""
    if section == "actions":
        return (
            Action.objects.filter(
                cell=cell_id, status__in=Action.OPEN_STATUSES, due_on__lt=horizon.today
            )
            .select_related("plan__case", "organisation", "owner")
            .order_by("due_on", "id")
        )
    if section == "screenings":
        return Signal.objects.filter(
            cell=cell_id, status__in=Signal.OPEN_STATUSES, screening_due__lte=horizon.screening
        ).order_by("screening_due", "id")
    if section == "reviews":
        return (
            Plan.objects.filter(cell=cell_id, next_review_on__lte=horizon.review)
            .exclude(case__phase=Case.Phase.CLOSED)
            .select_related("case")
            .order_by("next_review_on", "pk")
        )
    if section == "checkins":
        # Check-ins matter while the case is in aftercare; the case index leads with the cell.
        return (
            AftercareCheckin.objects.filter(
                case__in=Case.objects.filter(cell=cell_id, phase=Case.Phase.AFTERCARE).values("pk"),
                done_on__isnull=True,
                due_on__lte=horizon.checkin,
            )
            .select_related("case")
            .order_by("due_on", "id")
        )
    raise ValueError(section)


def cell_choices(*, cell_ids: set[int]) -> list[Cell]:
    """The cells to switch between, when the user coordinates more than one."""
    return list(Cell.objects.filter(pk__in=cell_ids).order_by("name")) if len(cell_ids) > 1 else []


class _Count(Subquery):
    """COUNT(*) of a queryset, as a scalar subquery (several counts in one query)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


COUNT_CAP = 100


@dataclass(frozen=True)
class Dashboard:
    cell: Cell
    counts: dict[str, int]
    items: dict[str, list]

    @property
    def count_labels(self) -> dict[str, str]:
        return {
            name: f"{COUNT_CAP}+" if count > COUNT_CAP else str(count)
            for name, count in self.counts.items()
        }


def dashboard(*, cell_id: int, horizon: Horizon) -> Dashboard:
    """The cell's dashboard in five queries however much data: the cell with the four
    section counts, then the first DASHBOARD_ITEMS items of each section."""
    sections = {
        name: dashboard_section(cell_id=cell_id, section=name, horizon=horizon) for name in SECTIONS
    }
    # Counting stops past COUNT_CAP: "100+" is as useful as 5,312 and costs a fraction.
    counts = {
        f"n_{name}": _Count(qs.order_by().values("pk")[: COUNT_CAP + 1])
        for name, qs in sections.items()
    }
    cell = Cell.objects.filter(pk=cell_id).annotate(**counts).get()
    return Dashboard(
        cell=cell,
        counts={name: getattr(cell, f"n_{name}") for name in SECTIONS},
        items={name: list(qs[:DASHBOARD_ITEMS]) for name, qs in sections.items()},
    )
