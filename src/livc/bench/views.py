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
