"""Plan pages, 'my actions' and the coordinator's dashboard. Views parse input, check
policies (refusal = 404), call one service and render; bad input comes back at the form
with status 400."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from livc.cases.models import Case
from livc.cases.policies import access_case
from livc.core.locking import ConcurrentEditError
from livc.core.paging import paginate

from . import policies, selectors, services, workflow
from .forms import (
    ActionEditForm,
    ActionForm,
    GoalForm,
    GoalReachedForm,
    ProgressNoteForm,
    ReviewForm,
    ScheduleForm,
    TransitionForm,
)
from .models import Action, Plan

# Plan page --------------------------------------------------------------------------------


@dataclass
class ActionRow:
    """One action on the plan page with what the user may do with it."""

    action: Action
    can_edit: bool
    transitions: list = field(default_factory=list)
    note_form: ProgressNoteForm | None = None
    transition_form: TransitionForm | None = None


def _rows(user, case: Case, actions: list[Action], bound: dict) -> list[ActionRow]:
    can_edit_plan = policies.can_edit_plan(user, case)
    own = policies.own_organisations(user, case)
    rows = []
    for action in actions:
        row = ActionRow(action, can_edit_plan or action.organisation_id in own)
        if row.can_edit:
            row.transitions = [
                (status, Action.Status(status).label)
                for status in Action.Status.values
                if workflow.is_allowed(action.status, status)
            ]
            row.note_form = bound.get(("note_form", action.pk)) or _note_form(action)
            row.transition_form = bound.get(("transition_form", action.pk))
        rows.append(row)
    return rows


def _note_form(action: Action, data=None) -> ProgressNoteForm:
    return ProgressNoteForm(data, auto_id=f"id_note{action.pk}_%s")


def _plan_page(request, case: Case, plan: Plan, status: int = 200, bound: dict | None = None):
    """Render the plan; `bound` holds a submitted form that came back with errors, by
    name (`"action_form"`) or by name and action (`("note_form", action_id)`)."""
    user, bound = request.user, bound or {}
    content = selectors.plan_content(plan=plan)
    can_edit_plan = policies.can_edit_plan(user, case)
    organisations = policies.action_organisations(user, case)
    context = {
        "case": case,
        "plan": plan,
        "can_edit_plan": can_edit_plan,
        "goals": content["goals"],
        "reviews": content["reviews"],
        "rows": _rows(user, case, content["actions"], bound),
        "can_add_action": organisations.exists(),
    }
    if context["can_add_action"]:
        context["action_form"] = bound.get("action_form") or ActionForm(
            organisations=organisations,
            owners=selectors.owner_choices(case=case, organisations=organisations),
            goals=plan.goals.all(),
        )
    if can_edit_plan:
        version = {"version": plan.version}
        context.update(
            goal_form=bound.get("goal_form") or GoalForm(),
            schedule_form=bound.get("schedule_form")
            or ScheduleForm(initial={**version, "next_review_on": plan.next_review_on}),
            review_form=bound.get("review_form") or ReviewForm(initial=version),
        )
    return render(request, "trajectories/plan.html", context, status=status)


def plan(request, case_id: int):
    case = access_case(request.user, case_id)
    plan = services.plan_viewed(user=request.user, case=case)
    return _plan_page(request, case, plan)


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's errors at the form's fields (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)


def _run(request, form, action, success_url, on_error):
    """Validate `form`, run `action(cleaned_data)` and go to `success_url` (a URL, or a
    function of the action's result). Errors (input, workflow, concurrent edit) come back
    at the form, rendered by `on_error(form)`."""
    if form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(success_url(result) if callable(success_url) else success_url)
    return on_error(form)


def _plan_url(case: Case, action: Action | None = None) -> str:
    url = reverse("trajectories:plan", kwargs={"case_id": case.pk})
    return f"{url}#action-{action.pk}" if action else url


def _editable_plan(request, case_id: int) -> tuple[Case, Plan]:
    case = access_case(request.user, case_id)
    if not policies.can_edit_plan(request.user, case):
        raise Http404
    return case, services.plan_for(user=request.user, case=case)


@require_POST
def action_add(request, case_id: int):
    case = access_case(request.user, case_id)
    organisations = policies.action_organisations(request.user, case)
    if not organisations.exists():
        raise Http404
    plan = services.plan_for(user=request.user, case=case)
    form = ActionForm(
        request.POST,
        organisations=organisations,
        owners=selectors.owner_choices(case=case, organisations=organisations),
        goals=plan.goals.all(),
    )
    return _run(
        request,
        form,
        lambda d: services.create_action(user=request.user, case=case, **d),
        lambda action: _plan_url(case, action),
        lambda form: _plan_page(request, case, plan, 400, {"action_form": form}),
    )


@require_POST
def goal_add(request, case_id: int):
    case, plan = _editable_plan(request, case_id)
    return _run(
        request,
        GoalForm(request.POST),
        lambda d: services.goal_add(user=request.user, plan=plan, **d),
        _plan_url(case),
        lambda form: _plan_page(request, case, plan, 400, {"goal_form": form}),
    )


@require_POST
def goal_reached(request, case_id: int, goal_id: int):
    case, plan = _editable_plan(request, case_id)
    goal = get_object_or_404(plan.goals, pk=goal_id)
    form = GoalReachedForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, case, plan, status=400)
    services.goal_set_reached(
        user=request.user, goal=goal, case=case, reached=form.cleaned_data["reached"]
    )
    messages.success(request, _("Saved."))
    return redirect(_plan_url(case))


@require_POST
def plan_schedule(request, case_id: int):
    case, plan = _editable_plan(request, case_id)
    return _run(
        request,
        ScheduleForm(request.POST),
        lambda d: services.plan_schedule_review(user=request.user, plan=plan, **d),
        _plan_url(case),
        lambda form: _plan_page(request, case, plan, 400, {"schedule_form": form}),
    )


@require_POST
def review_add(request, case_id: int):
    case, plan = _editable_plan(request, case_id)
    return _run(
        request,
        ReviewForm(request.POST),
        lambda d: services.review_add(user=request.user, plan=plan, **d),
        _plan_url(case),
        lambda form: _plan_page(request, case, plan, 400, {"review_form": form}),
    )


# One action -------------------------------------------------------------------------------


def _action_plan_page(request, action: Action, form_name: str, form):
    """Back to the action's plan page with one of its forms that came back with errors."""
    return _plan_page(request, action.plan.case, action.plan, 400, {(form_name, action.pk): form})


@require_http_methods(["GET", "POST"])
def action_edit(request, action_id: int):
    action = policies.access_editable_action(request.user, action_id)
    case = action.plan.case
    organisation = [action.organisation_id]
    form = ActionEditForm(
        request.POST if request.method == "POST" else None,
        owners=selectors.owner_choices(case=case, organisations=organisation),
        goals=action.plan.goals.all(),
        initial={
            "owner": action.owner_id,
            "goal": action.goal_id,
            "description": action.description,
            "due_on": action.due_on,
            "version": action.version,
        },
    )
    if request.method == "GET":
        services.action_viewed(user=request.user, action=action)
        return render(request, "trajectories/action_edit.html", {"action": action, "form": form})
    return _run(
        request,
        form,
        lambda d: services.action_update(user=request.user, action=action, **d),
        _plan_url(case, action),
        lambda form: render(
            request,
            "trajectories/action_edit.html",
            {"action": action, "form": form},
            status=400,
        ),
    )


@require_POST
def action_transition(request, action_id: int):
    action = policies.access_editable_action(request.user, action_id)
    return _run(
        request,
        TransitionForm(request.POST),
        lambda d: services.action_transition(user=request.user, action=action, **d),
        _plan_url(action.plan.case, action),
        lambda form: _action_plan_page(request, action, "transition_form", form),
    )


@require_POST
def progress_note_add(request, action_id: int):
    action = policies.access_editable_action(request.user, action_id)
    return _run(
        request,
        _note_form(action, request.POST),
        lambda d: services.progress_note_add(user=request.user, action=action, **d),
        _plan_url(action.plan.case, action),
        lambda form: _action_plan_page(request, action, "note_form", form),
    )


# Lists ------------------------------------------------------------------------------------


@require_GET
def my_actions(request):
    if not policies.can_list_actions(request.user):
        raise Http404
    sort = "-due" if request.GET.get("sort") == "-due" else "due"
    page = paginate(request, selectors.my_actions(user=request.user, descending=sort == "-due"))
    page.object_list = selectors.actions_in_order(list(page.object_list))
    services.actions_listed(user=request.user)
    return render(request, "trajectories/my_actions.html", {"page": page, "sort": sort})


def _cell_id(request) -> int | None:
    value = request.GET.get("cell")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


@require_GET
def dashboard(request):
    cell_id = policies.access_dashboard_cell(request.user, _cell_id(request))
    horizon = selectors.Horizon.from_today()
    board = selectors.dashboard(cell_id=cell_id, horizon=horizon)
    services.dashboard_viewed(user=request.user, cell_id=cell_id)
    return render(
        request,
        "trajectories/dashboard.html",
        {
            "board": board,
            "horizon": horizon,
            "cells": selectors.cell_choices(cell_ids=policies.dashboard_cells(request.user)),
        },
    )


@require_GET
def dashboard_section(request, section: str):
    if section not in selectors.SECTIONS:
        raise Http404
    cell_id = policies.access_dashboard_cell(request.user, _cell_id(request))
    horizon = selectors.Horizon.from_today()
    items = selectors.dashboard_section(cell_id=cell_id, section=section, horizon=horizon)
    page = paginate(request, items)
    services.dashboard_viewed(user=request.user, cell_id=cell_id, section=section)
    return render(
        request,
        "trajectories/dashboard_section.html",
        {"section": section, "page": page, "horizon": horizon, "cell_id": cell_id},
    )
