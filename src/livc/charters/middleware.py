"""The charter gate: a cell member reaches case data only after accepting the current
internal rules and confidentiality charter of each of their cells."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .policies import pending_charters

# URL namespaces of the cell's confidential work (signals and consultations, cases,
# conferences, plans, subject access requests, polarisation situations). The policies gate
# the same data on their own (a pending charter hides it); this only sends people to accept.
GATED_NAMESPACES = frozenset(
    {"intake", "cases", "conferences", "trajectories", "subjectaccess", "polarisation"}
)


def accept_url(next_url: str = "") -> str:
    url = reverse("charters:accept")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class CharterGateMiddleware:
    """Redirect to `charters:accept` while a gated page is requested by a member with a
    text still to accept. Costs one query on gated pages (none elsewhere); users without
    a cell role (supervisors, administrators) have nothing to accept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not match.namespaces or match.namespaces[0] not in GATED_NAMESPACES:
            return None
        if not request.user.is_authenticated or not pending_charters(request.user):
            return None
        if request.headers.get("HX-Request"):
            # A fragment is no page to come back to: the page that asked for it is.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = accept_url(request.headers.get("HX-Current-URL", ""))
            return response
        # A form posted meanwhile is not replayed: only a page can be come back to.
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        return redirect(accept_url(next_url))
