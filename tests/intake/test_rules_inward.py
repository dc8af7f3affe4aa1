"""Part E · rules inward (finding 1): the services of intake enforce every rule themselves,
whoever calls them (a form, the API, a script): who may act (NotFound / Refused) and what
is plausible (ValidationError keyed by argument name)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from livc.access.errors import NotFound, Refused
from livc.intake import services
from livc.intake.models import Signal

from ..casework import IDENTITY, build_world, join, register_signal
from ..charters.conftest import fresh, publish
from ..factories import municipality

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 4)


@pytest.fixture
def world():
    return build_world()


def register(world, who="partner", organisation=None, identity=None, **overrides):
    user = world.users[who]
    identity = identity or {}
    arguments = {
        "user": user,
        "cell": world.cell,
        "organisation": organisation or world.caw,
        "identity": services.Identity(
            identity.get("first_name", IDENTITY.first_name),
            identity.get("last_name", IDENTITY.last_name),
            identity.get("birth_date", IDENTITY.birth_date),
            identity.get("national_number", ""),
            identity.get("municipality", municipality("12025")),
        ),
        "received_on": datetime.date(2026, 11, 2),
        "observation": "Talks about violence at school.",
        "behaviours": ["us_vs_them"],
        "behaviour_other": "",
        "phenomenon": "right_wing",
        "prevention_level": "secondary",
        "urgency": "normal",
        "today": TODAY,
        **overrides,
    }
    return services.signal_register(**arguments)


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# Registering ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["dpo", "supervisor", "administrator", "foreign_coordinator"])
def test_a_user_without_a_reporting_role_in_the_cell_is_refused(world, who):
    before = Signal.objects.count()
    with pytest.raises(Refused):
        register(world, who=who)
    assert Signal.objects.count() == before


def test_a_reporter_reports_only_for_their_own_organisation(world):
    errors = errors_of(lambda: register(world, organisation=world.police))
    assert list(errors) == ["organisation"]


@pytest.mark.parametrize(
    ("overrides", "identity", "field", "message"),
    [
        ({"received_on": datetime.date(2999, 1, 1)}, {}, "received_on", "in the future"),
        ({"received_on": datetime.date(1899, 12, 31)}, {}, "received_on", "cannot be before"),
        ({"received_on": None}, {}, "received_on", "Give the date"),
        ({"behaviours": ["other"]}, {}, "behaviour_other", "Describe the other behaviour"),
        ({"behaviours": ["other"], "behaviour_other": "  "}, {}, "behaviour_other", "Describe"),
        ({"behaviours": ["astrology"]}, {}, "behaviours", "from the list"),
        ({"observation": " "}, {}, "observation", "Describe what was observed"),
        ({"phenomenon": "ethnicity"}, {}, "phenomenon", "Choose the phenomenon"),
        ({"prevention_level": "x"}, {}, "prevention_level", "Choose"),
        ({"urgency": "panic"}, {}, "urgency", "Choose"),
        ({"reporter_type": "robot"}, {}, "reporter_type", "Choose"),
        ({}, {"national_number": "12345"}, "national_number", "11 digits"),
        ({}, {"national_number": "85073003329"}, "national_number", "check digits"),
        ({}, {"national_number": "85073003328"}, "national_number", "does not match"),
        ({}, {"birth_date": datetime.date(2999, 1, 1)}, "birth_date", "in the future"),
        ({}, {"birth_date": datetime.date(1850, 1, 1)}, "birth_date", "cannot be before"),
        ({}, {"birth_date": None}, "birth_date", "Give the birth date"),
        ({}, {"first_name": " "}, "first_name", "first name"),
        ({}, {"last_name": ""}, "last_name", "last name"),
        ({}, {"municipality": None}, "municipality", "municipality"),
    ],
)
def test_implausible_input_is_refused_at_its_field(world, overrides, identity, field, message):
    before = Signal.objects.count()
    errors = errors_of(lambda: register(world, identity=identity, **overrides))
    assert field in errors and message in " ".join(errors[field])
    assert Signal.objects.count() == before


def test_every_problem_is_reported_at_once(world):
    errors = errors_of(
        lambda: register(
            world,
            identity={"national_number": "12345"},
            received_on=datetime.date(2999, 1, 1),
            behaviours=["other"],
        )
    )
    assert {"received_on", "behaviour_other", "national_number"} <= set(errors)


def test_a_valid_national_number_is_stored_as_its_eleven_digits(world):
    signal = register(
        world,
        identity={"birth_date": datetime.date(1985, 7, 30), "national_number": "85.07.30-033.28"},
    )
    assert signal.subject.national_number == "85073003328"


# Converting a consultation ------------------------------------------------------------------


@pytest.fixture
def consultation(world):
    return services.consultation_ask(
        user=world.users["partner"], cell=world.cell, organisation=world.caw, question="Advice?"
    )


def coordinator_registers(world, consultation, **overrides):
    return register(
        world,
        who="coordinator",
        organisation=world.users["coordinator"].memberships.get().organisation,
        consultation=consultation,
        **overrides,
    )


def test_the_coordinator_turns_a_consultation_into_a_signal_once(world, consultation):
    signal = coordinator_registers(world, consultation)
    consultation.refresh_from_db()
    assert consultation.signal == signal
    errors = errors_of(lambda: coordinator_registers(world, consultation))
    assert "already turned into a signal" in " ".join(errors["consultation"])


def test_the_asker_cannot_turn_their_consultation_into_a_signal(world, consultation):
    with pytest.raises(Refused):
        register(world, consultation=consultation)


def test_nobody_outside_the_cell_converts_it(world, consultation):
    foreign = world.users["foreign_coordinator"]
    with pytest.raises(NotFound):
        services.signal_register(
            user=foreign,
            cell=world.other_cell,
            organisation=foreign.memberships.get().organisation,
            identity=services.Identity("A", "B", datetime.date(2000, 1, 1), "", municipality()),
            received_on=TODAY,
            observation="x",
            behaviours=[],
            behaviour_other="",
            phenomenon="other",
            prevention_level="primary",
            urgency="normal",
            consultation=consultation,
        )


def test_a_consultation_becomes_a_signal_of_its_own_cell_only(world, consultation):
    coordinator = world.users["coordinator"]
    city = coordinator.memberships.get().organisation
    join(coordinator, "coordinator", world.other_cell, city)
    errors = errors_of(
        lambda: services.signal_register(
            user=fresh(coordinator),
            cell=world.other_cell,
            organisation=city,
            identity=services.Identity("A", "B", datetime.date(2000, 1, 1), "", municipality()),
            received_on=TODAY,
            observation="x",
            behaviours=[],
            behaviour_other="",
            phenomenon="other",
            prevention_level="primary",
            urgency="normal",
            consultation=consultation,
        )
    )
    assert "another cell" in " ".join(errors["consultation"])


# Screening -----------------------------------------------------------------------------------


def screen(world, who, **overrides):
    arguments = {"signal": world.signal, "outcome": "advised", "reason": "Advice to the school"}
    return services.signal_screen(user=world.users[who], **{**arguments, **overrides})


def test_the_information_officer_reads_but_does_not_screen(world):
    with pytest.raises(Refused):
        screen(world, "information_officer")


@pytest.mark.parametrize("who", ["partner", "chair", "dpo", "foreign_coordinator", "supervisor"])
def test_who_cannot_read_the_signal_cannot_screen_it(world, who):
    with pytest.raises(NotFound):
        screen(world, who)
    world.signal.refresh_from_db()
    assert world.signal.status == Signal.Status.RECEIVED


def test_a_coordinator_with_a_charter_to_accept_cannot_screen(world):
    publish(world, by="coordinator")  # publishing is not accepting
    with pytest.raises(NotFound):
        services.signal_screen(
            user=fresh(world.users["coordinator"]),
            signal=world.signal,
            outcome="advised",
            reason="x",
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"outcome": "in_screening"}, "outcome"),
        ({"outcome": "closed"}, "outcome"),
        ({"reason": "  "}, "reason"),
    ],
)
def test_the_decision_itself_is_checked(world, overrides, field):
    errors = errors_of(lambda: screen(world, "coordinator", **overrides))
    assert field in errors


def test_an_existing_case_must_be_an_open_case_of_the_cell(world):
    foreign = register_signal(
        world,
        world.users["foreign_coordinator"],
        world.users["foreign_coordinator"].memberships.get().organisation,
        cell=world.other_cell,
    )
    other_case = services.signal_screen(
        user=world.users["foreign_coordinator"], signal=foreign, outcome="case_opened", reason="x"
    ).case
    errors = errors_of(
        lambda: screen(world, "coordinator", outcome="case_opened", existing_case=other_case)
    )
    assert "open case of this cell" in " ".join(errors["existing_case"])
    errors = errors_of(lambda: screen(world, "coordinator", existing_case=world.case))
    assert "existing_case" in errors
    screened = screen(world, "coordinator", outcome="case_opened", existing_case=world.case)
    assert screened.case == world.case


def test_screening_takes_the_clock_it_is_given(world):
    moment = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
    screened = screen(world, "coordinator", now=moment)
    assert screened.screened_at == moment


# Consultations -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["dpo", "supervisor", "foreign_coordinator"])
def test_only_reporters_of_the_cell_ask_for_advice(world, who):
    user = world.users[who]
    with pytest.raises(Refused):
        services.consultation_ask(
            user=user, cell=world.cell, organisation=world.caw, question="Advice?"
        )


def test_a_question_is_needed(world):
    errors = errors_of(
        lambda: services.consultation_ask(
            user=world.users["partner"], cell=world.cell, organisation=world.caw, question=" "
        )
    )
    assert "question" in errors


def test_only_the_coordinator_answers_and_only_once(world, consultation):
    with pytest.raises(Refused):
        services.consultation_answer(
            user=world.users["partner"], consultation=consultation, answer="Myself"
        )
    for who in ("foreign_coordinator", "information_officer", "chair"):
        with pytest.raises(NotFound):
            services.consultation_answer(
                user=world.users[who], consultation=consultation, answer="x"
            )
    services.consultation_answer(
        user=world.users["coordinator"], consultation=consultation, answer="Talk to the CLB."
    )
    with pytest.raises(ValidationError, match="already been answered"):
        services.consultation_answer(
            user=world.users["coordinator"], consultation=consultation, answer="Again"
        )
    consultation.refresh_from_db()
    assert consultation.answer == "Talk to the CLB."
