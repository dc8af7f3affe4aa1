"""Permission matrix for signals and cases: every role × every view, allowed and refused.

Refused is always 404 (absence). "Allowed" is 200 for pages, 302 for a completed POST and
400 for a POST that reached the form with deliberately empty input.
"""

import pytest
from django.urls import reverse

from livc.cases.models import AftercareCheckin
from livc.intake import services as intake_services

from .casework import build_world
from .matrix import matrix_test

pytestmark = pytest.mark.django_db

REPORTERS = {
    "left_partner",
    "coordinator",
    "chair",
    "information_officer",
    "partner",
    "colleague",
    "other_partner",
    "foreign_coordinator",
}
CELL_MEMBERS = REPORTERS | {"dpo"}
CASE_READERS = {"coordinator", "chair", "information_officer", "partner"}

# name, method, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("signal_list", "get", lambda w: reverse("intake:signal_list"), dict.fromkeys(REPORTERS, 200)),
    ("signal_create", "get", lambda w: reverse("intake:signal_create"),
     dict.fromkeys(REPORTERS, 200)),
    ("signal_detail", "get", lambda w: reverse("intake:signal_detail", args=[w.signal.pk]),
     {"coordinator": 200, "information_officer": 200}),
    ("signal_screen", "post", lambda w: reverse("intake:signal_screen", args=[w.signal.pk]),
     {"coordinator": 400}),
    ("consultation_list", "get", lambda w: reverse("intake:consultation_list"),
     dict.fromkeys(REPORTERS, 200)),
    ("consultation_create", "get", lambda w: reverse("intake:consultation_create"),
     dict.fromkeys(REPORTERS, 200)),
    ("consultation_detail", "get",
     lambda w: reverse("intake:consultation_detail", args=[w.consultation.pk]),
     {"coordinator": 200, "partner": 200}),
    ("case_list", "get", lambda w: reverse("cases:list"), dict.fromkeys(CELL_MEMBERS, 200)),
    ("case_register", "get", lambda w: reverse("cases:register"), {"dpo": 200}),
    ("case_detail", "get", lambda w: reverse("cases:detail", args=[w.case.pk]),
     dict.fromkeys(CASE_READERS, 200)),
    ("case_edit", "get", lambda w: reverse("cases:edit", args=[w.case.pk]), {"coordinator": 200}),
    ("case_phase", "post", lambda w: reverse("cases:phase", args=[w.case.pk]),
     {"coordinator": 400}),
    ("case_close", "post", lambda w: reverse("cases:close", args=[w.case.pk]),
     {"coordinator": 400}),
    ("case_reopen", "post", lambda w: reverse("cases:reopen", args=[w.case.pk]),
     {"coordinator": 400}),
    ("case_invite", "post", lambda w: reverse("cases:invite", args=[w.case.pk]),
     {"coordinator": 400}),
    ("note_add", "post", lambda w: reverse("cases:note_add", args=[w.case.pk]),
     dict.fromkeys(CASE_READERS, 400)),
    ("ltf", "post", lambda w: reverse("cases:ltf", args=[w.case.pk]),
     {"information_officer": 400}),
    ("checkin_done", "post",
     lambda w: reverse("cases:checkin_done", args=[w.case.pk, w.checkin.pk]),
     {"coordinator": 400}),
    ("access_log", "get", lambda w: reverse("cases:access_log", args=[w.case.pk]),
     {"coordinator": 200, "chair": 200, "dpo": 200}),
    ("participant_decline", "post",
     lambda w: reverse("cases:participant_decline", args=[w.case.pk, w.caw_participant.pk]),
     {"partner": 400}),
    ("participant_accept", "post",
     lambda w: reverse("cases:participant_accept", args=[w.case.pk, w.caw_participant.pk]),
     {"partner": 302}),
]  # fmt: skip


@pytest.fixture
def world():
    world = build_world()
    partner = world.users["partner"]
    world.consultation = intake_services.consultation_ask(
        user=partner, cell=world.cell, organisation=world.caw, question="Advice please"
    )
    world.caw_participant = world.case.participants.get(organisation=world.caw)
    world.checkin = AftercareCheckin.objects.create(case=world.case, due_on=world.case.opened_on)
    return world


test_matrix = matrix_test(MATRIX)
