"""Malformed ids (finding 3) and read-only pages (finding 6) in intake."""

import pytest
from django.urls import reverse

from ..casework import build_world

pytestmark = pytest.mark.django_db

BAD = ["²", "abc", "-1", "0", "9999999999999999999999", "1.0"]


@pytest.fixture
def world():
    return build_world()


@pytest.mark.parametrize("value", BAD)
def test_a_malformed_consultation_is_a_404(client, world, value):
    """Found by the review: `/signals/new/?consultation=abc` answered 500."""
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("intake:signal_create"), {"consultation": value})
    assert response.status_code == 404


def test_an_empty_consultation_is_no_consultation(client, world):
    client.force_login(world.users["partner"])
    assert client.get(reverse("intake:signal_create"), {"consultation": ""}).status_code == 200


@pytest.mark.parametrize("value", ["²", "abc", "-1", "9999999999999999999999", "case_opened"])
def test_a_status_filter_the_queue_does_not_know_is_the_open_queue(client, world, value):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("intake:signal_list"), {"status": value, "page": value})
    assert response.status_code == 200


def test_read_only_pages_refuse_a_post_and_answer_head(client, world):
    client.force_login(world.users["coordinator"])
    for url in (
        reverse("intake:signal_list"),
        reverse("intake:signal_detail", args=[world.signal.pk]),
        reverse("intake:consultation_list"),
    ):
        assert client.post(url).status_code == 405, url
        assert client.head(url).status_code == 200, url
