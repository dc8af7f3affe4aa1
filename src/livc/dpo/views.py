"""DPO tools: thin views over dpo.selectors/statistics/register; policies decide, 404 refuses.

No view here shows case content: codes, ids, dates, roles, organisations and counts only.
"""

import datetime

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from livc.access.errors import NotFound
from livc.access.params import parse_id
from livc.access.switcher import chosen_cell
from livc.audit.verification import latest_verification, problem_display, seal_status
from livc.core.pdf import render_pdf
from livc.retention.selectors import retention_summary

from . import display, policies, register, selectors, services, statistics
from .forms import AccessLogFilterForm, WeekForm

# Above this many sealed entries the check takes too long to wait for in a request (about
# 75,000 entries a second measured on PostgreSQL, so at most a few seconds here);
# the scheduled `verify_access_log` covers it.
LIVE_VERIFY_MAX_ENTRIES = 250_000


def _dpo_cell(request) -> int:
    """The DPO's cell chosen by `?cell=` (the cell switcher); malformed or not theirs: 404."""
    return chosen_cell(request, policies.access_dpo_cells(request.user))


def _posted_cell(request) -> int:
    """The DPO's cell named by the posted `cell` field, else by `?cell=`; malformed or not
    theirs: 404."""
    cells = policies.access_dpo_cells(request.user)
    raw = request.POST.get("cell", "")
    if raw == "":
        return chosen_cell(request, cells)
    cell_id = parse_id(raw)
    if cell_id not in cells:
        raise NotFound
    return cell_id


def _context(cell_ids: set[int], cell_id: int, **extra) -> dict:
    cells = selectors.cells(cell_ids=cell_ids)
    cell = next(c for c in cells if c.pk == cell_id)
    return {"cell": cell, "cells": cells if len(cells) > 1 else [], **extra}


def _integrity(user) -> dict:
    verification = latest_verification()
    seal = seal_status()
    return {
        "verification": verification,
        "problem": problem_display(verification.problem) if verification else "",
        "seal": seal,
        "can_verify_live": seal.sealed_up_to <= LIVE_VERIFY_MAX_ENTRIES,
        "live_verify_max": LIVE_VERIFY_MAX_ENTRIES,
        "can_verify": policies.can_verify_chain(user),
    }


@require_safe
def home(request):
    cell_id = _dpo_cell(request)
    context = _context(
        policies.dpo_cells(request.user),
        cell_id,
        retention=retention_summary(cell_ids={cell_id}),
        **_integrity(request.user),
    )
    return render(request, "dpo/home.html", context)


def _log_form(request, cell_id: int) -> AccessLogFilterForm:
    data = request.GET.copy()
    default = selectors.LogFilter.default(cell_id)
    data.setdefault("date_from", default.date_from.isoformat())
    data.setdefault("date_to", default.date_to.isoformat())
    return AccessLogFilterForm(
        data,
        cell_id=cell_id,
        people=selectors.cell_people(cell_id=cell_id),
        organisations=selectors.cell_organisations(cell_id=cell_id),
    )


@require_safe
def access_log(request):
    """Search the cell's access log; the search itself is logged."""
    cell_id = _dpo_cell(request)
    form = _log_form(request, cell_id)
    context = _context(policies.dpo_cells(request.user), cell_id, form=form)
    if not form.is_valid():
        return render(request, "dpo/access_log.html", context, status=400)
    search = form.search()
    page = selectors.page_of(selectors.access_log_search(search=search), request.GET.get("page"))
    services.access_log_searched(user=request.user, search=search)
    context.update(page=page, rows=display.log_rows(page.object_list), search=search)
    return render(request, "dpo/access_log.html", context)


@require_safe
def access_log_export(request):
    """The filtered log as CSV (an EXPORT entry); bad filters go back to the search page."""
    cell_id = _dpo_cell(request)
    form = _log_form(request, cell_id)
    if not form.is_valid():
        return redirect(reverse("dpo:access_log") + "?" + request.GET.urlencode())
    search = form.search()
    services.access_log_exported(user=request.user, search=search)
    entries = selectors.access_log_search(search=search)
    language = translation.get_language()

    def lines():
        with translation.override(language):
            yield from display.csv_lines(entries)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    name = f"access-log-{search.date_from.isoformat()}-{search.date_to.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def access_statistics(request):
    cell_id = _dpo_cell(request)
    data = request.GET.copy()
    data.setdefault("week", timezone.localdate().isoformat())
    form = WeekForm(data)
    context = _context(
        policies.dpo_cells(request.user),
        cell_id,
        form=form,
        factor=statistics.FLAG_FACTOR,
        min_cases=statistics.FLAG_MIN_CASES,
        min_exports=statistics.FLAG_MIN_EXPORTS,
        min_role_peers=statistics.MIN_ROLE_PEERS,
    )
    if not form.is_valid():
        return render(request, "dpo/statistics.html", context, status=400)
    week = statistics.week_statistics(cell_id=cell_id, start=form.cleaned_data["week"])
    services.statistics_viewed(user=request.user, cell_id=cell_id, week=week.start.isoformat())
    context.update(
        week=week,
        previous_week=week.start - datetime.timedelta(days=7),
        next_week=week.start + datetime.timedelta(days=7),
    )
    return render(request, "dpo/statistics.html", context)


@require_safe
def integrity(request):
    cell_id = _dpo_cell(request)
    context = _context(policies.dpo_cells(request.user), cell_id, **_integrity(request.user))
    return render(request, "dpo/integrity.html", context)


@require_POST
def verify(request):
    cell_id = _posted_cell(request)
    if not policies.can_verify_chain(request.user):
        raise NotFound
    target = reverse("dpo:integrity") + f"?cell={cell_id}"
    if seal_status().sealed_up_to > LIVE_VERIFY_MAX_ENTRIES:
        messages.error(
            request,
            _("The log is too large to verify while you wait; the scheduled check runs it."),
        )
        return redirect(target)
    result = services.chain_verify(user=request.user, cell_id=cell_id)
    if result.ok:
        messages.success(
            request,
            _("The access log is intact: %(n)d entries verified.") % {"n": result.entries_checked},
        )
    else:
        messages.error(
            request,
            _("The access log chain is broken at entry %(id)d.") % {"id": result.first_bad_id},
        )
    return redirect(target)


def _register(request) -> tuple[register.ProcessingRegister, dict]:
    cell_ids = policies.register_cells(request.user)
    cell_id = chosen_cell(request, cell_ids)
    context = _context(cell_ids, cell_id)
    processing = register.processing_register(cell=context["cell"])
    context["register"] = processing
    return processing, context


@require_safe
def processing_register(request):
    _processing, context = _register(request)
    return render(request, "dpo/register.html", context)


@require_safe
def processing_register_pdf(request):
    processing, context = _register(request)
    services.register_exported(user=request.user, cell_id=processing.cell.pk)
    html = render_to_string("dpo/register_pdf.html", context)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    filename = f"register-of-processing-{processing.cell.code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
