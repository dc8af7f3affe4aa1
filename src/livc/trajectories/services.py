"""Writes on plans. Each write checks its own policy (NotFound when the user may not read
the case, Refused when they may read it but not do this), validates the data
(participation, membership, dates, workflow) with the rules the forms show and raises
`ValidationError`, keyed by field where one field is at fault; it is atomic and appends
to the access log itself. Views and other apps (conferences) only map these errors.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from livc.access.actor import actor_for
from livc.access.errors import Refused
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.cases.models import Case, Participant
from livc.cases.policies import ensure_visible
from livc.core.dates import date_problem
from livc.core.locking import save_if_unchanged
from livc.organisations.models import Membership

from . import policies, workflow
from .models import Action, ActionStatusChange, Goal, Plan, ProgressNote, Review
from .trail import log as _log

A = AccessLogEntry.Action

_bump = save_if_unchanged  # optimistic lock shared with cases


# Plans ------------------------------------------------------------------------------------


def plan_for(*, user, case: Case) -> Plan:
    """The case's plan, created on first use (creation is logged), for a reader of it."""
    ensure_visible(user, case)
    plan = Plan.objects.filter(case=case).first() or _plan_create(user=user, case=case)
    plan.case = case
    return plan


@transaction.atomic
def _plan_create(*, user, case: Case) -> Plan:
    plan, created = Plan.objects.get_or_create(case=case, defaults={"cell_id": case.cell_id})
    if created:  # else a concurrent request just created it
        _log(user, case, A.CREATE, "plan", plan.pk)
    return plan


def _editing(user, case: Case) -> Case:
    """Goals, reviews, the review date: NotFound for a non-reader, Refused for readers who
    do not edit the plan."""
    ensure_visible(user, case)
    if not policies.can_edit_plan(user, case):
        raise Refused(_("Only the coordinator and the case director edit the plan."))
    return case


def _date(errors: dict, field: str, day, *, today: datetime.date, future: bool = False):
    problem = date_problem(day, today=today, future=future)
    if problem:
        errors.setdefault(field, problem)


def _next_review(errors: dict, day: datetime.date | None, today: datetime.date) -> None:
    if day is not None and day < today:
        errors["next_review_on"] = _("This date is in the past.")
    _date(errors, "next_review_on", day, today=today, future=True)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_schedule_review(
    *, user, plan: Plan, next_review_on, version: int, today: datetime.date | None = None
) -> Plan:
    """Set (or clear, with None) the date of the next review."""
    _editing(user, plan.case)
    errors: dict = {}
    _next_review(errors, next_review_on, today or timezone.localdate())
    _raise(errors)
    _bump(plan, version, next_review_on=next_review_on)
    _log(user, plan.case, A.UPDATE, "plan", plan.pk, reason="next review")
    return plan


@transaction.atomic
def review_add(
    *,
    user,
    plan: Plan,
    held_on,
    note: str,
    next_review_on,
    version: int,
    today: datetime.date | None = None,
) -> Review:
    """Record a review that took place and plan the next one (None: none planned)."""
    _editing(user, plan.case)
    today = today or timezone.localdate()
    errors: dict = {}
    if held_on > today:
        errors["held_on"] = _("A review cannot be recorded before it is held.")
    _date(errors, "held_on", held_on, today=today)
    if not note.strip():
        errors["note"] = _("Write what the review concluded.")
    _next_review(errors, next_review_on, today)
    _raise(errors)
    _bump(plan, version, next_review_on=next_review_on)
    review = Review.objects.create(plan=plan, held_on=held_on, note=note, author=user)
    _log(user, plan.case, A.CREATE, "review", review.pk)
    return review


@transaction.atomic
def goal_add(*, user, plan: Plan, description: str) -> Goal:
    _editing(user, plan.case)
    if not description.strip():
        raise ValidationError({"description": _("Describe the goal.")})
    goal = Goal.objects.create(plan=plan, description=description, created_by=user)
    _log(user, plan.case, A.CREATE, "goal", goal.pk)
    return goal


@transaction.atomic
def goal_set_reached(
    *, user, goal: Goal, case: Case, reached: bool, today: datetime.date | None = None
) -> Goal:
    _editing(user, case)
    if goal.plan_id != case.pk:
        raise ValidationError(_("This goal belongs to another plan."))
    goal.reached_on = (today or timezone.localdate()) if reached else None
    goal.save(update_fields=["reached_on"])
    _log(user, case, A.UPDATE, "goal", goal.pk, reason="reached" if reached else "not reached")
    return goal


# Actions ----------------------------------------------------------------------------------


def _check_action(
    *, case: Case, organisation, owner, goal, due_on, created_on, today: datetime.date
) -> dict:
    """Errors by field for an action's owner, goal and due date (empty when all is well)."""
    errors = {}
    if (
        owner is not None
        and not Membership.objects.filter(
            user=owner, cell=case.cell_id, organisation=organisation, is_active=True
        ).exists()
    ):
        errors["owner"] = _("The owner must be a member of the organisation in this cell.")
    if goal is not None and goal.plan_id != case.pk:
        errors["goal"] = _("This goal belongs to another plan.")
    if due_on < created_on:
        errors["due_on"] = _(
            "An action cannot be due before it was created (%(date)s). Choose a later date."
        ) % {"date": date_format(created_on, "SHORT_DATE_FORMAT")}
    _date(errors, "due_on", due_on, today=today, future=True)
    return errors


def _acting_on(user, action: Action) -> Case:
    """NotFound for a non-reader of the action's case, Refused for a reader who may not
    edit this action (another organisation's, and not a plan editor)."""
    case = action.plan.case
    ensure_visible(user, case)
    if not policies.can_edit_action(user, action, case):
        raise Refused(_("Only the action's organisation and the plan's editors change it."))
    return case


@transaction.atomic
def create_action(
    *,
    user,
    case: Case,
    organisation,
    description: str,
    due_on,
    owner=None,
    goal=None,
    today: datetime.date | None = None,
) -> Action:
    """Give `organisation` (an active participant of `case`) an action due on `due_on`.

    Public: the conferences app turns agreed actions of approved minutes into plan actions
    with it. `user` edits the plan, or gives the action to their own organisation;
    `owner`, if given, is a member of that organisation in the case's cell; `goal`, if
    given, belongs to the case's plan. The plan is created on first use. Raises
    `ValidationError` keyed by field.
    """
    ensure_visible(user, case)
    if not policies.may_give_actions(user, case):
        raise Refused(_("Only the plan's editors and the organisations in the case add actions."))
    today = today or timezone.localdate()
    errors = _check_action(
        case=case,
        organisation=organisation,
        owner=owner,
        goal=goal,
        due_on=due_on,
        created_on=today,
        today=today,
    )
    if not Participant.objects.filter(
        case=case, organisation=organisation, status__in=Participant.ACTIVE
    ).exists():
        errors["organisation"] = _("This organisation does not take part in the case.")
    elif not policies.may_give_action_to(user, case, organisation.pk):
        errors["organisation"] = _("You can give actions to your own organisation only.")
    if not description.strip():
        errors["description"] = _("Describe the action.")
    _raise(errors)
    plan = plan_for(user=user, case=case)
    action = Action.objects.create(
        plan=plan,
        cell_id=case.cell_id,
        goal=goal,
        organisation=organisation,
        owner=owner,
        description=description,
        due_on=due_on,
        created_by=user,
    )
    ActionStatusChange.objects.create(action=action, to_status=action.status, by=user)
    _log(user, case, A.CREATE, "action", action.pk)
    return action


@transaction.atomic
def action_update(
    *,
    user,
    action: Action,
    version: int,
    description: str,
    due_on,
    owner=None,
    goal=None,
    today: datetime.date | None = None,
) -> Action:
    """Change what, when, who and which goal; the organisation stays. Final actions
    (done, cancelled) no longer change."""
    case = _acting_on(user, action)
    if not action.is_open:
        raise ValidationError(_("A done or cancelled action can no longer be changed."))
    errors = _check_action(
        case=case,
        organisation=action.organisation_id,
        owner=owner,
        goal=goal,
        due_on=due_on,
        created_on=action.created_on,
        today=today or timezone.localdate(),
    )
    if not description.strip():
        errors["description"] = _("Describe the action.")
    _raise(errors)
    _bump(action, version, description=description, due_on=due_on, owner=owner, goal=goal)
    _log(user, case, A.UPDATE, "action", action.pk)
    return action


@transaction.atomic
def action_transition(*, user, action: Action, to_status: str, version: int) -> Action:
    """Move an action along the workflow table, leaving a dated row."""
    case = _acting_on(user, action)
    from_status = action.status
    if not workflow.is_allowed(from_status, to_status):
        raise ValidationError(
            _("An action cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Action.Status(from_status).label, "to": _status_label(to_status)}
        )
    _bump(action, version, status=to_status)
    ActionStatusChange.objects.create(
        action=action, from_status=from_status, to_status=to_status, by=user
    )
    reason = f"{from_status}→{to_status}"
    _log(user, case, A.TRANSITION, "action", action.pk, reason=reason)
    return action


def _status_label(status: str) -> str:
    return Action.Status(status).label if status in Action.Status.values else status


@transaction.atomic
def progress_note_add(*, user, action: Action, text: str) -> ProgressNote:
    case = _acting_on(user, action)
    if not text.strip():
        raise ValidationError({"text": _("Write the progress note before saving.")})
    note = ProgressNote.objects.create(
        action=action,
        author=user,
        organisation_id=actor_for(user, case.cell_id).organisation_id,
        text=text,
    )
    _log(user, case, A.CREATE, "progress_note", note.pk)
    return note


@transaction.atomic
def actions_cancel_open(*, user, case: Case) -> int:
    """Cancel every open or in-progress action of the case (e.g. when it is closed), each
    with its dated row and log entry. Returns how many were cancelled."""
    ensure_visible(user, case)
    actions = list(
        Action.objects.filter(plan_id=case.pk, status__in=Action.OPEN_STATUSES)
        .select_related("plan")
        .select_for_update(of=("self",))
    )
    for action in actions:
        action.plan.case = case
        action_transition(
            user=user, action=action, to_status=workflow.CANCELLED, version=action.version
        )
    return len(actions)


def action_viewed(*, user, action: Action) -> None:
    """A read of an action outside its pages (their selectors log their own)."""
    ensure_visible(user, action.plan.case)
    _log(user, action.plan.case, A.VIEW, "action", action.pk)


# Lists ------------------------------------------------------------------------------------


def actions_listed(*, user) -> None:
    """'My actions' was listed. The list shows references and dates, no free text, so one
    entry per page is logged; the content is read (and logged per case) on the plan page."""
    record(actor=actor_for(user, None), action=A.LIST, object_type="my_actions", object_id=user.pk)


def dashboard_viewed(*, user, cell_id: int, section: str = "") -> None:
    """The cell dashboard (or one of its sections) was shown; no free text is on it."""
    record(
        actor=actor_for(user, cell_id),
        action=A.LIST,
        object_type="plan_dashboard",
        object_id=cell_id,
        reason=section,
    )
