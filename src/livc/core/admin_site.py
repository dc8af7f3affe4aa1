"""The Django admin is the administrator's tool: users, cells, organisations, memberships.

Case data are never registered here. Login goes through allauth (with MFA); a logged-in
user without the administrator role gets a 404, as for anything they may not see.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _


def configure_admin_site(site) -> None:
    @login_not_required
    def login(request, extra_context=None):
        if request.user.is_authenticated:
            raise Http404
        return redirect("account_login")

    site.login = login
    site.site_header = _("LIVC Platform administration")
    site.site_title = _("LIVC Platform administration")
    site.index_title = _("Users, cells and organisations")
    site.site_url = "/"
