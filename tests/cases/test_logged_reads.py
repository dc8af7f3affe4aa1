"""Every render of a case's content is logged, whatever the status: a form that comes back
with errors shows the whole case page as much as the plain page does."""

import pytest
from django.urls import reverse

from livc.audit.models import AccessLogEntry

from ..casework import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def views_of(case) -> int:
    return AccessLogEntry.objects.filter(case_id=case.pk, action="view").count()


@pytest.mark.parametrize(
    ("who", "url_name", "data"),
    [
        ("partner", "cases:note_add", {"text": ""}),
        ("coordinator", "cases:phase", {"to_phase": "", "version": ""}),
        ("coordinator", "cases:edit", {"phenomenon": ""}),
        ("coordinator", "cases:close", {}),
        ("coordinator", "cases:invite", {}),
        ("information_officer", "cases:ltf", {"checked_on": "1800-01-01", "known": "yes"}),
    ],
)
def test_a_form_that_comes_back_with_errors_logs_one_view(world, client, who, url_name, data):
    case = world.case
    client.force_login(world.users[who])
    before = views_of(case)
    response = client.post(reverse(url_name, args=[case.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert case.code in body
    assert views_of(case) == before + 1
    entry = AccessLogEntry.objects.filter(case_id=case.pk, action="view").latest("id")
    assert entry.user_id == world.users[who].pk


def test_the_case_page_itself_logs_exactly_one_view(world, client):
    case = world.case
    client.force_login(world.users["partner"])
    before = views_of(case)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200 and "Peeters" in response.content.decode()
    assert views_of(case) == before + 1


def test_the_edit_page_logs_one_view_per_render(world, client):
    case = world.case
    client.force_login(world.users["coordinator"])
    before = views_of(case)
    assert client.get(reverse("cases:edit", args=[case.pk])).status_code == 200
    assert views_of(case) == before + 1


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("cases:list"),
        lambda w: reverse("cases:detail", args=[w.case.pk]),
        lambda w: reverse("cases:access_log", args=[w.case.pk]),
    ],
    ids=["list", "detail", "access_log"],
)
def test_read_only_pages_answer_get_and_head_only(world, client, url):
    client.force_login(world.users["coordinator"])
    assert client.get(url(world)).status_code == 200
    assert client.head(url(world)).status_code == 200
    assert client.post(url(world), {}).status_code == 405


def test_the_register_answers_get_only(world, client):
    client.force_login(world.users["dpo"])
    url = reverse("cases:register")
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 405
