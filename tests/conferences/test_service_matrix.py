"""Role × conference service: allowed, or refused by the service itself."""

import pytest

from livc.conferences import services

from ..cases.service_matrix import Row, allowed_by, service_matrix_test
from ..casework import ROLES
from .helpers import conference_world, second_case
from .test_permissions import MATRIX

pytestmark = pytest.mark.django_db

SEES = allowed_by(MATRIX, "detail")
EVERYONE = frozenset(ROLES)


def _extra_case(world):
    world.extra = second_case(world)


def _item(conference):
    return conference.items.select_related("case").get()


ROWS = [
    # The HTTP row also lets the foreign coordinator plan, in their own cell; here the
    # conference is in the world's cell.
    Row("conference_plan",
        lambda w, u: services.conference_plan(
            user=u, cell=w.cell, starts_at=w.planned.starts_at, ends_at=w.planned.ends_at,
            place="Room 1"),
        frozenset({"coordinator"}), EVERYONE),
    Row("agenda_add",
        lambda w, u: services.agenda_add(user=u, conference=w.planned, case=w.extra),
        allowed_by(MATRIX, "agenda_add"), SEES, setup=_extra_case),
    Row("agenda_remove",
        lambda w, u: services.agenda_remove(user=u, item=_item(w.planned)),
        allowed_by(MATRIX, "agenda_remove"), SEES),
    Row("invitations_set",
        lambda w, u: services.invitations_set(
            user=u, item=_item(w.planned), invitees=[w.users["partner"]]),
        allowed_by(MATRIX, "invitations", "post"), SEES),
    Row("attestation_record",
        lambda w, u: services.attestation_record(user=u, conference=w.planned),
        allowed_by(MATRIX, "attestation"), SEES),
    Row("attendance_set",
        lambda w, u: services.attendance_set(
            user=u, conference=w.held, attendees=[w.users["coordinator"]]),
        allowed_by(MATRIX, "attendance", "post"), SEES),
    Row("minutes_save",
        lambda w, u: services.minutes_save(
            user=u, item=_item(w.held), decisions="Decided", next_review_on=None, actions=[]),
        allowed_by(MATRIX, "minutes", "post"), SEES),
    Row("conference_mark_held",
        lambda w, u: services.conference_mark_held(user=u, conference=w.planned),
        allowed_by(MATRIX, "held"), SEES),
    Row("conference_approve",
        lambda w, u: services.conference_approve(user=u, conference=w.held),
        allowed_by(MATRIX, "approve"), SEES),
    Row("minutes_exported",
        lambda w, u: services.minutes_exported(
            user=u, conference=w.approved, items=list(w.approved.items.all())),
        allowed_by(MATRIX, "pdf"), SEES),
    Row("calendar_exported",
        lambda w, u: services.calendar_exported(user=u, conference=w.planned),
        allowed_by(MATRIX, "ics"), SEES),
]  # fmt: skip


@pytest.fixture
def world():
    return conference_world()


test_service_matrix = service_matrix_test(ROWS)
