from django.http import HttpResponse

from livc.accounts.models import User


def floor(request):
    """The benchmark's floor: the full middleware stack, login required, one indexed query."""
    exists = User.objects.filter(pk=request.user.pk).exists()
    return HttpResponse("ok" if exists else "?", content_type="text/plain")
