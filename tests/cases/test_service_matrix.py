"""Role × case service: allowed, or refused by the service itself (see service_matrix)."""

import pytest
from django.utils import timezone

from livc.cases import services
from livc.cases.models import AftercareCheckin

from ..casework import ROLES, build_world
from ..test_casework_matrix import MATRIX
from .service_matrix import Row, allowed_by, service_matrix_test

pytestmark = pytest.mark.django_db

READERS = allowed_by(MATRIX, "case_detail")
EVERYONE = frozenset(ROLES)
# Those who answer for CAW's invitation: its members in the cell, named or not (the page
# also needs them to read the case; the service only that they speak for CAW).
CAW_MEMBERS = frozenset({"partner", "colleague"})


def _today():
    return timezone.localdate()


def _closed(world):
    case = world.case
    services.case_close(
        user=world.users["coordinator"], case=case, version=case.version,
        reason="goals_reached", outcome="improved",
    )  # fmt: skip


def _checkin(world):
    world.checkin = AftercareCheckin.objects.create(case=world.case, due_on=world.case.opened_on)


def _caw(world):
    return world.case.participants.get(organisation=world.caw)


ROWS = [
    Row("case_open",
        lambda w, u: services.case_open(
            user=u, subject=w.case.subject, phenomenon="other", prevention_level="primary"),
        frozenset({"coordinator"}), EVERYONE),
    Row("case_update",
        lambda w, u: services.case_update(
            user=u, case=w.case, version=w.case.version, phenomenon="other"),
        allowed_by(MATRIX, "case_edit"), READERS),
    Row("case_change_phase",
        lambda w, u: services.case_change_phase(
            user=u, case=w.case, to_phase="active", version=w.case.version),
        allowed_by(MATRIX, "case_phase"), READERS),
    Row("case_close",
        lambda w, u: services.case_close(
            user=u, case=w.case, version=w.case.version, reason="other", outcome="stable"),
        allowed_by(MATRIX, "case_close"), READERS),
    Row("case_reopen",
        lambda w, u: services.case_reopen(
            user=u, case=w.case, version=w.case.version, reason="New signal"),
        allowed_by(MATRIX, "case_reopen"), READERS, setup=_closed),
    Row("participant_invite",
        lambda w, u: services.participant_invite(
            user=u, case=w.case, organisation=w.clb, members=[w.users["other_partner"]]),
        allowed_by(MATRIX, "case_invite"), READERS),
    Row("note_add",
        lambda w, u: services.note_add(user=u, case=w.case, text="Signed assessment"),
        allowed_by(MATRIX, "note_add"), READERS),
    Row("ltf_record",
        lambda w, u: services.ltf_record(user=u, case=w.case, known=False, checked_on=_today()),
        allowed_by(MATRIX, "ltf"), READERS),
    Row("checkin_done",
        lambda w, u: services.checkin_done(user=u, checkin=w.checkin, done_on=_today()),
        allowed_by(MATRIX, "checkin_done"), READERS, setup=_checkin),
    Row("participant_decline",
        lambda w, u: services.participant_decline(user=u, participant=_caw(w), reason="Full"),
        CAW_MEMBERS, CAW_MEMBERS),
    Row("participant_accept",
        lambda w, u: services.participant_accept(user=u, participant=_caw(w)),
        CAW_MEMBERS, CAW_MEMBERS),
    Row("case_viewed", lambda w, u: services.case_viewed(user=u, case=w.case), READERS, READERS),
]  # fmt: skip


@pytest.fixture
def world():
    return build_world()


test_service_matrix = service_matrix_test(ROWS)


def test_the_http_matrix_agrees_where_a_page_stands_behind_the_service():
    """The page for declining lets only CAW's named partner through (the colleague cannot
    read the case); the service accepts every member speaking for CAW."""
    assert allowed_by(MATRIX, "participant_decline") <= CAW_MEMBERS
    assert allowed_by(MATRIX, "participant_accept") <= CAW_MEMBERS
