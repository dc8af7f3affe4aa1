"""Pages of the half-yearly report: the list, a report (preview, commentary, generate),
a job's progress (polled with htmx) and the download.

Every page is a 404 for whoever may not use it (reports/policies.py). The on-screen
preview of a cell's report is exact (it stays inside the cell); a region's preview and
every generated file are suppressed.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from livc.core.locking import ConcurrentEditError
from livc.core.paging import paginate
from livc.organisations.models import Cell, Region

from .models import ReportJob
from .periods import PeriodError
from .reports import policies, selectors, services
from .reports.forms import CommentaryForm, ReportOpenForm
from .sections import sections
from .suppression import LEGEND


def _require_any(user) -> None:
    if not policies.can_see_reports(user):
        raise Http404


@require_GET
def report_list(request):
    _require_any(request.user)
    form = ReportOpenForm(user=request.user, today=timezone.localdate())
    page = paginate(request, selectors.user_reports(request.user))
    return render(request, "monitoring/report_list.html", {"page": page, "form": form})


@require_POST
def report_open(request):
    _require_any(request.user)
    form = ReportOpenForm(request.POST, user=request.user, today=timezone.localdate())
    if not form.is_valid():
        page = paginate(request, selectors.user_reports(request.user))
        context = {"page": page, "form": form}
        return render(request, "monitoring/report_list.html", context, status=400)
    kind, pk = form.scope_target()
    if kind == "cell":
        if not policies.can_open_cell_report(request.user, pk):
            raise Http404
        target = {"cell": get_object_or_404(Cell, pk=pk)}
    else:
        if not policies.can_open_region_report(request.user, pk):
            raise Http404
        target = {"region": get_object_or_404(Region, pk=pk)}
    report = services.report_open(user=request.user, period=form.cleaned_data["period"], **target)
    return redirect("monitoring:report", report.pk)


@require_http_methods(["GET", "POST"])
def report_detail(request, report_id: int):
    report = policies.access_report(request.user, report_id)
    editable = policies.can_comment(request.user, report)
    form = CommentaryForm(instance=report) if editable else None
    status = 200
    if request.method == "POST":
        if not editable:
            raise Http404
        form = CommentaryForm(request.POST, instance=report)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.report_comment(user=request.user, report=report,
                                        version=form.cleaned_data["version"], **data)  # fmt: skip
            except ConcurrentEditError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect("monitoring:report", report.pk)
        status = 400
        report.refresh_from_db()
    context = {
        "object": report,
        "form": form,
        "legend": LEGEND,
        "jobs": selectors.recent_jobs(report),
        "formats": ReportJob.Format.choices,
        "commentary": _commentary(report),
    }
    try:
        reports = selectors.report_figures(report, suppressed=report.is_region)
    except PeriodError as error:  # a report opened for dates of its own before they were refused
        context["figures_error"] = str(error)
    else:
        context.update(report=reports[-1], periods=[r.period for r in reports],
                       sections=sections(reports))  # fmt: skip
    return render(request, "monitoring/report_detail.html", context, status=status)


def _commentary(report) -> list[tuple[str, str]]:
    """The commentary as (label, text), for readers who may not edit it."""
    fields = report._meta
    return [(str(fields.get_field(name).verbose_name), text)
            for name, text in report.commentary().items()]  # fmt: skip


@require_POST
def report_generate(request, report_id: int):
    report = policies.access_report(request.user, report_id)
    fmt = request.POST.get("format", "")
    if fmt not in ReportJob.Format.values:
        messages.error(request, _("Choose PDF, XLSX or CSV."))
        return redirect("monitoring:report", report.pk)
    job = services.job_request(user=request.user, report=report, fmt=fmt)
    return redirect("monitoring:report_job", job.pk)


@require_GET
def report_job(request, job_id: int):
    job = policies.access_job(request.user, job_id)
    context = {"job": job, "object": job.report}
    if request.headers.get("HX-Request"):
        return render(request, "monitoring/report_job_status.html", context)
    return render(request, "monitoring/report_job.html", context)


@require_GET
def report_download(request, job_id: int):
    job = policies.access_job(request.user, job_id)
    if not job.is_done:
        raise Http404
    content = ReportJob.objects.values_list("content", flat=True).get(pk=job.pk)
    response = HttpResponse(bytes(content), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response["Cache-Control"] = "no-store"
    return response
