"""Who reads a signal (finding 2): before the screening decision the cell's screeners
(coordinator and information officer); after it, a signal that opened a case follows that
case (`visible_cases`), one screened without a case stays with the coordinator. The charter
gate applies. And every page that shows a signal logs the read (finding 4)."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.cases import services as case_services
from livc.intake import policies, selectors, services

from ..casework import build_world, register_signal
from ..charters.conftest import accept, fresh, publish

pytestmark = pytest.mark.django_db

GATE = "livc.charters.middleware.CharterGateMiddleware"
WITHOUT_MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != GATE]


@pytest.fixture
def world():
    return build_world()


def screened(world, outcome, reason="Decided"):
    signal = register_signal(world, world.users["partner"], world.caw)
    return services.signal_screen(
        user=world.users["coordinator"], signal=signal, outcome=outcome, reason=reason
    )


def status_of(client, user, signal) -> int:
    client.force_login(user)
    return client.get(reverse("intake:signal_detail", args=[signal.pk])).status_code


def test_io_does_not_read_a_signal_whose_case_police_does_not_take_part_in(world, client):
    """Found by the review: `/signals/55/` showed name, birth date and "It follows case
    MEC-..." to the information officer while that case was a 404 to them."""
    signal = screened(world, "case_opened")
    officer = world.users["information_officer"]
    client.force_login(officer)
    assert client.get(reverse("cases:detail", args=[signal.case_id])).status_code == 404
    response = client.get(reverse("intake:signal_detail", args=[signal.pk]))
    assert response.status_code == 404
    queue = client.get(reverse("intake:signal_list"), {"status": "case_opened"})
    assert signal.reference not in queue.content.decode()
    assert status_of(client, world.users["coordinator"], signal) == 200


def test_io_reads_it_once_police_takes_part_in_the_case(world, client):
    signal = screened(world, "case_opened")
    case_services.participant_invite(
        user=world.users["coordinator"],
        case=signal.case,
        organisation=world.police,
        members=[world.users["information_officer"]],
    )
    assert status_of(client, world.users["information_officer"], signal) == 200


@pytest.mark.parametrize("outcome", ["advised", "referred_to_regular_care", "withdrawn"])
def test_a_signal_screened_without_a_case_stays_with_the_coordinator(world, client, outcome):
    signal = screened(world, outcome)
    assert status_of(client, world.users["information_officer"], signal) == 404
    assert status_of(client, world.users["coordinator"], signal) == 200


@pytest.mark.parametrize("status", ["received", "in_screening"])
def test_before_the_decision_both_screeners_read_it(world, client, status):
    world.signal.status = status
    world.signal.save(update_fields=["status"])
    for who in ("coordinator", "information_officer"):
        assert status_of(client, world.users[who], world.signal) == 200
    for who in ("chair", "partner", "dpo", "foreign_coordinator"):
        assert status_of(client, world.users[who], world.signal) == 404


def test_the_reporter_still_sees_the_outcome_of_their_signal(world, client):
    signal = screened(world, "case_opened")
    client.force_login(world.users["partner"])
    body = client.get(reverse("intake:signal_list")).content.decode()
    assert signal.reference in body and "Case opened" in body


@override_settings(MIDDLEWARE=WITHOUT_MIDDLEWARE)
def test_signals_and_consultations_are_gated_by_the_charter(world, client):
    consultation = services.consultation_ask(
        user=world.users["partner"], cell=world.cell, organisation=world.caw, question="Advice?"
    )
    version = publish(world)
    for who in ("coordinator", "information_officer"):
        user = fresh(world.users[who])
        assert not policies.visible_signals(user).exists()
        assert status_of(client, user, world.signal) == 404
    assert not policies.visible_consultations(fresh(world.users["partner"])).exists()
    assert not policies.own_signals(fresh(world.users["partner"])).exists()
    client.force_login(world.users["coordinator"])
    url = reverse("intake:consultation_detail", args=[consultation.pk])
    assert client.get(url).status_code == 404
    accept(world, "information_officer", version)
    assert status_of(client, world.users["information_officer"], world.signal) == 200


def test_known_matches_name_only_what_the_reader_may_read(world):
    """The IO screening a re-signal learns the person is known, not the codes of cases
    police does not take part in."""
    hidden_case = screened(world, "case_opened").case
    again = register_signal(world, world.users["partner"], world.caw)
    officer = world.users["information_officer"]
    known = selectors.known_matches(signal=again, user=officer)
    refs = {hit["ref"] for hit in known.same_cell}
    assert hidden_case.code not in refs and known.hidden > 0
    assert world.case.code in refs  # police takes part in that one
    everything = selectors.known_matches(signal=again, user=world.users["coordinator"])
    assert hidden_case.code in {hit["ref"] for hit in everything.same_cell}
    assert everything.hidden == 0


# Reads are logged, whatever the status (finding 4) ---------------------------------------


def views_of(user, signal) -> int:
    return AccessLogEntry.objects.filter(
        user_id=user.pk, object_type="signal", object_id=signal.pk, action="view"
    ).count()


def test_the_signal_page_logs_one_view(world, client):
    coordinator = world.users["coordinator"]
    client.force_login(coordinator)
    assert client.get(reverse("intake:signal_detail", args=[world.signal.pk])).status_code == 200
    assert views_of(coordinator, world.signal) == 1


def test_an_invalid_screening_post_shows_the_signal_and_logs_one_view(world, client):
    """Found by the review: `POST /signals/N/screen/` with invalid input answered 400 with the
    identity on the page and no access-log entry."""
    coordinator = world.users["coordinator"]
    client.force_login(coordinator)
    url = reverse("intake:signal_screen", args=[world.signal.pk])
    response = client.post(url, {"outcome": "advised", "reason": ""})
    assert response.status_code == 400
    assert "Peeters" in response.content.decode()
    assert views_of(coordinator, world.signal) == 1


def test_the_consultation_page_logs_one_view(world, client):
    consultation = services.consultation_ask(
        user=world.users["partner"], cell=world.cell, organisation=world.caw, question="Advice?"
    )
    coordinator = world.users["coordinator"]
    client.force_login(coordinator)
    url = reverse("intake:consultation_detail", args=[consultation.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"answer": ""}).status_code == 200
    assert (
        AccessLogEntry.objects.filter(
            user_id=coordinator.pk, object_type="consultation", action="view"
        ).count()
        == 2
    )


def test_turning_a_consultation_into_a_signal_is_the_coordinators(world, client):
    consultation = services.consultation_ask(
        user=world.users["partner"], cell=world.cell, organisation=world.caw, question="Advice?"
    )
    url = reverse("intake:signal_create") + f"?consultation={consultation.pk}"
    client.force_login(world.users["partner"])
    detail = client.get(reverse("intake:consultation_detail", args=[consultation.pk]))
    assert "Turn into a signal" not in detail.content.decode()
    assert client.get(url).status_code == 404
    client.force_login(world.users["coordinator"])
    response = client.get(url)
    assert response.status_code == 200
    # Only the consultation's cell is offered.
    cells = {m.cell_id for m in response.context["form"].fields["membership"].queryset}
    assert cells == {world.cell.pk}
