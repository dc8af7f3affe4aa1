"""Action-plan pages. Views parse input, ask named policies (refusal = 404), call one
service or selector and render; a service's errors come back at the form (400). Read-only
pages answer GET and HEAD only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from livc.access.errors import NotFound
from livc.access.params import query_id
from livc.core.locking import ConcurrentEditError
from livc.core.paging import paginate

from . import imports, outputs, policies, selectors, services, workflow
from .choices import PolicyDomain
from .forms import (
    ImportForm,
    MeasureEditForm,
    MeasureForm,
    ObjectiveForm,
    PlanEditForm,
    PlanFilterForm,
    PlanForm,
    ProgressUpdateForm,
    ReasonForm,
    RecommendationEditForm,
    RecommendationForm,
    add_service_errors,
)
from .models import Measure, Plan
from .periods import HalfYear


def _run(form, action, on_error):
    """Validate `form`, run `action(cleaned_data)`; errors come back at the form."""
    if form.is_valid():
        try:
            return action(form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
    return on_error(form)


def _posted(request):
    return request.POST if request.method == "POST" else None


# Plans ------------------------------------------------------------------------------------


@require_safe
def plan_list(request):
    user = request.user
    if not policies.can_list(user):
        raise NotFound
    form = PlanFilterForm(request.GET)
    filters = form.filters()
    page = paginate(request, selectors.plan_list(user=user, **filters))
    context = {
        "form": form,
        "page": page,
        "late": selectors.late_counts(plans=list(page.object_list), today=timezone.localdate()),
        "filtered": any(filters.values()),
        "can_create": policies.can_create_plans(user),
        "tabs": policies.tabs(user),
    }
    return render(request, "policy/plan_list.html", context)


@require_http_methods(["GET", "POST"])
def plan_create(request):
    user = request.user
    if not policies.can_create_plans(user):
        raise NotFound
    form = PlanForm(_posted(request))

    def create(data):
        plan = services.plan_create(user=user, **data)
        messages.success(request, _("The plan was created as a draft."))
        return redirect("policy:plan_detail", pk=plan.pk)

    def page(form, status=200):
        context = {"form": form, "cancel_url": reverse("policy:plan_list")}
        return render(request, "policy/plan_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, create, lambda f: page(f, 400))
    return page(form)


@require_safe
def plan_detail(request, pk: int):
    plan = policies.access_plan(request.user, pk)
    context = selectors.plan_page(user=request.user, plan=plan, today=timezone.localdate())
    return render(request, "policy/plan_detail.html", context)


@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    user = request.user
    plan = policies.access_plan(user, pk)
    if not policies.can_edit(user, plan):
        raise NotFound
    initial = {name: getattr(plan, name) for name in services.PLAN_EDITABLE}
    form = PlanEditForm(_posted(request), initial={**initial, "version": plan.version})

    def save(data):
        fields = {name: data[name] for name in services.PLAN_EDITABLE}
        services.plan_update(user=user, plan=plan, version=data["version"], **fields)
        messages.success(request, _("The plan was saved."))
        return redirect("policy:plan_detail", pk=plan.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "plan": plan,
            "cancel_url": reverse("policy:plan_detail", args=[plan.pk]),
        }
        return render(request, "policy/plan_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, save, lambda f: page(f, 400))
    return page(form)


@require_http_methods(["GET", "POST"])
def plan_transition(request, pk: int, to_status: str):
    """Confirm a change of the plan's status (GET explains, POST does it)."""
    user = request.user
    plan = policies.access_plan(user, pk)
    if not policies.can_move_plan(user, plan, to_status):
        raise NotFound
    move = next(m for m in policies.plan_moves(user, plan) if m.to_status == to_status)
    form = ReasonForm(
        _posted(request), initial={"version": plan.version}, reason_required=move.needs_reason
    )

    def transition(data):
        services.plan_transition(
            user=user,
            plan=plan,
            to_status=to_status,
            version=data["version"],
            reason=data["reason"],
        )
        messages.success(request, _("The status of the plan was changed."))
        return redirect("policy:plan_detail", pk=plan.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "object": plan,
            "title": plan.title,
            "from_label": plan.get_status_display(),
            "move": move,
            "cancel_url": reverse("policy:plan_detail", args=[plan.pk]),
        }
        return render(request, "policy/transition_confirm.html", context, status=status)

    if request.method == "POST":
        return _run(form, transition, lambda f: page(f, 400))
    return page(form)


@require_http_methods(["GET", "POST"])
def plan_import(request, pk: int):
    """Upload a CSV or XLSX file with the plan's axes or objectives and measures."""
    user = request.user
    plan = policies.access_plan(user, pk)
    if not policies.can_edit(user, plan):
        raise NotFound
    form = ImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    rejected = []

    def run(data):
        upload = data["file"]
        try:
            result = services.plan_structure_import(
                user=user, plan=plan, content=upload.read(), filename=upload.name
            )
        except services.ImportRejected as error:
            rejected.extend(error.rows)
            form.add_error(None, error.messages[0])
            return page(form, 400)
        messages.success(
            request,
            _("Imported %(objectives)s axes or objectives and %(measures)s measures.")
            % {"objectives": result.objectives, "measures": result.measures},
        )
        return redirect("policy:plan_detail", pk=plan.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "plan": plan,
            "rejected": rejected,
            "columns": [(c, help_text) for c, (_name, help_text) in imports.COLUMNS.items()],
            "required": imports.REQUIRED,
            "domains": PolicyDomain.choices,
            "kinds": plan.objective_kinds(),
        }
        return render(request, "policy/plan_import.html", context, status=status)

    if request.method == "POST":
        return _run(form, run, lambda f: page(f, 400))
    return page(form)


# Structure --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def objective_create(request, pk: int):
    user = request.user
    plan = policies.access_plan(user, pk)
    if not policies.can_edit(user, plan):
        raise NotFound
    form = ObjectiveForm(
        _posted(request),
        kinds=plan.objective_kinds(),
        parents=selectors.strategic_objectives(plan=plan),
    )

    def add(data):
        services.objective_add(
            user=user,
            plan=plan,
            kind=data["kind"],
            code=data["code"],
            title=data["title"],
            description=data["description"],
            parent=data.get("parent"),
        )
        messages.success(request, _("The axis or objective was added."))
        return redirect("policy:plan_detail", pk=plan.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "plan": plan,
            "heading": _("Add an axis or objective"),
            "cancel_url": reverse("policy:plan_detail", args=[plan.pk]),
        }
        return render(request, "policy/plan_part_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, add, lambda f: page(f, 400))
    return page(form)


def _measure_form(request, plan: Plan, *, edit: Measure | None = None):
    form_class = MeasureEditForm if edit else MeasureForm
    initial = {}
    if edit is not None:
        initial = {name: getattr(edit, name) for name in services.MEASURE_EDITABLE}
        initial["version"] = edit.version
    return form_class(
        _posted(request),
        initial=initial,
        objectives=selectors.objectives_for_measures(plan=plan),
        owners=selectors.owner_choices(),
        organisations=selectors.organisation_choices(
            keep=edit.owner_organisation_id if edit else None
        ),
    )


@require_http_methods(["GET", "POST"])
def measure_create(request, pk: int):
    user = request.user
    plan = policies.access_plan(user, pk)
    if not policies.can_edit(user, plan):
        raise NotFound
    form = _measure_form(request, plan)

    def add(data):
        measure = services.measure_add(user=user, plan=plan, **data)
        messages.success(request, _("The measure was added."))
        return redirect("policy:measure_detail", pk=measure.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "plan": plan,
            "heading": _("Add a measure"),
            "cancel_url": reverse("policy:plan_detail", args=[plan.pk]),
        }
        return render(request, "policy/plan_part_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, add, lambda f: page(f, 400))
    return page(form)


# Measures ---------------------------------------------------------------------------------


@require_safe
def measure_detail(request, pk: int):
    measure = policies.access_measure(request.user, pk)
    context = selectors.measure_page(user=request.user, measure=measure, today=timezone.localdate())
    return render(request, "policy/measure_detail.html", context)


@require_http_methods(["GET", "POST"])
def measure_edit(request, pk: int):
    user = request.user
    measure = policies.access_measure(user, pk)
    if not policies.can_edit_measure(user, measure):
        raise NotFound
    form = _measure_form(request, measure.plan, edit=measure)

    def save(data):
        fields = {name: data[name] for name in services.MEASURE_EDITABLE}
        services.measure_update(user=user, measure=measure, version=data["version"], **fields)
        messages.success(request, _("The measure was saved."))
        return redirect("policy:measure_detail", pk=measure.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "plan": measure.plan,
            "measure": measure,
            "heading": _("Edit the measure"),
            "cancel_url": reverse("policy:measure_detail", args=[measure.pk]),
        }
        return render(request, "policy/plan_part_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, save, lambda f: page(f, 400))
    return page(form)


@require_http_methods(["GET", "POST"])
def measure_transition(request, pk: int, to_status: str):
    user = request.user
    measure = policies.access_measure(user, pk)
    if not policies.can_move_measure(user, measure, to_status):
        raise NotFound
    move = next(m for m in policies.measure_moves(user, measure) if m.to_status == to_status)
    form = ReasonForm(
        _posted(request), initial={"version": measure.version}, reason_required=move.needs_reason
    )

    def transition(data):
        services.measure_transition(
            user=user,
            measure=measure,
            to_status=to_status,
            version=data["version"],
            reason=data["reason"],
        )
        messages.success(request, _("The status of the measure was changed."))
        return redirect("policy:measure_detail", pk=measure.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "object": measure,
            "title": f"{measure.code} {measure.title}",
            "from_label": measure.get_status_display(),
            "move": move,
            "cancel_url": reverse("policy:measure_detail", args=[measure.pk]),
        }
        return render(request, "policy/transition_confirm.html", context, status=status)

    if request.method == "POST":
        return _run(form, transition, lambda f: page(f, 400))
    return page(form)


@require_http_methods(["GET", "POST"])
def update_submit(request, pk: int):
    """The owner's half-yearly update of a measure: `?period=2025-H1`."""
    user = request.user
    measure = policies.access_measure(user, pk)
    period = HalfYear.parse(request.GET.get("period", ""))
    today = timezone.localdate()
    if period is None or not policies.can_write_update_for(user, measure, period, today):
        raise NotFound
    statuses = [measure.status, *workflow.measure_targets(measure.status)]
    form = ProgressUpdateForm(
        _posted(request),
        statuses=statuses,
        initial={"status": measure.status, "version": measure.version},
    )

    def submit(data):
        update = services.progress_update_submit(
            user=user, measure=measure, period=period, today=today, **data
        )
        if update.is_late:
            messages.warning(request, _("The update was saved; it came after its due date."))
        else:
            messages.success(request, _("The update was saved."))
        return redirect("policy:measure_detail", pk=measure.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "measure": measure,
            "plan": measure.plan,
            "period": period,
            "late": today > period.due_on,
            "cancel_url": reverse("policy:measure_detail", args=[measure.pk]),
        }
        return render(request, "policy/update_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, submit, lambda f: page(f, 400))
    return page(form)


@require_safe
def my_measures(request):
    user = request.user
    if not policies.is_my_measures_user(user):
        raise NotFound
    rows = selectors.my_measures(user=user, today=timezone.localdate())
    context = {"rows": rows, "n_late": sum(r.overdue for r in rows), "tabs": policies.tabs(user)}
    return render(request, "policy/my_measures.html", context)


@require_safe
def overdue(request):
    """Missing half-yearly updates past their due date, across the plans of one's area."""
    user = request.user
    if not policies.can_list_overdue(user):
        raise NotFound
    plans = list(selectors.overdue_plan_choices(user=user))
    plan_id = query_id(request, "plan")
    if plan_id is not None and plan_id not in {p.pk for p in plans}:
        raise NotFound
    rows = selectors.overdue_updates(user=user, today=timezone.localdate(), plan_id=plan_id)
    context = {
        "plans": plans,
        "plan_id": plan_id,
        "page": paginate(request, rows),
        "total": len(rows),
        "tabs": policies.tabs(user),
    }
    return render(request, "policy/overdue.html", context)


# Recommendations --------------------------------------------------------------------------


@require_safe
def recommendation_list(request, pk: int):
    plan = policies.access_plan(request.user, pk)
    context = {
        "plan": plan,
        "recommendations": selectors.recommendations(plan=plan),
        "can_add": policies.can_manage_recommendations(request.user, plan),
    }
    return render(request, "policy/recommendation_list.html", context)


@require_http_methods(["GET", "POST"])
def recommendation_create(request, pk: int):
    user = request.user
    plan = policies.access_plan(user, pk)
    if not policies.can_manage_recommendations(user, plan):
        raise NotFound
    form = RecommendationForm(_posted(request), measures=selectors.plan_measures(plan=plan))

    def add(data):
        services.recommendation_add(user=user, plan=plan, **data)
        messages.success(request, _("The recommendation was recorded."))
        return redirect("policy:recommendation_list", pk=plan.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "plan": plan,
            "heading": _("Record a recommendation"),
            "cancel_url": reverse("policy:recommendation_list", args=[plan.pk]),
        }
        return render(request, "policy/plan_part_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, add, lambda f: page(f, 400))
    return page(form)


@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk: int):
    user = request.user
    recommendation = policies.access_recommendation(user, pk)
    if not policies.can_edit_recommendation(user, recommendation):
        raise NotFound
    plan = recommendation.plan
    initial = {name: getattr(recommendation, name) for name in services.RECOMMENDATION_EDITABLE}
    initial.update(measures=recommendation.measures.all(), version=recommendation.version)
    form = RecommendationEditForm(
        _posted(request),
        measures=selectors.plan_measures(plan=plan),
        follow_ups=[
            recommendation.follow_up,
            *workflow.recommendation_targets(recommendation.follow_up),
        ],
        initial=initial,
    )

    def save(data):
        fields = {name: data[name] for name in services.RECOMMENDATION_EDITABLE}
        services.recommendation_update(
            user=user, recommendation=recommendation, version=data["version"], **fields
        )
        messages.success(request, _("The recommendation was saved."))
        return redirect("policy:recommendation_list", pk=plan.pk)

    def page(form, status=200):
        context = {
            "form": form,
            "plan": plan,
            "heading": _("Edit the recommendation"),
            "history": selectors.recommendation_history(recommendation=recommendation),
            "cancel_url": reverse("policy:recommendation_list", args=[plan.pk]),
        }
        return render(request, "policy/plan_part_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, save, lambda f: page(f, 400))
    return page(form)


# The half-yearly progress report ----------------------------------------------------------


def _report(request, pk: int):
    plan = policies.access_plan(request.user, pk)
    today = timezone.localdate()
    code = request.GET.get("period", "")
    period = (
        HalfYear.parse(code) if code else selectors.default_report_period(plan=plan, today=today)
    )
    if period is None or period not in selectors.report_periods(plan=plan, today=today):
        raise NotFound
    return selectors.plan_report(plan=plan, period=period, today=today)


@require_safe
def report_pdf(request, pk: int):
    report = _report(request, pk)
    response = HttpResponse(outputs.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{outputs.filename(report, "pdf")}"'
    return response


@require_safe
def report_xlsx(request, pk: int):
    report = _report(request, pk)
    response = HttpResponse(outputs.report_xlsx(report), content_type=outputs.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{outputs.filename(report, "xlsx")}"'
    return response
