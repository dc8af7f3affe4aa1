"""The case rules live in the services (and the database), not in forms or pages: a client
that posts directly, or code that calls a service, meets the same rules as the page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from livc.access.errors import Refused
from livc.cases import selectors, services
from livc.cases.models import Case, Participant

from ..casework import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def close(world):
    case = world.case
    services.case_close(
        user=world.users["coordinator"],
        case=case,
        version=case.version,
        reason="goals_reached",
        outcome="improved",
    )
    return case


# a. Inviting to a closed case ------------------------------------------------------------


def test_a_closed_case_takes_no_new_participants(world):
    case = close(world)
    with pytest.raises(ValidationError, match="closed case takes no new participants"):
        services.participant_invite(
            user=world.users["coordinator"],
            case=case,
            organisation=world.clb,
            members=[world.users["other_partner"]],
        )
    assert not case.participants.filter(organisation=world.clb).exists()


def test_a_posted_invitation_to_a_closed_case_is_refused(world, client):
    case = close(world)
    client.force_login(world.users["coordinator"])
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert "invite_form" not in page.context and not page.context["actions"].invite
    response = client.post(
        reverse("cases:invite", args=[case.pk]),
        {"organisation": world.clb.pk, "members": [world.users["other_partner"].pk]},
    )
    assert response.status_code == 400
    assert "closed case takes no new participants" in response.content.decode()
    assert not case.participants.filter(organisation=world.clb).exists()


def test_only_partners_and_information_officers_are_named(world):
    city = world.users["dpo"].memberships.get().organisation
    with pytest.raises(ValidationError) as refused:
        services.participant_invite(
            user=world.users["coordinator"],
            case=world.case,
            organisation=city,
            members=[world.users["dpo"]],
        )
    assert "members" in refused.value.message_dict


# b. Informed date or reason, in the service and in the database --------------------------


def test_informed_date_and_reason_together_are_refused_by_the_service(world):
    case = world.case
    with pytest.raises(ValidationError) as refused:
        services.case_update(
            user=world.users["coordinator"],
            case=case,
            version=case.version,
            informed_on=case.opened_on,
            not_informed_reason="Would endanger a sibling",
        )
    assert "not_informed_reason" in refused.value.message_dict
    case.refresh_from_db()
    assert case.informed_on is None and case.not_informed_reason == ""


def test_a_partial_update_is_checked_against_what_the_case_keeps(world):
    case = world.case
    coordinator = world.users["coordinator"]
    services.case_update(
        user=coordinator, case=case, version=case.version, not_informed_reason="Too early"
    )
    with pytest.raises(ValidationError):
        services.case_update(
            user=coordinator, case=case, version=case.version, informed_on=case.opened_on
        )


def test_the_edit_page_shows_the_services_answer_at_the_field(world, client):
    case = world.case
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {
            "phenomenon": case.phenomenon,
            "prevention_level": case.prevention_level,
            "consent": "",
            "informed_on": case.opened_on.isoformat(),
            "not_informed_reason": "Would endanger a sibling",
            "version": case.version,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["not_informed_reason"]


@pytest.mark.parametrize(
    "fields",
    [
        {"informed_on": datetime.date(2026, 1, 5), "not_informed_reason": "Both"},
        {"closed_on": datetime.date(2026, 1, 5)},  # not closed
        {"closure_reason": "goals_reached"},
        {"ltf_checked_on": datetime.date(2026, 1, 5)},  # a date without an answer
    ],
    ids=["informed-and-reason", "closed-on-open-case", "closure-reason", "ltf-date-only"],
)
def test_the_database_refuses_rows_that_break_an_invariant(world, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=world.case.pk).update(**fields)


def test_the_database_refuses_a_reason_on_an_organisation_that_did_not_decline(world):
    participant = world.case.participants.get(organisation=world.caw)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=participant.pk).update(decline_reason="Why not")


# Migrating needs real transactions; the reference data (municipalities) are restored first.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_data_migration_repairs_rows_before_the_constraints_apply():
    """Rows written before the constraints (a direct write could break the rules the forms
    kept) are brought in line, with historical models, so that the migration applies."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("cases", "0001_initial")])
    old = executor.loader.project_state([("cases", "0001_initial")]).apps
    Cell, Subject = old.get_model("organisations", "Cell"), old.get_model("cases", "Subject")
    Case_, Participant_ = old.get_model("cases", "Case"), old.get_model("cases", "Participant")
    Organisation = old.get_model("organisations", "Organisation")
    Municipality = old.get_model("organisations", "Municipality")
    cell = Cell.objects.create(name="Old cell", code="OLD")
    if not Municipality.objects.filter(nis_code="12025").exists():
        # A transactional test that ran before flushed the reference data: load it again,
        # exactly as the organisations data migration does.
        from importlib import import_module

        import_module("livc.organisations.migrations.0002_load_reference_data").load(old, None)
    place = Municipality.objects.get(nis_code="12025")
    subject = Subject.objects.create(cell=cell, municipality=place, name_index="x")
    broken = Case_.objects.create(
        cell=cell, code="OLD-1", subject=subject, phase="active", phenomenon="other",
        prevention_level="primary", opened_on=datetime.date(2025, 3, 1),
        informed_on=datetime.date(2025, 3, 2), not_informed_reason="Both given",
        closed_on=datetime.date(2025, 4, 1), closure_reason="other", closure_outcome="stable",
        ltf_checked_on=datetime.date(2025, 3, 3),
    )  # fmt: skip
    organisation = Organisation.objects.create(name="Old org", type="caw", municipality=place)
    invited = Participant_.objects.create(
        case=broken, organisation=organisation, status="invited", decline_reason="Stale"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    repaired = Case.objects.get(pk=broken.pk)
    assert repaired.informed_on == datetime.date(2025, 3, 2)  # the recorded fact stays
    assert repaired.not_informed_reason == ""
    assert (repaired.closed_on, repaired.closure_reason, repaired.closure_outcome) == (None, "", "")
    assert repaired.ltf_checked_on is None
    assert Participant.objects.get(pk=invited.pk).decline_reason == ""


# d. The case director ---------------------------------------------------------------------


def test_the_director_list_offers_only_named_members_of_participating_organisations(world):
    offered = set(selectors.case_director_choices(case=world.case))
    users = world.users
    # CAW (partner named) and police (information officer named) take part; OCMW declined.
    assert offered == {users["partner"], users["information_officer"]}


def test_the_edit_page_offers_no_dpo_and_no_outsider(world, client):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("cases:edit", args=[world.case.pk]))
    offered = set(response.context["form"].fields["case_director"].queryset)
    for who in ("dpo", "colleague", "other_partner", "left_partner", "chair", "coordinator"):
        assert world.users[who] not in offered, who


@pytest.mark.parametrize("who", ["dpo", "colleague", "other_partner", "left_partner", "chair"])
def test_the_service_refuses_any_other_director(world, who):
    case = world.case
    with pytest.raises(ValidationError) as refused:
        services.case_update(
            user=world.users["coordinator"],
            case=case,
            version=case.version,
            case_director=world.users[who],
        )
    assert "case_director" in refused.value.message_dict


def test_a_named_member_directs_and_keeps_directing_through_other_edits(world):
    case, coordinator, partner = world.case, world.users["coordinator"], world.users["partner"]
    services.case_update(user=coordinator, case=case, version=case.version, case_director=partner)
    # The partner's organisation leaves; the director stays until someone changes it.
    case.participants.filter(organisation=world.caw).update(status="declined")
    services.case_update(user=coordinator, case=case, version=case.version, consent="given")
    case.refresh_from_db()
    assert case.case_director == partner and case.consent == "given"


# e. Implausible dates ---------------------------------------------------------------------


def test_dates_before_1900_or_in_the_future_are_refused_where_they_are_recorded(world):
    case, coordinator = world.case, world.users["coordinator"]
    officer = world.users["information_officer"]
    future = timezone.localdate() + datetime.timedelta(days=1)
    for day in (datetime.date(1899, 12, 31), future):
        with pytest.raises(ValidationError) as refused:
            services.ltf_record(user=officer, case=case, known=True, checked_on=day)
        assert "checked_on" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            services.case_update(user=coordinator, case=case, version=case.version, informed_on=day)
        assert "informed_on" in refused.value.message_dict
    checkin = case.checkins.create(due_on=case.opened_on)
    with pytest.raises(ValidationError) as refused:
        services.checkin_done(user=coordinator, checkin=checkin, done_on=datetime.date(1850, 1, 1))
    assert "done_on" in refused.value.message_dict
    checkin.refresh_from_db()
    assert checkin.done_on is None


def test_a_check_in_dated_1850_comes_back_at_the_field(world, client):
    checkin = world.case.checkins.create(due_on=world.case.opened_on)
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("cases:checkin_done", args=[world.case.pk, checkin.pk]), {"done_on": "1850-01-01"}
    )
    assert response.status_code == 400
    assert response.context["checkin_form"].errors["done_on"]


# c. Refusals: who (the full matrix is test_service_matrix) -------------------------------


def test_a_partner_cannot_change_the_phase_of_a_case_they_read(world):
    case = world.case
    with pytest.raises(Refused):
        services.case_change_phase(
            user=world.users["partner"], case=case, to_phase="active", version=case.version
        )
    case.refresh_from_db()
    assert case.phase == "preparation"


def test_a_partner_accepting_twice_changes_nothing_and_a_declined_one_cannot(world):
    participant = world.case.participants.get(organisation=world.caw)
    partner = world.users["partner"]
    services.participant_accept(user=partner, participant=participant)
    services.participant_accept(user=partner, participant=participant)
    assert participant.status == "participating"
    services.participant_decline(user=partner, participant=participant, reason="No capacity")
    with pytest.raises(ValidationError):
        services.participant_accept(user=partner, participant=participant)
