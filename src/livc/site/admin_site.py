"""The Django admin is the administrator's tool: users, cells, organisations, memberships.

Case data are never registered here. Login goes through allauth (with MFA); a logged-in
user without the administrator role gets a 404, as for anything they may not see.
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def configure_admin_site(site) -> None:
    @login_not_required
    def login(request, extra_context=None):
        if request.user.is_authenticated:
            raise Http404
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))

    site.login = login
    admin_view = site.admin_view

    def refusing_admin_view(view, cacheable=False):
        inner = admin_view(view, cacheable)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not site.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return wrapper

    site.admin_view = refusing_admin_view
    site.site_header = _("LIVC Platform administration")
    site.site_title = _("LIVC Platform administration")
    site.index_title = _("Users, cells and organisations")
    site.site_url = "/"
