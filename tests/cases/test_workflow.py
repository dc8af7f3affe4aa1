import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livc.cases import services
from livc.cases.models import AftercareCheckin, Case

from ..casework import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_case_code_counts_per_cell_and_year(world):
    assert world.case.code == f"{world.cell.code}-{world.case.opened_on.year}-0001"
    second = services.case_open(
        user=world.users["coordinator"],
        subject=world.case.subject,
        phenomenon="other",
        prevention_level="primary",
    )
    assert second.code.endswith("-0002")


def test_phase_changes_follow_the_table_and_leave_rows(world):
    case, user = world.case, world.users["coordinator"]
    services.case_change_phase(user=user, case=case, to_phase="active", version=case.version)
    services.case_change_phase(user=user, case=case, to_phase="aftercare", version=case.version)
    assert [c.to_phase for c in case.phase_changes.all()] == ["preparation", "active", "aftercare"]
    assert AftercareCheckin.objects.filter(case=case).count() == 2  # 6 and 12 months


def test_illegal_phase_change_is_refused(world):
    with pytest.raises(ValidationError, match="cannot go from"):
        services.case_change_phase(
            user=world.users["coordinator"],
            case=world.case,
            to_phase="aftercare",
            version=world.case.version,
        )


def test_closing_needs_reason_and_outcome_and_reopening_needs_a_reason(world):
    case, user = world.case, world.users["coordinator"]
    with pytest.raises(ValidationError):
        services.case_close(user=user, case=case, version=case.version, reason="", outcome="")
    services.case_close(
        user=user, case=case, version=case.version, reason="goals_reached", outcome="improved"
    )
    assert case.phase == Case.Phase.CLOSED and case.closed_on
    with pytest.raises(ValidationError, match="needs a reason"):
        services.case_reopen(user=user, case=case, version=case.version, reason=" ")
    services.case_reopen(user=user, case=case, version=case.version, reason="New signal")
    assert case.phase == Case.Phase.ACTIVE


def test_second_concurrent_save_is_refused_and_nothing_is_lost(world, client):
    client.force_login(world.users["coordinator"])
    url = reverse("cases:edit", args=[world.case.pk])
    stale = world.case.version
    form = {
        "phenomenon": "left_wing",
        "prevention_level": "primary",
        "version": stale,
        "consent": "",
        "not_informed_reason": "",
    }
    assert client.post(url, form).status_code == 302
    second = client.post(url, {**form, "phenomenon": "mixed"})
    assert second.status_code == 400
    assert "Someone else changed this case" in second.content.decode()
    world.case.refresh_from_db()
    assert world.case.phenomenon == "left_wing"


def test_bad_input_comes_back_at_the_form(world, client):
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("cases:close", args=[world.case.pk]),
        {"reason": "", "outcome": "", "version": world.case.version},
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = client.post(
        reverse("cases:phase", args=[world.case.pk]),
        {"to_phase": "aftercare", "version": world.case.version},
    )
    assert response.status_code == 400
    assert "cannot go from" in response.content.decode()


def test_partner_declines_with_a_reason_through_the_page(world, client):
    client.force_login(world.users["partner"])
    participant = world.case.participants.get(organisation=world.caw)
    url = reverse("cases:participant_decline", args=[world.case.pk, participant.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Outside our mission"}).status_code == 302
    participant.refresh_from_db()
    assert participant.decline_reason == "Outside our mission"


def test_assessment_notes_are_encrypted_at_rest(world):
    from django.db import connection

    services.note_add(
        user=world.users["partner"],
        case=world.case,
        organisation=world.caw,
        text="Calmer since the school meeting.",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_assessmentnote")
        stored = cursor.fetchone()[0]
    assert "Calmer" not in stored
    assert world.case.notes.get().text == "Calmer since the school meeting."


def test_closing_a_case_cancels_its_open_actions(world):
    from livc.trajectories.models import Action
    from livc.trajectories.services import create_action

    action = create_action(
        user=world.users["coordinator"],
        case=world.case,
        organisation=world.caw,
        description="Meet the school",
        due_on=world.case.opened_on,
    )
    services.case_close(
        user=world.users["coordinator"],
        case=world.case,
        version=world.case.version,
        reason="goals_reached",
        outcome="improved",
    )
    assert Action.objects.get(pk=action.pk).status == Action.Status.CANCELLED


def test_coordinator_records_an_aftercare_check_in(world, client):
    case, user = world.case, world.users["coordinator"]
    services.case_change_phase(user=user, case=case, to_phase="active", version=case.version)
    services.case_change_phase(user=user, case=case, to_phase="aftercare", version=case.version)
    first = case.checkins.order_by("due_on").first()
    client.force_login(user)
    url = reverse("cases:checkin_done", args=[case.pk, first.pk])
    assert client.post(url, {"done_on": "2999-01-01"}).status_code == 400  # future date
    assert client.post(url, {"done_on": "2026-11-20", "note": "Doing well"}).status_code == 302
    first.refresh_from_db()
    assert first.done_on.isoformat() == "2026-11-20" and first.note == "Doing well"
    client.force_login(world.users["partner"])
    assert client.post(url, {"done_on": "2026-11-20"}).status_code == 404
