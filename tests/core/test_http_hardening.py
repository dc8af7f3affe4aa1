"""Site-wide HTTP rules: only the methods the site uses, no caching of signed-in pages."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.core.middleware import AllowedMethodsMiddleware, NoStoreForAuthenticatedMiddleware

from ..casework import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


def _case_url(world):
    return reverse("cases:detail", args=[world.case.pk])


def _signal_url(world):
    return reverse("intake:signal_detail", args=[world.signal.pk])


# Cache-Control


@pytest.mark.parametrize("page", [_case_url, _signal_url], ids=["case", "signal"])
def test_pages_with_personal_data_are_not_stored(coordinator, world, page):
    response = coordinator.get(page(world))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_redirects_and_errors_to_a_signed_in_user_are_not_stored_either(coordinator, world):
    response = coordinator.get(reverse("cases:detail", args=[world.case.pk + 999]))
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"


def test_anonymous_responses_are_left_alone():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = NoStoreForAuthenticatedMiddleware(lambda request: HttpResponse("hi"))(request)
    assert not response.has_header("Cache-Control")


def test_logout_response_is_not_stored(coordinator):
    response = coordinator.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-store"


def test_a_view_that_sets_its_own_cache_control_keeps_it(world):
    def view(request):
        response = HttpResponse("figures")
        response["Cache-Control"] = "private, max-age=60"
        return response

    request = RequestFactory().get("/")
    request.user = world.users["coordinator"]
    response = NoStoreForAuthenticatedMiddleware(view)(request)
    assert response["Cache-Control"] == "private, max-age=60"


def test_static_files_keep_their_caching(coordinator, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_MAX_AGE = 60
    response = coordinator.get("/static/livc/livc.css")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=60, public"


# Methods


@pytest.mark.parametrize("method", ["DELETE", "PUT", "PATCH", "TRACE", "PROPFIND", "CONNECT"])
def test_other_methods_are_refused_before_the_view_logs_a_read(coordinator, world, method):
    before = AccessLogEntry.objects.count()
    response = coordinator.generic(method, _case_url(world))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS, POST"
    assert AccessLogEntry.objects.count() == before


def test_get_still_logs_the_read(coordinator, world):
    """The check above would notice a view that ran: a GET writes an entry."""
    before = AccessLogEntry.objects.count()
    assert coordinator.get(_case_url(world)).status_code == 200
    assert AccessLogEntry.objects.count() == before + 1


def test_options_answers_allow_without_running_the_view(coordinator, world):
    before = AccessLogEntry.objects.count()
    response = coordinator.options(_case_url(world))
    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS, POST"
    assert response.content == b""
    assert AccessLogEntry.objects.count() == before


def test_head_and_post_still_reach_the_views(coordinator, world):
    assert coordinator.head(_case_url(world)).status_code == 200
    response = coordinator.post(
        reverse("cases:note_add", args=[world.case.pk]), {"text": "Called the school."}
    )
    assert response.status_code != 405


def test_anonymous_delete_is_refused_too(client, world):
    assert client.delete(_case_url(world)).status_code == 405


def test_exempt_prefix_lets_its_own_views_decide(coordinator, world, settings):
    """The REST API under /api/ is exempt: its views answer PATCH (and refuse the rest)."""
    assert settings.LIVC_HTTP_METHODS_EXEMPT_PATHS == ["/api/"]
    patch = coordinator.patch("/api/v1/actions/999999/", {}, content_type="application/json")
    assert patch.status_code == 404  # reached the API view: not found, not 405
    assert coordinator.delete(f"/api/v1/cases/{world.case.pk}/").status_code == 405  # DRF's
    assert coordinator.delete(_case_url(world)).status_code == 405


def test_allowed_set_is_a_setting():
    def view(request):
        return HttpResponse("ok")

    request = RequestFactory().generic("PATCH", "/cases/x/")
    assert AllowedMethodsMiddleware(view)(request).status_code == 405
    with override_settings(LIVC_ALLOWED_HTTP_METHODS=["GET", "HEAD", "POST", "PATCH"]):
        assert AllowedMethodsMiddleware(view)(request).status_code == 200
