from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"


def _open(view_class):
    """DRF authenticates itself (token or session) and answers 401/403/404; Django's
    LoginRequiredMiddleware must not redirect API calls to the login page."""
    return login_not_required(view_class.as_view())


urlpatterns = [
    path("schema/", _open(SpectacularAPIView), name="schema"),
    path("v1/me/", _open(views.MeView), name="me"),
    path("v1/cases/", _open(views.CaseList), name="cases"),
    path("v1/cases/<int:pk>/", _open(views.CaseDetail), name="case"),
    path("v1/actions/", _open(views.ActionList), name="actions"),
    path("v1/actions/<int:pk>/", _open(views.ActionDetail), name="action"),
]
