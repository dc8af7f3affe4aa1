"""The action-plan pages: bad input is absence or ignored (never a server error), list
pages cost a fixed number of queries, forms show the services' errors at their fields,
edits are locked optimistically, and plans belong to the area of who creates them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from livc.organisations.models import Municipality, Province, Region
from livc.policy import services
from livc.policy.models import Plan

from .conftest import measure_data, plan_data, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, world):
    client.force_login(world.users["flemish_officer"])
    return client


BAD_QUERIES = [
    {"page": "x"},
    {"page": "²"},
    {"page": "-3"},
    {"page": "9" * 30},
    {"level": "galactic"},
    {"status": "<b>"},
    {"level": "²"},
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_filters_on_the_list_are_ignored(officer, world, query):
    response = officer.get(reverse("policy:plan_list"), query)
    assert response.status_code == 200
    assert [p.pk for p in response.context["page"]] == [world.plan.pk]


@pytest.mark.parametrize(
    "query",
    [{"plan": "²"}, {"plan": "x"}, {"plan": "-1"}, {"plan": "0"}, {"plan": "9" * 30}],
)
def test_a_bad_plan_on_the_late_updates_is_absent(officer, query):
    assert officer.get(reverse("policy:overdue"), query).status_code == 404


@pytest.mark.parametrize("page", ["x", "²", "-1", "9" * 30])
def test_a_bad_page_of_late_updates_is_ignored(officer, page):
    assert officer.get(reverse("policy:overdue"), {"page": page}).status_code == 200


@pytest.mark.parametrize(
    "period", ["", "x", "2025-H3", "²025-H1", "2025-h1", "9999-H1", "1900-H1", "2025-H1x"]
)
def test_a_bad_half_year_is_absent(client, world, period):
    client.force_login(world.users["owner"])
    url = reverse("policy:update_submit", args=[world.m1.pk])
    assert client.get(url, {"period": period}).status_code == 404
    assert client.post(f"{url}?period={period}", {}).status_code == 404
    client.force_login(world.users["flemish_officer"])
    if period:
        for name in ("report_pdf", "report_xlsx"):
            report = reverse(f"policy:{name}", args=[world.plan.pk])
            assert client.get(report, {"period": period}).status_code == 404, name


def test_bad_ids_and_statuses_in_paths_are_absent(officer, world):
    for url in (
        "/policy/²/",
        "/policy/0/",
        "/policy/99999999999999999999/",
        "/policy/measures/²/",
        "/policy/recommendations/99999999999999999999/edit/",
        f"/policy/{world.plan.pk}/status/nonsense/",
        f"/policy/{world.plan.pk}/status/draft/",
        f"/policy/measures/{world.m1.pk}/status/planned/",
        f"/policy/measures/{world.m1.pk}/status/%C2%B2/",
    ):
        assert officer.get(url).status_code == 404, url


def test_read_pages_answer_get_and_head_only(officer, world):
    for name, args in (
        ("plan_list", []),
        ("plan_detail", [world.plan.pk]),
        ("measure_detail", [world.m1.pk]),
        ("overdue", []),
        ("report_pdf", [world.plan.pk]),
    ):
        url = reverse(f"policy:{name}", args=args)
        assert officer.head(url).status_code == 200, name
        assert officer.post(url, {}).status_code == 405, name


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, n: int) -> None:
    """More plans, measures and updates: the pinned counts must not move."""
    officer = world.users["flemish_officer"]
    for i in range(n):
        plan = services.plan_create(user=officer, **plan_data(title=f"Plan {i}"))
        axis = services.objective_add(user=officer, plan=plan, kind="axis", code="1", title="Axis")
        for j in range(3):
            services.measure_add(
                user=officer, plan=plan, **measure_data(world, objective=axis, code=f"1.{j}")
            )
        services.plan_transition(user=officer, plan=plan, to_status="adopted", version=1)
        services.recommendation_add(
            user=officer,
            plan=plan,
            source="audit",
            source_reference=f"Audit {i}",
            text="Keep the indicators comparable.",
            issued_on=today(),
            measures=list(plan.measures.all()),
        )


# page: (url builder, role, queries). Session, user, memberships and the page's own reads;
# the charter gate and the navigation read from the cached memberships.
PINNED = {
    "plan_list": (lambda w: reverse("policy:plan_list"), "flemish_officer", 7),
    "overdue": (lambda w: reverse("policy:overdue"), "flemish_officer", 7),
    "my_measures": (lambda w: reverse("policy:my_measures"), "owner", 5),
    "plan_detail": (
        lambda w: reverse("policy:plan_detail", args=[w.plan.pk]),
        "flemish_officer",
        10,
    ),
    "recommendation_list": (
        lambda w: reverse("policy:recommendation_list", args=[w.plan.pk]),
        "flemish_officer",
        6,
    ),
    "measure_detail": (
        lambda w: reverse("policy:measure_detail", args=[w.m1.pk]),
        "owner",
        7,
    ),
}


@pytest.mark.parametrize("page", list(PINNED))
def test_list_pages_cost_a_fixed_number_of_queries(client, world, page):
    url, role, pinned = PINNED[page]
    client.force_login(world.users[role])
    client.get(url(world))  # warm what is not the page's (content types, sessions)
    small = _queries(client, url(world))
    _grow(world, 6)
    for plan in Plan.objects.exclude(pk__in=[world.plan.pk, world.federal_plan.pk]):
        for measure in plan.measures.all():
            measure.owner_id = world.users["owner"].pk
            measure.save(update_fields=["owner"])
    large = _queries(client, url(world))
    assert small == large == pinned, (small, large)


def test_forms_show_the_services_errors_at_their_fields(officer, world):
    response = officer.post(
        reverse("policy:measure_create", args=[world.plan.pk]),
        {
            "objective": world.axis.pk,
            "code": world.m1.code,  # taken
            "title": "Coaching by Jan Peeters",  # a person
            "policy_domain": "welfare",
            "budget": "-3",
            "starts_on": "1890-01-01",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"code", "title", "budget", "starts_on"}


def test_edits_are_locked_optimistically(officer, world):
    url = reverse("policy:plan_edit", args=[world.plan.pk])
    form = officer.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "region": world.plan.region_id,
            "period_start": world.plan.period_start.isoformat(),
            "period_end": world.plan.period_end.isoformat(),
            "approved_on": world.plan.approved_on.isoformat(),
            "title": "First edit",
        }
    )
    assert officer.post(url, data).status_code == 302
    data["title"] = "Second edit on a stale page"
    response = officer.post(url, data)
    assert response.status_code == 400
    assert "Someone else changed this" in response.content.decode()
    world.plan.refresh_from_db()
    assert world.plan.title == "First edit"


def _region(code):
    return Region.objects.get(nis_code=code)


@pytest.mark.parametrize(
    ("role", "changes", "ok"),
    [
        ("federal_officer", {"level": "federal"}, True),
        ("federal_officer", {"level": "flemish"}, False),
        ("flemish_officer", {"level": "federal"}, False),
        ("flemish_officer", {"level": "province", "province": "10000"}, True),  # Antwerp
        ("flemish_officer", {"level": "province", "province": "50000"}, False),  # Hainaut
        ("flemish_officer", {"level": "municipality", "municipality": "12025"}, True),
        ("walloon_officer", {"level": "municipality", "municipality": "63079"}, True),
        ("walloon_officer", {"level": "german_community"}, True),
        ("walloon_officer", {"level": "french_community", "region": "03000"}, True),
        ("walloon_officer", {"level": "french_community", "region": "04000"}, False),
        ("walloon_officer", {"level": "french_community"}, False),  # which region?
    ],
)
def test_officers_create_plans_of_their_own_area(world, role, changes, ok):
    values = dict(changes)
    if "province" in values:
        values["province"] = Province.objects.get(nis_code=values["province"])
    if "municipality" in values:
        values["municipality"] = Municipality.objects.get(nis_code=values["municipality"])
    if "region" in values:
        values["region"] = _region(values["region"])
    call = lambda: services.plan_create(user=world.users[role], **plan_data(**values))  # noqa: E731
    if ok:
        plan = call()
        assert plan.status == "draft"
    else:
        with pytest.raises(Exception, match="another area|Choose the region"):
            call()


def test_plan_dates_and_texts_are_checked(world):
    officer = world.users["flemish_officer"]
    with pytest.raises(Exception) as error:
        services.plan_create(
            user=officer,
            **plan_data(
                period_end=datetime.date(2000, 1, 1),
                approved_on=today() + datetime.timedelta(days=3),
                description="Contact jan.peeters@example.be for details.",
                province=Province.objects.first(),
            ),
        )
    assert set(error.value.error_dict) == {"period_end", "approved_on", "description", "province"}


def test_the_xlsx_report(officer, world):
    from io import BytesIO

    from openpyxl import load_workbook

    services.measure_update(
        user=world.users["flemish_officer"],
        measure=world.m1,
        version=world.m1.version,
        title="=SUM(1;2)",
    )
    period = world.m1.updates.order_by("year", "half").first()
    code = f"{period.year}-H{period.half}"
    response = officer.get(reverse("policy:report_xlsx", args=[world.plan.pk]), {"period": code})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'-{code}.xlsx"')
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Overview", "Measures", "Overdue updates"]
    overview = list(book["Overview"].values)
    assert overview[0][:2] == ("code", "axis or objective")
    assert overview[1][0] == "1" and overview[1][3] == 1  # axis 1: one measure reported ongoing
    measures = list(book["Measures"].values)
    assert measures[1][2].startswith("'=")  # formula neutralised
    assert measures[1][12] == 40 and measures[1][14] == 20000
    overdue = list(book["Overdue updates"].values)
    assert len(overdue) - 1 == len(
        [r for r in overdue[1:] if r[0] in (world.m1.code, world.m2.code)]
    )


def test_the_pdf_report_is_tagged_with_title_and_language(officer, world):
    from io import BytesIO

    from pypdf import PdfReader

    response = officer.get(reverse("policy:report_pdf", args=[world.plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    assert "Half-yearly progress report" in reader.metadata.title
    text = "".join(page.extract_text() for page in reader.pages)
    assert world.m1.title in text and "Updates overdue" in text
