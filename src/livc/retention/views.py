"""Retention pages for the cell's coordinator and DPO: the queue of records reaching
retention, legal holds, tombstones and the cell's periods. Codes, dates, types and cells
only. Everyone else gets a 404; bad input comes back at the form with status 400."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from livc.access.errors import NotFound
from livc.access.switcher import chosen_cell
from livc.core.locking import ConcurrentEditError
from livc.core.paging import paginate, sort

from . import policies, selectors, services
from .forms import HoldForm, OverrideForm, QueueFilterForm
from .rules import bounds, default_periods


@require_safe
def queue(request):
    cells = policies.access_cells(request.user)
    form = QueueFilterForm(request.GET or None)
    days = form.cleaned_data["days"] if form.is_valid() else 90
    current_sort = request.GET.get("sort", "until")
    if current_sort.lstrip("-") not in selectors.QUEUE_SORTS:
        current_sort = "until"
    today = timezone.localdate()
    rows = selectors.queue(cell_ids=cells, today=today, horizon_days=days, sort=current_sort)
    return render(
        request,
        "retention/queue.html",
        {
            "form": form,
            "page": paginate(request, rows),
            "sort": current_sort,
            "today": today,
            "days": days,
            "linked_cells": policies.record_link_cells(request.user),
        },
    )


def _holds_page(request, form, status=200):
    cells = policies.access_cells(request.user)
    return render(
        request,
        "retention/holds.html",
        {"form": form, "page": paginate(request, selectors.holds(cell_ids=cells))},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def holds(request):
    cells = policies.access_cells(request.user)
    if request.method == "GET":
        return _holds_page(request, HoldForm())
    form = HoldForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        target = selectors.hold_target(cell_ids=cells, reference=data["reference"])
        if target is None:
            tombstone = selectors.purged_record(cell_ids=cells, reference=data["reference"])
            if tombstone is not None:
                form.add_error(
                    "reference",
                    _("This record was already purged on %(date)s; nothing left to hold.")
                    % {"date": date_format(timezone.localtime(tombstone.purged_at).date())},
                )
            else:
                form.add_error(
                    "reference", _("No case or signal with this reference in your cell.")
                )
        else:
            is_case = target._meta.model_name == "case"
            try:
                hold = services.legal_hold_place(
                    user=request.user,
                    case=target if is_case else None,
                    signal=None if is_case else target,
                    reason=data["reason"],
                    until=data["until"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(reference)s is now under a legal hold: the purge leaves it alone.")
                    % {"reference": hold.reference},
                )
                return redirect("retention:holds")
    return _holds_page(request, form, status=400)


@require_POST
def hold_lift(request, pk: int):
    hold = policies.access_hold(request.user, pk)
    try:
        services.legal_hold_lift(user=request.user, hold=hold)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The hold on %(reference)s was lifted.") % {"reference": hold.reference},
        )
    return redirect("retention:holds")


@require_safe
def tombstones(request):
    cells = policies.access_cells(request.user)
    rows, current_sort = sort(
        request, selectors.tombstones(cell_ids=cells), selectors.TOMBSTONE_SORTS, "-purged"
    )
    return render(
        request,
        "retention/tombstones.html",
        {
            "page": paginate(request, rows),
            "sort": current_sort,
            "runs": selectors.purge_runs(cell_ids=cells),
        },
    )


@require_http_methods(["GET", "POST"])
def policy(request):
    cells = policies.access_cells(request.user)
    cell_id = chosen_cell(request, cells)
    rows = selectors.cell_policies(cell_ids=cells)
    current = next(row for row in rows if row.cell.pk == cell_id)
    can_edit = policies.can_edit_policy(request.user, cell_id)
    if request.method == "POST" and not can_edit:
        raise NotFound
    override = current.override
    form = None
    if can_edit:
        form = OverrideForm(
            request.POST if request.method == "POST" else None,
            defaults=default_periods(),
            initial={
                "out_of_scope_months": override and override.out_of_scope_months,
                "closed_case_months": override and override.closed_case_months,
                "version": override.version if override else 0,
            },
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.override_save(
                user=request.user,
                cell=current.cell,
                out_of_scope_months=data["out_of_scope_months"],
                closed_case_months=data["closed_case_months"],
                version=data["version"],
            )
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("The retention periods were saved."))
            return redirect(f"{request.path}?cell={cell_id}")
    return render(
        request,
        "retention/policy.html",
        {
            "rows": rows,
            "current": current,
            "form": form,
            "can_edit": can_edit,
            "bounds": bounds(),
        },
        status=400 if form is not None and form.errors else 200,
    )
