"""HTTP rules that hold on every response: the methods the site answers, and no caching of
pages shown to a signed-in user."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed


class AllowedMethodsMiddleware:
    """Answer 405 to any method outside LIVC_ALLOWED_HTTP_METHODS, before a view runs.

    Function views run for whatever method arrives, so a DELETE, PUT or TRACE on a read
    view would render the page and write an access-log entry. OPTIONS is answered here
    with the Allow header for the same reason. Paths under LIVC_HTTP_METHODS_EXEMPT_PATHS
    (the future REST API) handle methods themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(tuple(settings.LIVC_HTTP_METHODS_EXEMPT_PATHS)):
            return self.get_response(request)
        allowed = sorted({method.upper() for method in settings.LIVC_ALLOWED_HTTP_METHODS})
        if request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        if request.method == "OPTIONS":
            response = HttpResponse()
            response["Allow"] = ", ".join(allowed)
            return response
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in user that sets none.

    Pages shown after login hold personal data; browsers and shared caches must not keep
    them. A response that chose its own Cache-Control keeps it. Static files never reach
    this middleware (WhiteNoise answers them first, with its own long caching).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Checked before and after the view: logging out replaces request.user.
        signed_in = _signed_in(request)
        response = self.get_response(request)
        if (signed_in or _signed_in(request)) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
