"""Data-subject requests: recording, deciding (with validation), due dates, overdue
flags, and the DPO's list without content."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from livc.access.errors import NotFound
from livc.audit.models import AccessLogEntry
from livc.organisations.models import Role
from livc.subjectaccess import services
from livc.subjectaccess.models import SubjectRequest

from ..casework import join
from ..factories import CellFactory, OrganisationFactory
from .conftest import today

pytestmark = pytest.mark.django_db

SECRET = "Please correct my address: Kerkstraat 12"


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def make(world, received_on=None, subject=None, kind="rectification", **kw) -> SubjectRequest:
    return services.request_create(
        user=world.users["coordinator"], cell=world.cell, kind=kind,
        received_on=received_on or today(), description=kw.get("description", SECRET),
        subject=subject,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 15)),
        (datetime.date(2026, 3, 31), datetime.date(2026, 4, 30)),
    ],
)
def test_answer_is_due_one_month_after_receipt(received, due):
    assert services.one_month_after(received) == due


def test_coordinator_records_a_request_for_a_person(client, world):
    subject = world.signal.subject
    client.force_login(world.users["coordinator"])
    url = reverse("subjectaccess:subject_request_create", args=[subject.pk])
    assert "cell" not in client.get(url).context["form"].fields
    received = days(-3)
    response = client.post(
        url, {"kind": "rectification", "received_on": received, "description": SECRET}
    )
    request = SubjectRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("subjectaccess:request", args=[request.pk])
    assert (request.subject, request.cell, request.handled_by) == (
        subject, world.cell, world.users["coordinator"],
    )  # fmt: skip
    assert request.due_on == services.one_month_after(received)
    assert request.is_pending and request.description == SECRET
    entry = AccessLogEntry.objects.get(object_type="subject_request")
    assert (entry.action, entry.object_id, entry.object_ref) == (
        "create",
        request.pk,
        f"SR-{request.pk:06d}",
    )
    # Encrypted at rest.
    with connection.cursor() as cursor:
        table = SubjectRequest._meta.db_table
        cursor.execute(f"SELECT description FROM {table}")  # noqa: S608
        assert "Kerkstraat" not in cursor.fetchone()[0]


def test_a_request_without_records_needs_one_of_the_coordinators_cells(client, world):
    client.force_login(world.users["coordinator"])
    url = reverse("subjectaccess:request_create")
    form = client.get(url).context["form"]
    assert list(form.fields["cell"].queryset) == [world.cell]
    data = {"kind": "access", "received_on": today(), "description": "What do you hold?"}
    refused = client.post(url, data | {"cell": world.other_cell.pk})
    assert refused.status_code == 400 and refused.context["form"].errors["cell"]
    assert client.post(url, data | {"cell": world.cell.pk}).status_code == 302
    assert SubjectRequest.objects.get().subject is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"received_on": "2017-01-01"}, "received_on"),
        ({"description": "  "}, "description"),
        ({"kind": "complaint"}, "kind"),
    ],
)
def test_bad_request_input_comes_back_at_the_field(client, world, data, field):
    client.force_login(world.users["coordinator"])
    url = reverse("subjectaccess:subject_request_create", args=[world.signal.subject.pk])
    base = {"kind": "erasure", "received_on": today(), "description": "Erase me"}
    response = client.post(url, base | data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not SubjectRequest.objects.exists()


def test_service_refuses_a_person_of_another_cell(world):
    coordinator = world.users["coordinator"]
    second = CellFactory()
    join(coordinator, Role.COORDINATOR, second, coordinator.memberships.first().organisation)
    with pytest.raises(ValidationError):
        services.request_create(
            user=type(coordinator).objects.get(pk=coordinator.pk), cell=second, kind="access",
            received_on=today(), description="x", subject=world.signal.subject,
        )  # fmt: skip


def test_service_refuses_a_cell_the_user_does_not_coordinate(world):
    """Rules inward: the service checks its policy itself, whoever calls it."""
    with pytest.raises(NotFound):
        services.request_create(
            user=world.users["coordinator"], cell=CellFactory(), kind="access",
            received_on=today(), description="x",
        )  # fmt: skip
    with pytest.raises(NotFound):
        services.request_create(
            user=world.users["partner"], cell=world.cell, kind="access",
            received_on=today(), description="x",
        )  # fmt: skip


def decide(client, world, request, **data):
    client.force_login(world.users["coordinator"])
    url = reverse("subjectaccess:request_decide", args=[request.pk])
    return client.post(url, {"decided_on": today(), **data})


@pytest.mark.parametrize("decision", ["refused", "partially"])
def test_refusing_needs_a_reason(client, world, decision):
    request = make(world, subject=world.signal.subject)
    response = decide(client, world, request, decision=decision, decision_reason=" ")
    assert response.status_code == 400
    assert response.context["decision_form"].errors["decision_reason"]
    request.refresh_from_db()
    assert request.is_pending


@pytest.mark.parametrize(
    ("decided_on", "message"),
    [(-10, "before the request was received"), (1, "future")],
)
def test_decision_date_lies_between_receipt_and_today(client, world, decided_on, message):
    request = make(world, received_on=days(-5))
    response = decide(client, world, request, decision="granted", decided_on=days(decided_on))
    assert response.status_code == 400
    assert message in str(response.context["decision_form"].errors["decided_on"])


def test_decision_is_recorded_once(client, world):
    request = make(world, received_on=days(-5))
    response = decide(
        client, world, request, decision="refused", decision_reason="Data are correct"
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.decision, request.decided_on, request.decided_by) == (
        "refused", today(), world.users["coordinator"],
    )  # fmt: skip
    assert request.decision_reason == "Data are correct"
    entry = AccessLogEntry.objects.get(object_type="subject_request", action="transition")
    assert entry.reason == "pending→refused"
    again = decide(client, world, request, decision="granted")
    assert again.status_code == 400
    assert "already been decided" in again.content.decode()
    request.refresh_from_db()
    assert request.decision == "refused"


def test_granted_needs_no_reason(client, world):
    request = make(world)
    assert decide(client, world, request, decision="granted").status_code == 302


def test_overdue_requests_are_flagged_and_filtered(client, world):
    late = make(world, received_on=days(-40))
    on_time = make(world, received_on=days(-5))
    answered = make(world, received_on=days(-50))
    services.request_decide(
        user=world.users["coordinator"], subject_request=answered, decision="granted",
        decided_on=days(-45),
    )  # fmt: skip
    assert late.is_overdue and not on_time.is_overdue and not answered.is_overdue
    client.force_login(world.users["coordinator"])
    url = reverse("subjectaccess:requests")
    assert list(client.get(url).context["page"]) == [late, on_time]  # open, by due date
    assert list(client.get(url, {"state": "overdue"}).context["page"]) == [late]
    assert list(client.get(url, {"state": "decided"}).context["page"]) == [answered]
    assert len(client.get(url, {"state": "all"}).context["page"]) == 3
    assert len(client.get(url, {"state": "nonsense"}).context["page"]) == 2
    assert "overdue" in client.get(url).content.decode()


def test_dpo_sees_the_list_without_content(client, world):
    request = make(world, subject=world.signal.subject)
    client.force_login(world.users["dpo"])
    response = client.get(reverse("subjectaccess:requests"))
    body = response.content.decode()
    assert response.status_code == 200
    assert request.reference in body and "Rectification" in body
    assert "Kerkstraat" not in body and "Peeters" not in body and "Jan" not in body
    assert reverse("subjectaccess:request", args=[request.pk]) not in body
    assert reverse("subjectaccess:request_create") not in body
    assert client.get(reverse("subjectaccess:request", args=[request.pk])).status_code == 404


def test_coordinator_reads_the_request_and_the_read_is_logged(client, world):
    request = make(world, subject=world.signal.subject)
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("subjectaccess:request", args=[request.pk]))
    body = response.content.decode()
    assert SECRET in body and "Jan Peeters" in body
    assert response.context["decision_form"] is not None
    assert AccessLogEntry.objects.filter(
        object_type="subject_request", action="view", object_id=request.pk
    ).exists()


def test_access_request_page_links_to_the_export(client, world):
    request = make(world, subject=world.signal.subject, kind="access")
    client.force_login(world.users["coordinator"])
    body = client.get(reverse("subjectaccess:request", args=[request.pk])).content.decode()
    export = reverse("subjectaccess:export_pdf", args=[world.signal.subject.pk])
    assert f"{export}?request={request.pk}" in body


def test_requests_of_another_cell_stay_out_of_the_list(client, world):
    make(world)
    client.force_login(world.users["foreign_coordinator"])
    assert list(client.get(reverse("subjectaccess:requests")).context["page"]) == []


def test_request_list_costs_the_same_queries_for_many_requests(client, world):
    """Pinned relative to one request, so middleware of other apps does not move it."""
    second = CellFactory()
    join(world.users["coordinator"], "coordinator", second, OrganisationFactory())
    client.force_login(world.users["coordinator"])
    url = reverse("subjectaccess:requests")
    make(world)
    client.get(url)  # the session's first request does one-off work (MFA check, last seen)
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"state": "all"})
    for n in range(1, 30):
        make(world, received_on=days(-n))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"state": "all"})
    assert len(response.context["page"]) == 25
    assert len(many) == len(one)
    own = [q["sql"] for q in many.captured_queries if "subjectaccess" in q["sql"]]
    assert len(own) == 2  # count and page, the cell joined in
