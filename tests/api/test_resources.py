"""Case reads are logged with the channel, actions follow ETag/If-Match, lists page, and
the schema is valid OpenAPI."""

import dataclasses
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.cases import services as case_services
from livc.trajectories.models import Action

from ..casework import IDENTITY, register_signal
from .conftest import Caller

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("how", ["session", "token"])
def test_every_case_detail_read_is_logged(client, world, how):
    user = world.users["partner"]
    caller = Caller(client, user, how)
    url = reverse("api:case", args=[world.case.pk])
    for expected in (1, 2):
        response = caller.get(url)
        assert response.status_code == 200
        assert response.json()["subject"]["last_name"] == IDENTITY.last_name
        entries = AccessLogEntry.objects.filter(
            user_id=user.pk, action="view", case_id=world.case.pk, reason="api"
        )
        assert entries.count() == expected
    entry = entries.last()
    assert (entry.object_type, entry.role, entry.object_ref) == ("case", "partner", world.case.code)


def test_case_list_shows_no_identity_and_filters(client, world):
    caller = Caller(client, world.users["coordinator"], "token")
    body = caller.get(reverse("api:cases")).json()
    assert IDENTITY.last_name not in str(body) and "subject" not in body["results"][0]
    assert body["results"][0]["cell"] == world.cell.code
    assert caller.get(reverse("api:cases"), {"phase": "closed"}).json()["results"] == []
    assert len(caller.get(reverse("api:cases"), {"code": world.case.code}).json()["results"]) == 1
    assert caller.get(reverse("api:cases"), {"phase": "nonsense"}).status_code == 400


def test_case_list_pages_with_a_cursor(client, world, settings):
    coordinator = world.users["coordinator"]
    for index in range(3):
        identity = dataclasses.replace(IDENTITY, last_name=f"Janssens{index}")
        signal = register_signal(world, world.users["partner"], world.caw, identity=identity)
        case_services.case_open(
            user=coordinator, subject=signal.subject, phenomenon="right_wing",
            prevention_level="secondary", reporting_organisation=world.caw,
            reporter=world.users["partner"],
        )  # fmt: skip
    from livc.api.views import CaseCursor

    CaseCursor.page_size, saved = 2, CaseCursor.page_size
    try:
        caller = Caller(client, coordinator, "token")
        first = caller.get(reverse("api:cases")).json()
        assert len(first["results"]) == 2 and first["next"] and first["previous"] is None
        second = client.get(first["next"], **caller.extra).json()
        assert len(second["results"]) == 2 and second["next"] is None
        codes = [c["code"] for c in first["results"] + second["results"]]
        assert len(set(codes)) == 4
    finally:
        CaseCursor.page_size = saved


def test_action_etag_and_if_match(client, world):
    caller = Caller(client, world.users["partner"], "token")
    url = reverse("api:action", args=[world.action.pk])
    response = caller.get(url)
    etag = response["ETag"]
    assert etag == f'"{world.action.version}"'
    missing = caller.patch(url, {"status": "in_progress"})
    assert missing.status_code == 428
    stale = caller.patch(url, {"status": "in_progress"}, HTTP_IF_MATCH='"999"')
    assert stale.status_code == 412
    assert Action.objects.get(pk=world.action.pk).status == "open"
    done = caller.patch(url, {"status": "in_progress"}, HTTP_IF_MATCH=etag)
    assert done.status_code == 200
    assert done.json()["status"] == "in_progress"
    assert done["ETag"] == f'"{world.action.version + 1}"' != etag
    again = caller.patch(url, {"status": "done"}, HTTP_IF_MATCH=etag)
    assert again.status_code == 412
    illegal = caller.patch(url, {"status": "open"}, HTTP_IF_MATCH=done["ETag"])
    assert illegal.status_code == 400
    entry = AccessLogEntry.objects.filter(action="transition", object_id=world.action.pk).get()
    assert entry.reason == "open→in_progress"


def test_schema_answers_and_validates(client, world):
    caller = Caller(client, world.users["partner"], "token")
    response = caller.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert b"/api/v1/cases/" in response.content
    assert response.content.lstrip().startswith(b"{") or b"openapi:" in response.content
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())
