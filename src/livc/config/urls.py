from django.contrib import admin
from django.urls import include, path

from livc.site.admin_site import configure_admin_site

configure_admin_site(admin.site)

urlpatterns = [
    path("", include("livc.site.urls")),
    path("signals/", include("livc.intake.urls")),
    path("cases/", include("livc.cases.urls")),
    path("conferences/", include("livc.conferences.urls")),
    path("plans/", include("livc.trajectories.urls")),
    path("retention/", include("livc.retention.urls")),
    path("charters/", include("livc.charters.urls")),
    path("subject-access/", include("livc.subjectaccess.urls")),
    path("dpo/", include("livc.dpo.urls")),
    path("monitoring/", include("livc.monitoring.urls")),
    path("polarisation/", include("livc.polarisation.urls")),
    path("library/", include("livc.library.urls")),
    path("policy/", include("livc.policy.urls")),
    path("api/", include("livc.api.urls")),
    path("accounts/", include("livc.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
