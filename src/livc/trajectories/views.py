"""Plan pages, 'my actions' and the coordinator's dashboard. Views parse input, ask named
policies (refusal = 404), call one service and render; the service's errors come back at
the form with status 400. Read-only pages answer GET and HEAD only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from livc.access.errors import NotFound
from livc.access.params import query_id
from livc.cases.forms import add_service_errors
from livc.cases.models import Case
from livc.cases.policies import access_case
from livc.core.locking import ConcurrentEditError
from livc.core.paging import paginate
from livc.privacy.copy_page import copy_page

from . import policies, selectors, services
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


def _note_form(action: Action, data=None) -> ProgressNoteForm:
    return ProgressNoteForm(data, auto_id=f"id_note{action.pk}_%s")


def _plan_page(request, case: Case, plan: Plan, status: int = 200, bound: dict | None = None):
    """Render the plan; `bound` holds a submitted form that came back with errors, by
    name (`"action_form"`) or by name and action (`("note_form", action_id)`). The
    selector logs the read, whatever `status`."""
    user, bound = request.user, bound or {}
    context = selectors.plan_page(user=user, case=case, plan=plan)
    for row in context["rows"]:
        if row.can_edit:
            row.note_form = bound.get(("note_form", row.action.pk)) or _note_form(row.action)
            row.transition_form = bound.get(("transition_form", row.action.pk))
    organisations = policies.action_organisations(user, case)
    context["can_add_action"] = organisations.exists()
    if context["can_add_action"]:
        context["action_form"] = bound.get("action_form") or ActionForm(
            organisations=organisations,
            owners=selectors.owner_choices(case=case, organisations=organisations),
            goals=plan.goals.all(),
        )
    if context["can_edit_plan"]:
        version = {"version": plan.version}
        context.update(
            goal_form=bound.get("goal_form") or GoalForm(),
            schedule_form=bound.get("schedule_form")
            or ScheduleForm(initial={**version, "next_review_on": plan.next_review_on}),
            review_form=bound.get("review_form") or ReviewForm(initial=version),
        )
    return render(request, "trajectories/plan.html", context, status=status)


@require_safe
def plan(request, case_id: int):
    case = access_case(request.user, case_id)
    return _plan_page(request, case, services.plan_for(user=request.user, case=case))


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
            add_service_errors(form, error)
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
        raise NotFound
    return case, services.plan_for(user=request.user, case=case)


@require_POST
def action_add(request, case_id: int):
    case = access_case(request.user, case_id)
    organisations = policies.action_organisations(request.user, case)
    if not organisations.exists():
        raise NotFound
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
    return _run(
        request,
        GoalReachedForm(request.POST),
        lambda d: services.goal_set_reached(
            user=request.user, goal=goal, case=case, reached=d["reached"]
        ),
        _plan_url(case),
        lambda form: _plan_page(request, case, plan, 400),
    )


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


def _action_edit_page(request, action: Action, form, status: int = 200):
    """The selector logs the read, whatever `status`."""
    context = {**selectors.action_page(user=request.user, action=action), "form": form}
    return render(request, "trajectories/action_edit.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
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
    if request.method != "POST":
        return _action_edit_page(request, action, form)
    return _run(
        request,
        form,
        lambda d: services.action_update(user=request.user, action=action, **d),
        _plan_url(case, action),
        lambda form: _action_edit_page(request, action, form, status=400),
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


@require_safe
def index(request):
    """`/plans/`: plans are read per case; what a member works on is "My actions"."""
    if not policies.can_list_actions(request.user):
        raise NotFound
    return redirect("trajectories:my_actions")


@require_safe
def my_actions(request):
    if not policies.can_list_actions(request.user):
        raise NotFound
    sort = "-due" if request.GET.get("sort") == "-due" else "due"
    page = paginate(request, selectors.my_actions(user=request.user, descending=sort == "-due"))
    page.object_list = selectors.actions_in_order(list(page.object_list))
    services.actions_listed(user=request.user)
    return render(request, "trajectories/my_actions.html", {"page": page, "sort": sort})


@require_safe
def dashboard(request):
    cell_id = policies.access_dashboard_cell(request.user, query_id(request, "cell"))
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


@require_safe
def dashboard_section(request, section: str):
    if section not in selectors.SECTIONS:
        raise NotFound
    cell_id = policies.access_dashboard_cell(request.user, query_id(request, "cell"))
    horizon = selectors.Horizon.from_today()
    items = selectors.dashboard_section(cell_id=cell_id, section=section, horizon=horizon)
    page = paginate(request, items)
    services.dashboard_viewed(user=request.user, cell_id=cell_id, section=section)
    return render(
        request,
        "trajectories/dashboard_section.html",
        {"section": section, "page": page, "horizon": horizon, "cell_id": cell_id},
    )


@require_safe
def progress_note_copy(request, pk: int):
    """A de-identified copy of a progress note, for whoever may read the action's case."""
    note = policies.access_progress_note(request.user, pk)
    case = note.action.plan.case
    return copy_page(
        request,
        case=case,
        text=note.text,
        source=_("Progress note"),
        back_url=reverse("trajectories:plan", args=[case.pk]) + f"#action-{note.action_id}",
        object_type="progress_note",
        pk=note.pk,
    )
