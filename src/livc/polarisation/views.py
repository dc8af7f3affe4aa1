"""Polarisation pages. Views parse input, ask named policies (refusal = 404), call one
service and render; the service's errors come back at the form (400). Read-only pages
answer GET and HEAD only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from livc.access.errors import NotFound
from livc.access.switcher import chosen_cell
from livc.charters.middleware import accept_url
from livc.core.locking import ConcurrentEditError
from livc.core.paging import paginate

from . import policies, selectors, services, workflow
from .choices import intensity_scale
from .forms import (
    ContributionForm,
    FilterForm,
    InterventionEditForm,
    InterventionForm,
    ReviewForm,
    SituationEditForm,
    SituationForm,
    TransitionForm,
    add_service_errors,
)
from .models import Situation


def _switcher(request, allowed: set[int]) -> tuple:
    """The chosen cell (404 for another or a malformed id) and the cells to switch to."""
    cell_id = chosen_cell(request, allowed)
    cells = list(selectors.cells(ids=allowed))
    return next(c for c in cells if c.pk == cell_id), cells


def _run(form, action, on_error, success_message=None):
    """Validate `form`, run `action(cleaned_data)`; errors come back at the form."""
    if form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return result
    return on_error(form)


# Lists ------------------------------------------------------------------------------------


@require_safe
def situation_list(request):
    user = request.user
    if policies.must_accept_charters(user):
        return redirect(accept_url(request.get_full_path()))
    cell, cells = _switcher(request, policies.reader_cells(user))
    form = FilterForm(request.GET)
    filters = form.filters()
    situations = selectors.situation_list(user=user, cell_id=cell.pk, **filters)
    context = {
        "cell": cell,
        "cells": cells,
        "form": form,
        "page": paginate(request, situations),
        "can_create": policies.can_create(user, cell.pk),
        "filtered": any(filters[name] for name in ("state", "intensity", "theme")),
    }
    return render(request, "polarisation/situation_list.html", context)


@require_safe
def overview(request):
    """The cell's "map": open situations per municipality and intensity, as tables."""
    user = request.user
    if policies.must_accept_charters(user):
        return redirect(accept_url(request.get_full_path()))
    cell, cells = _switcher(request, policies.reader_cells(user))
    context = {
        "cell": cell,
        "cells": cells,
        "overview": selectors.overview(user=user, cell_id=cell.pk),
    }
    return render(request, "polarisation/overview.html", context)


# A situation ------------------------------------------------------------------------------


def _detail(request, situation: Situation, status: int = 200, **bound):
    context = selectors.situation_page(user=request.user, situation=situation)
    actions = context["actions"]
    if actions.contribute:
        context["contribution_form"] = bound.get("contribution_form") or ContributionForm()
    if actions.record_review:
        context["review_form"] = bound.get("review_form") or ReviewForm(
            initial={"version": situation.version}
        )
    return render(request, "polarisation/situation_detail.html", context, status=status)


@require_safe
def situation_detail(request, pk: int):
    return _detail(request, policies.access_situation(request.user, pk))


@require_http_methods(["GET", "POST"])
def situation_create(request):
    user = request.user
    cell, cells = _switcher(request, policies.manager_cells(user))
    municipalities = selectors.cell_municipalities(cell_id=cell.pk)
    initial = {"reported_on": timezone.localdate()}
    if municipalities.count() == 1:
        initial["municipality"] = municipalities.first()
    form = SituationForm(
        request.POST if request.method == "POST" else None,
        municipalities=municipalities,
        initial=initial,
    )

    def create(data):
        situation = services.situation_create(user=user, cell=cell, **data)
        messages.success(request, _("The situation was recorded."))
        return redirect("polarisation:detail", pk=situation.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "cell": cell,
            "cells": cells,
            "scale": intensity_scale(),
            "cancel_url": f"{reverse('polarisation:list')}?cell={cell.pk}",
        }
        return render(request, "polarisation/situation_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, create, lambda f: page(f, 400))
    return page(form)


@require_http_methods(["GET", "POST"])
def situation_edit(request, pk: int):
    user = request.user
    situation = policies.access_situation(user, pk)
    if not policies.can_edit(user, situation):
        raise NotFound
    initial = {name: getattr(situation, name) for name in services.EDITABLE if name != "themes"}
    initial.update(
        themes=situation.themes.values_list("theme", flat=True), version=situation.version
    )
    form = SituationEditForm(
        request.POST if request.method == "POST" else None,
        municipalities=selectors.municipality_choices(
            cell_id=situation.cell_id, keep=situation.municipality_id
        ),
        initial=initial,
    )

    def save(data):
        fields = {name: data[name] for name in services.EDITABLE}
        services.situation_update(user=user, situation=situation, version=data["version"], **fields)
        messages.success(request, _("The situation was saved."))
        return redirect("polarisation:detail", pk=situation.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "situation": situation,
            "scale": intensity_scale(),
            "cancel_url": reverse("polarisation:detail", args=[situation.pk]),
        }
        return render(request, "polarisation/situation_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, save, lambda f: page(f, 400))
    return page(form)


@require_http_methods(["GET", "POST"])
def situation_transition(request, pk: int, to_state: str):
    """Confirm a change of state (GET shows what it means, POST does it)."""
    user = request.user
    situation = policies.access_situation(user, pk)
    if not policies.can_move_to(user, situation, to_state):
        raise NotFound
    move = next(m for m in policies.moves(user, situation) if m.to_state == to_state)
    form = TransitionForm(
        request.POST if request.method == "POST" else None,
        initial={"version": situation.version},
        reason_required=move.needs_reason,
    )

    def transition(data):
        services.situation_transition(
            user=user,
            situation=situation,
            to_state=to_state,
            version=data["version"],
            reason=data["reason"],
        )
        messages.success(request, _("The state of the situation was changed."))
        return redirect("polarisation:detail", pk=situation.pk)

    def page(form, status=200):
        context = {"form": form, "situation": situation, "move": move}
        return render(request, "polarisation/transition_confirm.html", context, status=status)

    if request.method == "POST":
        return _run(form, transition, lambda f: page(f, 400))
    return page(form)


@require_POST
def contribution_add(request, pk: int):
    user = request.user
    situation = policies.access_situation(user, pk)
    if not policies.can_contribute(user, situation):
        raise NotFound

    def add(data):
        services.contribution_add(
            user=user,
            situation=situation,
            analysis=data["analysis"],
            contributed_on=data["contributed_on"],
        )
        messages.success(request, _("Your organisation's analysis was added."))
        return redirect("polarisation:detail", pk=situation.pk)

    return _run(
        ContributionForm(request.POST),
        add,
        lambda f: _detail(request, situation, 400, contribution_form=f),
    )


@require_POST
def review_record(request, pk: int):
    user = request.user
    situation = policies.access_situation(user, pk)
    if not policies.can_record_review(user, situation):
        raise NotFound

    def record(data):
        services.review_record(user=user, situation=situation, **data)
        messages.success(request, _("The review was recorded."))
        return redirect("polarisation:detail", pk=situation.pk)

    return _run(
        ReviewForm(request.POST),
        record,
        lambda f: _detail(request, situation, 400, review_form=f),
    )


# Interventions ----------------------------------------------------------------------------


def _interventions(request, situation: Situation, status: int = 200, form=None):
    context = selectors.interventions_page(user=request.user, situation=situation)
    if context["can_plan"]:
        context["form"] = form or InterventionForm(
            organisations=selectors.cell_organisations(cell_id=situation.cell_id)
        )
    return render(request, "polarisation/interventions.html", context, status=status)


@require_safe
def interventions(request, pk: int):
    return _interventions(request, policies.access_situation(request.user, pk))


@require_POST
def intervention_plan(request, pk: int):
    user = request.user
    situation = policies.access_situation(user, pk)
    if not policies.can_plan_interventions(user, situation):
        raise NotFound
    form = InterventionForm(
        request.POST, organisations=selectors.cell_organisations(cell_id=situation.cell_id)
    )

    def plan(data):
        services.intervention_plan(user=user, situation=situation, **data)
        messages.success(request, _("The intervention was planned."))
        return redirect("polarisation:interventions", pk=situation.pk)

    return _run(form, plan, lambda f: _interventions(request, situation, 400, f))


@require_http_methods(["GET", "POST"])
def intervention_edit(request, pk: int):
    user = request.user
    intervention = policies.access_intervention(user, pk)
    if not policies.can_edit_intervention(user, intervention):
        raise NotFound
    situation = intervention.situation
    form = InterventionEditForm(
        request.POST if request.method == "POST" else None,
        organisations=selectors.cell_organisations(
            cell_id=situation.cell_id, keep=intervention.organisation_id
        ),
        statuses=[intervention.status, *workflow.intervention_targets(intervention.status)],
        initial={
            **{name: getattr(intervention, name) for name in services.INTERVENTION_EDITABLE},
            "version": intervention.version,
        },
    )

    def save(data):
        fields = {name: data[name] for name in services.INTERVENTION_EDITABLE}
        services.intervention_update(
            user=user, intervention=intervention, version=data["version"], **fields
        )
        messages.success(request, _("The intervention was saved."))
        return redirect("polarisation:interventions", pk=situation.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "intervention": intervention,
            "situation": situation,
            "history": selectors.intervention_history(intervention=intervention),
        }
        return render(request, "polarisation/intervention_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, save, lambda f: page(f, 400))
    return page(form)
