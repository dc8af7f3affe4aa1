"""Conference rules in the services: dates, minutes that cannot be missing, pages that only
read answer GET and HEAD, and the demo's conferences built through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from livc.access.errors import NotFound
from livc.audit.models import AccessLogEntry
from livc.conferences import services
from livc.conferences.models import AgendaItem, Attendance, Conference, Minutes
from livc.organisations.models import Organisation, Role

from ..casework import build_world, join
from ..factories import CellFactory, OrganisationFactory, UserFactory
from .helpers import attest, conference_world, plan

pytestmark = pytest.mark.django_db
S = Conference.Status


@pytest.fixture
def world():
    return conference_world()


def _moment(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# Dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [datetime.date(1850, 5, 1), datetime.date(2200, 5, 1)])
def test_a_conference_in_1850_or_2200_is_refused(day):
    world = build_world()
    with pytest.raises(ValidationError) as refused:
        services.conference_plan(
            user=world.users["coordinator"],
            cell=world.cell,
            starts_at=_moment(day),
            ends_at=_moment(day, 16),
            place="Town hall",
        )
    assert "starts_at" in refused.value.message_dict
    assert not Conference.objects.exists()


def test_the_planning_form_shows_the_services_answer_at_the_date(client):
    world = build_world()
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("conferences:create"),
        {
            "cell": world.cell.pk,
            "date": "1850-05-01",
            "starts": "14:00",
            "ends": "16:00",
            "place": "Town hall",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date"]


def test_minutes_with_a_review_or_an_action_due_centuries_ahead_are_refused(world):
    item = world.held.items.get()
    coordinator = world.users["coordinator"]
    with pytest.raises(ValidationError) as refused:
        services.minutes_save(
            user=coordinator,
            item=item,
            decisions="Decided",
            next_review_on=datetime.date(2200, 1, 1),
            actions=[],
        )
    assert "next_review_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.minutes_save(
            user=coordinator,
            item=item,
            decisions="Decided",
            next_review_on=None,
            actions=[services.ActionLine(world.caw, "Visit", datetime.date(1800, 1, 1))],
        )
    assert "actions" in refused.value.message_dict


def test_the_database_refuses_a_conference_that_ends_before_it_starts(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Conference.objects.filter(pk=world.planned.pk).update(ends_at=world.planned.starts_at)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_data_migration_gives_such_a_conference_an_end():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("conferences", "0001_initial")])
    old = executor.loader.project_state([("conferences", "0001_initial")]).apps
    cell = old.get_model("organisations", "Cell").objects.create(name="Old cell", code="OLD")
    starts = _moment(datetime.date(2025, 3, 1))
    broken = old.get_model("conferences", "Conference").objects.create(
        cell=cell, starts_at=starts, ends_at=starts - datetime.timedelta(hours=1), place="Hall"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Conference.objects.get(pk=broken.pk).ends_at == starts + datetime.timedelta(hours=1)


# Minutes PDF never fails on missing minutes ------------------------------------------------


def _approved_without_minutes(world) -> Conference:
    """An approved conference whose item has no minutes: what the monitoring demo wrote
    with the ORM, around the approval service that forbids it."""
    day = timezone.localdate() - datetime.timedelta(days=20)
    conference = Conference.objects.create(
        cell=world.cell, starts_at=_moment(day), ends_at=_moment(day, 16), place="Demo",
        status=S.MINUTES_APPROVED,
    )  # fmt: skip
    AgendaItem.objects.create(conference=conference, case=world.case, position=1)
    Attendance.objects.create(conference=conference, user=world.users["coordinator"])
    return conference


def test_an_item_without_minutes_is_exported_as_no_minutes(client):
    world = build_world()
    conference = _approved_without_minutes(world)
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("conferences:pdf", args=[conference.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    export = AccessLogEntry.objects.get(action="export", case_id=world.case.pk)
    assert export.object_type == "conference_item"


def test_the_minutes_pdf_says_so_when_an_item_has_no_minutes():
    from livc.conferences import pdf

    world = build_world()
    conference = _approved_without_minutes(world)
    items = list(conference.items.all())
    html = pdf.minutes_html(conference=conference, attendee=world.users["coordinator"], items=items)
    assert "No minutes were written for this item." in html


def _demo_cell():
    """A cell the monitoring demo fills (its code is one of the demo's), with its members."""
    cell = CellFactory(code="MEC", serves=["12025"])
    city = OrganisationFactory(name="City", type=Organisation.Type.PREVENTION)
    police = OrganisationFactory(name="Police", type=Organisation.Type.POLICE)
    caw = OrganisationFactory(name="CAW")
    clb = OrganisationFactory(name="CLB", type=Organisation.Type.CLB)
    users = {
        "coordinator": join(UserFactory(), Role.COORDINATOR, cell, city),
        "chair": join(UserFactory(), Role.CHAIR, cell, city),
        "information_officer": join(UserFactory(), Role.INFORMATION_OFFICER, cell, police),
        "partner": join(UserFactory(), Role.PARTNER, cell, caw),
        "other_partner": join(UserFactory(), Role.PARTNER, cell, clb),
    }
    return cell, users


def test_the_demos_approved_conferences_have_minutes_and_a_pdf_for_attendees(client, monkeypatch):
    from livc.monitoring import demo

    monkeypatch.setattr(demo, "SIGNALS_PER_CELL", 16)
    cell, users = _demo_cell()
    demo.seed_monitoring_history()
    approved = Conference.objects.filter(cell=cell, status=S.MINUTES_APPROVED)
    assert approved.exists()
    assert not AgendaItem.objects.filter(conference__in=approved, minutes__isnull=True).exists()
    assert Minutes.objects.filter(item__conference__in=approved).exists()
    # Dated rows are those of the meetings, in the past.
    assert all(c.status_changes.last().at < timezone.now() for c in approved)
    checked = 0
    for conference in approved:
        for attendance in conference.attendances.select_related("user"):
            user = attendance.user
            services.attestation_record(user=user, conference=conference)
            client.force_login(user)
            response = client.get(reverse("conferences:pdf", args=[conference.pk]))
            assert response.status_code == 200, (conference.pk, user.full_name)
            checked += 1
        if checked >= 6:
            break
    assert checked


# Read-only pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "which"),
    [("list", None), ("detail", "planned"), ("pdf", "approved"), ("ics", "planned")],
)
def test_read_only_pages_answer_get_and_head_only(world, client, name, which):
    client.force_login(world.users["coordinator"])
    args = [getattr(world, which).pk] if which else None
    url = reverse(f"conferences:{name}", args=args)
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    assert client.post(url, {}).status_code == 405


# Logged reads -------------------------------------------------------------------------------


def test_the_minutes_form_that_comes_back_with_errors_logs_the_item(world, client):
    item = world.held.items.get()
    client.force_login(world.users["coordinator"])
    before = AccessLogEntry.objects.filter(case_id=item.case_id, action="view").count()
    response = client.post(reverse("conferences:minutes", args=[world.held.pk, item.pk]), {})
    assert response.status_code == 400
    after = AccessLogEntry.objects.filter(case_id=item.case_id, action="view").count()
    assert after == before + 1


def test_an_invitee_attests_only_conferences_they_see():
    world = build_world()
    conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
    attest(world, conference, "partner")
    with pytest.raises(NotFound):
        services.attestation_record(user=world.users["colleague"], conference=conference)
