from django.http import HttpResponse

from livc.accounts.models import User


def floor(request):
    """The benchmark's floor: the full middleware stack, login required, one indexed query."""
    exists = User.objects.filter(pk=request.user.pk).exists()
    return HttpResponse("ok" if exists else "?", content_type="text/plain")


def region_report(request, report_id: int):
    """The half-yearly report of a region as PDF, generated synchronously in the request:
    what a report job does (figures over four half-years, suppression, one SVG chart per
    figure, WeasyPrint), timed like a page. Bench only."""
    from livc.monitoring.reports import jobs, policies

    report = policies.access_report(request.user, report_id)
    content, _name = jobs.build(report, "pdf")
    return HttpResponse(content, content_type="application/pdf")


def region_enqueue(request, report_id: int):
    """The "generate PDF" POST of a region's report, as a GET (the benchmark's client sends
    no CSRF token): the product view itself, with the job left queued instead of started in
    a thread, so the measure is the request alone. Bench only."""
    from unittest import mock

    from django.http import QueryDict

    from livc.monitoring import views_reports
    from livc.monitoring.reports import jobs

    request.method = "POST"
    request.POST = QueryDict("format=pdf")
    with mock.patch.object(jobs, "start_thread", lambda job_id: None):
        response = views_reports.report_generate.__wrapped__(request, report_id)
    if response.status_code != 302 or "/reports/jobs/" not in response["Location"]:
        return HttpResponse("not queued", status=500, content_type="text/plain")
    return HttpResponse("queued", content_type="text/plain")
