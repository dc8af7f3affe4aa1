import datetime

import pytest
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.intake import selectors, services
from livc.intake.models import Signal

from ..casework import IDENTITY, build_world, register_signal
from ..factories import municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def form_data(world, **overrides):
    membership = world.users["partner"].memberships.get()
    data = {
        "membership": membership.pk,
        "reporter_type": "organisation",
        "received_on": "2026-11-16",
        "observation": "Shares violent videos in class.",
        "behaviours": ["online", "glorifying"],
        "phenomenon": "right_wing",
        "prevention_level": "secondary",
        "urgency": "high",
        "first_name": "Lena",
        "last_name": "Claes",
        "birth_date": "2009-05-01",
        "municipality": municipality("12025").pk,
        "national_number": "",
    }
    return {**data, **overrides}


def test_screening_is_due_ten_working_days_after_receipt():
    assert services.add_working_days(datetime.date(2026, 11, 16), 10) == datetime.date(2026, 11, 30)


def test_partner_registers_a_signal(world, client):
    client.force_login(world.users["partner"])
    response = client.post(reverse("intake:signal_create"), form_data(world))
    assert response.status_code == 302
    signal = Signal.objects.latest("id")
    assert signal.subject.last_name == "Claes" and signal.behaviours == ["online", "glorifying"]
    assert signal.screening_due == datetime.date(2026, 11, 30)
    assert AccessLogEntry.objects.filter(object_type="signal", object_id=signal.pk).exists()
    assert "Claes" not in response.url


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"national_number": "85073003329"}, "national_number", "check digits"),
        ({"birth_date": "2099-01-01"}, "birth_date", "cannot be in the future"),
        ({"received_on": "2099-01-01"}, "received_on", "cannot be in the future"),
        ({"behaviours": ["other"]}, "behaviour_other", "Describe the other behaviour"),
        ({"first_name": ""}, "first_name", "required"),
    ],
)
def test_bad_input_gets_a_message_at_the_field(world, client, overrides, field, message):
    client.force_login(world.users["partner"])
    response = client.post(reverse("intake:signal_create"), form_data(world, **overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Signal.objects.filter(subject__isnull=False).exclude(pk=world.signal.pk).exists()


def test_screening_opens_a_case_and_tells_the_reporter_only_the_outcome(world, client):
    signal = register_signal(world, world.users["partner"], world.caw)
    client.force_login(world.users["coordinator"])
    url = reverse("intake:signal_screen", args=[signal.pk])
    missing = client.post(url, {"outcome": "case_opened", "reason": ""})
    assert missing.status_code == 400
    response = client.post(url, {"outcome": "case_opened", "reason": "Escalating talk"})
    signal.refresh_from_db()
    assert signal.status == Signal.Status.CASE_OPENED and signal.case
    assert response.url == reverse("cases:detail", args=[signal.case_id])
    client.force_login(world.users["partner"])
    body = client.get(reverse("intake:signal_list")).content.decode()
    assert signal.reference in body and "Case opened" in body
    assert "Escalating talk" not in body and "Peeters" not in body
    assert client.get(reverse("intake:signal_detail", args=[signal.pk])).status_code == 404


def test_only_the_coordinator_screens(world, client):
    client.force_login(world.users["information_officer"])
    url = reverse("intake:signal_screen", args=[world.signal.pk])
    assert client.post(url, {"outcome": "advised", "reason": "x"}).status_code == 404


def test_a_screened_signal_cannot_be_screened_again(world):
    services.signal_screen(
        user=world.users["coordinator"],
        signal=world.signal,
        outcome="advised",
        reason="Advice to the school",
    )
    with pytest.raises(Exception, match="already been screened"):
        services.signal_screen(
            user=world.users["coordinator"],
            signal=world.signal,
            outcome="withdrawn",
            reason="again",
        )


def test_re_signal_of_a_known_person_is_detected_without_decrypting(world):
    again = register_signal(
        world,
        world.users["information_officer"],
        world.police,
        identity=services.Identity(" jan", "PEETERS", IDENTITY.birth_date, "", None),
    )
    known = selectors.known_matches(signal=again)
    refs = {hit["ref"] for hit in known.same_cell}
    assert world.case.code in refs and world.signal.reference in refs
    assert known.other_cells == []


def test_across_cells_only_hit_or_no_hit(world):
    foreign = register_signal(
        world,
        world.users["foreign_coordinator"],
        world.users["foreign_coordinator"].memberships.get().organisation,
        cell=world.other_cell,
    )
    known = selectors.known_matches(signal=foreign)
    assert known.same_cell == []
    assert known.other_cells == [world.cell.name]


def test_signal_list_query_count_is_constant(world, client, django_assert_num_queries):
    client.force_login(world.users["coordinator"])
    client.get(reverse("intake:signal_list"))
    with django_assert_num_queries(7):
        client.get(reverse("intake:signal_list"))
    for _ in range(5):
        register_signal(world, world.users["partner"], world.caw)
    with django_assert_num_queries(7):
        client.get(reverse("intake:signal_list"))


def test_anonymous_consultation_is_answered_and_converted(world, client):
    client.force_login(world.users["partner"])
    membership = world.users["partner"].memberships.get()
    client.post(
        reverse("intake:consultation_create"),
        {"membership": membership.pk, "question": "A pupil praises attacks online."},
    )
    consultation = world.cell.consultations.get()
    client.force_login(world.users["coordinator"])
    url = reverse("intake:consultation_detail", args=[consultation.pk])
    assert client.post(url, {"answer": ""}).status_code == 200
    client.post(url, {"answer": "Talk with the CLB first."})
    consultation.refresh_from_db()
    assert consultation.answer == "Talk with the CLB first."
    client.force_login(world.users["partner"])
    assert "Talk with the CLB first." in client.get(url).content.decode()
    client.force_login(world.users["other_partner"])
    assert client.get(url).status_code == 404


def test_consultation_list_query_count_is_constant(world, client, django_assert_num_queries):
    services.consultation_ask(
        user=world.users["partner"], cell=world.cell, organisation=world.caw, question="first"
    )
    client.force_login(world.users["coordinator"])
    url = reverse("intake:consultation_list")
    client.get(url)
    with django_assert_num_queries(6):
        client.get(url)
    for n in range(5):
        services.consultation_ask(
            user=world.users["partner"],
            cell=world.cell,
            organisation=world.caw,
            question=f"question {n}",
        )
    with django_assert_num_queries(6):
        client.get(url)


def test_screening_deadline_skips_belgian_public_holidays():
    # Monday 9 Nov 2026 + 10 working days, with Armistice Day (Wed 11 Nov) in between.
    assert services.add_working_days(datetime.date(2026, 11, 9), 10) == datetime.date(2026, 11, 24)
