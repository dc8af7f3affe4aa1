"""Subject access: malformed ids (finding 3), reads logged whatever the status (finding 4),
read-only pages (finding 6) and the charter gate as a condition of the policies."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.subjectaccess import policies, services

from ..charters.conftest import fresh, publish
from .conftest import today

pytestmark = pytest.mark.django_db

BAD = ["²", "abc", "-1", "0", "9999999999999999999999", "1.0"]
GATE = "livc.charters.middleware.CharterGateMiddleware"
WITHOUT_MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != GATE]


@pytest.fixture
def access_request(world):
    return services.request_create(
        user=world.users["coordinator"], cell=world.cell, kind="access", received_on=today(),
        description="What do you hold about me?", subject=world.signal.subject,
    )  # fmt: skip


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("name", ["export_json", "export_pdf"])
def test_a_malformed_request_id_is_a_404(client, world, name, value):
    client.force_login(world.users["coordinator"])
    url = reverse(f"subjectaccess:{name}", args=[world.signal.subject.pk])
    assert client.get(url, {"request": value}).status_code == 404


def views(user, object_type) -> int:
    return AccessLogEntry.objects.filter(
        user_id=user.pk, object_type=object_type, action="view"
    ).count()


def test_an_invalid_decision_shows_the_request_and_logs_one_view(client, world, access_request):
    coordinator = world.users["coordinator"]
    client.force_login(coordinator)
    url = reverse("subjectaccess:request_decide", args=[access_request.pk])
    response = client.post(url, {"decision": "refused", "decided_on": today(), "reason": ""})
    assert response.status_code == 400 and "What do you hold about me?" in response.content.decode()
    assert views(coordinator, "subject_request") == 1


def test_the_form_for_a_persons_request_logs_that_read(client, world):
    coordinator = world.users["coordinator"]
    client.force_login(coordinator)
    url = reverse("subjectaccess:subject_request_create", args=[world.signal.subject.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 400
    assert views(coordinator, "subject") == 2


def test_read_only_pages_refuse_a_post_and_answer_head(client, world, access_request):
    client.force_login(world.users["coordinator"])
    subject = world.signal.subject.pk
    for url in (
        reverse("subjectaccess:subject", args=[subject]),
        reverse("subjectaccess:export_json", args=[subject]),
        reverse("subjectaccess:requests"),
        reverse("subjectaccess:request", args=[access_request.pk]),
    ):
        assert client.post(url).status_code == 405, url
        assert client.head(url).status_code == 200, url


@override_settings(MIDDLEWARE=WITHOUT_MIDDLEWARE)
def test_a_pending_charter_hides_subjects_and_requests(client, world, access_request):
    publish(world)
    coordinator = fresh(world.users["coordinator"])
    assert not policies.searchable_subjects(coordinator).exists()
    assert policies.visible_requests(coordinator).count() == 0
    client.force_login(coordinator)
    assert client.get(reverse("subjectaccess:request", args=[access_request.pk])).status_code == 404
    url = reverse("subjectaccess:subject", args=[world.signal.subject.pk])
    assert client.get(url).status_code == 404
