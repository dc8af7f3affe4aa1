"""The cell dashboard (exact figures, inside the cell) and the supervisor dashboard
(aggregates across cells, always suppressed). Both show each figure with its written
definition, a chart with its data table, and the trend over the last four periods.

Aggregates only, no personal data: neither page writes to the access log.

The figures are grouped for display by `sections` (shared with the reports).
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from livc.access.params import query_id
from livc.organisations.models import Cell

from . import policies, publication, selectors
from .forms import PeriodForm, SupervisorFilterForm
from .indicators import compute_series
from .sections import TREND_PERIODS, sections
from .suppression import LEGEND


def _page(request, template: str, context: dict, form, reports, status: int = 200):
    context.update(form=form, legend=LEGEND)
    if reports:
        context.update(report=reports[-1], periods=[r.period for r in reports],
                       sections=sections(reports))  # fmt: skip
    return render(request, template, context, status=status)


@require_GET
def cell_dashboard(request):
    cell_id = policies.access_cell_dashboard(request.user, query_id(request, "cell"))
    cells = Cell.objects.filter(pk__in=policies.cell_dashboard_cells(request.user))
    cell = next(c for c in cells if c.pk == cell_id)
    context = {"cell": cell, "cells": cells if len(cells) > 1 else []}
    today = timezone.localdate()
    form = PeriodForm(request.GET, today=today)
    if not form.is_valid():
        return _page(request, "monitoring/cell_dashboard.html", context, form, None, 400)
    periods = form.selected_period.series(TREND_PERIODS)
    reports = compute_series(cell_ids=[cell_id], periods=periods, today=today)
    return _page(request, "monitoring/cell_dashboard.html", context, form, reports)


@require_GET
def supervisor_dashboard(request):
    scope = policies.supervisor_scope(request.user)
    areas = selectors.Areas.load(scope)
    data = request.GET.copy()
    untouched = not any(name in data for name in ("region", "province", "cell"))
    if untouched and not scope.federal and len(scope.region_ids) == 1:
        # A regional supervisor starts on their region ("All regions in my scope" undoes it).
        data["region"] = str(next(iter(scope.region_ids)))
    today = timezone.localdate()
    form = SupervisorFilterForm(data, today=today, areas=areas)
    context = {"scope": scope}
    if not form.is_valid():
        return _page(request, "monitoring/supervisor_dashboard.html", context, form, None, 400)
    selection = selectors.supervisor_selection(
        areas,
        region_id=form.cleaned_data["region"],
        province_id=form.cleaned_data["province"],
        cell_id=form.cleaned_data["cell"],
    )
    periods = form.selected_period.series(TREND_PERIODS)
    # Across many cells live aggregation is too slow: the published series comes from
    # the server-side cache `warm_figures` fills (see figures_cache, publication).
    reports, computed_at = publication.published_series(
        cell_ids=selection.cell_ids, periods=periods, hierarchy=selection.hierarchy, today=today
    )
    context.update(selection=selection, computed_at=computed_at)
    return _page(request, "monitoring/supervisor_dashboard.html", context, form, reports)
