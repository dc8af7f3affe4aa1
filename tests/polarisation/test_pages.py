"""The polarisation pages: list (filters, sorting, paging, empty state, query count),
overview per municipality and intensity, forms with optimistic locking, bad input."""

import pytest
from django.urls import reverse

from livc.organisations.models import CellMunicipality
from livc.polarisation import services
from livc.polarisation.choices import INTENSITY_MEANINGS, Intensity
from livc.polarisation.models import Situation

from ..factories import municipality
from .conftest import days, record_situation, situation_data

pytestmark = pytest.mark.django_db
LIST = reverse("polarisation:list")


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


def _pks(response):
    return [s.pk for s in response.context["page"]]


def test_list_filters_and_sorts(coordinator, world):
    calm = record_situation(
        world, title="Calm one", intensity=1, themes=["sport"], reported_on=days(-30)
    )
    hot = record_situation(
        world, title="Hot one", intensity=4, themes=["sport", "politics"], reported_on=days(-2)
    )
    first = world.situation  # intensity 2, reported 10 days ago
    assert _pks(coordinator.get(LIST)) == [hot.pk, first.pk, calm.pk]
    assert _pks(coordinator.get(LIST, {"sort": "-intensity"})) == [hot.pk, first.pk, calm.pk]
    assert _pks(coordinator.get(LIST, {"sort": "intensity"})) == [calm.pk, first.pk, hot.pk]
    assert _pks(coordinator.get(LIST, {"sort": "reported"})) == [calm.pk, first.pk, hot.pk]
    assert _pks(coordinator.get(LIST, {"intensity": "4"})) == [hot.pk]
    assert _pks(coordinator.get(LIST, {"theme": "sport"})) == [hot.pk, calm.pk]
    assert _pks(coordinator.get(LIST, {"theme": "sport", "intensity": "1"})) == [calm.pk]
    assert _pks(coordinator.get(LIST, {"state": "closed"})) == []
    services.situation_transition(
        user=world.users["coordinator"],
        situation=calm,
        to_state="closed",
        version=calm.version,
        reason="Calm.",
    )
    assert _pks(coordinator.get(LIST, {"state": "closed"})) == [calm.pk]


def test_list_empty_states(client, world):
    client.force_login(world.users["foreign_coordinator"])
    body = client.get(LIST).content.decode()
    assert "No polarisation situations recorded in this cell yet." in body
    client.force_login(world.users["coordinator"])
    body = client.get(LIST, {"state": "closed"}).content.decode()
    assert "No situation matches these filters." in body


@pytest.mark.parametrize(
    "query",
    [
        {"cell": "²"},
        {"cell": "١"},
        {"cell": "x"},
        {"cell": "-1"},
        {"cell": "0"},
        {"cell": "9" * 30},
        {"cell": "999999"},
    ],
)
def test_a_bad_cell_is_absent_never_a_server_error(coordinator, query):
    for name in ("list", "overview", "create"):
        assert coordinator.get(reverse(f"polarisation:{name}"), query).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"page": "x"},
        {"page": "²"},
        {"page": "-3"},
        {"page": "99999"},
        {"intensity": "x"},
        {"intensity": "9"},
        {"intensity": "²"},
        {"state": "nonsense"},
        {"theme": "<b>"},
        {"sort": "password"},
        {"sort": "-"},
        {"sort": ""},
    ],
)
def test_bad_filters_are_ignored(coordinator, world, query):
    response = coordinator.get(LIST, query)
    assert response.status_code == 200
    assert _pks(response) == [world.situation.pk]


def test_bad_ids_in_paths_are_absent(coordinator):
    for url in (
        "/polarisation/²/",
        "/polarisation/0/",
        "/polarisation/99999999999999999999/",
        "/polarisation/interventions/²/edit/",
    ):
        assert coordinator.get(url).status_code == 404, url


def test_the_list_page_costs_a_fixed_number_of_queries(
    coordinator, world, django_assert_num_queries
):
    for n in range(30):
        record_situation(world, title=f"Situation {n}", themes=["sport", "politics"])
    coordinator.get(LIST)  # warm caches that are not the page's (content types, sessions)
    # session, user, memberships, pending charters, the cells to switch to, count, page,
    # themes of the page
    with django_assert_num_queries(8):
        response = coordinator.get(LIST, {"theme": "sport", "sort": "-intensity"})
    assert len(response.context["page"].object_list) == 25
    with django_assert_num_queries(8):
        coordinator.get(LIST, {"page": "2"})


def test_pagination(coordinator, world):
    for n in range(30):
        record_situation(world, title=f"Situation {n}")
    assert len(_pks(coordinator.get(LIST))) == 25
    assert len(_pks(coordinator.get(LIST, {"page": "2"}))) == 6


def test_overview_counts_open_situations_per_municipality_and_intensity(coordinator, world):
    CellMunicipality.objects.create(cell=world.cell, municipality=municipality("12021"))
    record_situation(world, intensity=4)
    record_situation(world, intensity=4, municipality=municipality("12021"))
    closed = record_situation(world, intensity=3)
    services.situation_transition(
        user=world.users["coordinator"],
        situation=closed,
        to_state="closed",
        version=closed.version,
        reason="Over.",
    )
    response = coordinator.get(reverse("polarisation:overview"))
    overview = response.context["overview"]
    rows = {row.municipality.nis_code: row.counts for row in overview.rows}
    assert rows == {"12025": [0, 1, 0, 1], "12021": [0, 0, 0, 1]}
    assert overview.totals == [0, 1, 0, 2]
    assert overview.total == 3
    assert len(overview.situations) == 3
    body = response.content.decode()
    assert "<caption>" in body and 'scope="row"' in body and 'scope="col"' in body
    assert "http://" not in body and "https://" not in body  # no external assets (tiles)


def test_the_intensity_scale_is_on_the_form_and_the_page(coordinator, world):
    form = coordinator.get(reverse("polarisation:create")).content.decode()
    page = coordinator.get(reverse("polarisation:detail", args=[world.situation.pk]))
    for level in Intensity:
        meaning = str(INTENSITY_MEANINGS[level])
        assert meaning in form
        assert meaning in page.content.decode()


def test_create_through_the_form(coordinator, world):
    data = {
        **situation_data(world),
        "municipality": municipality("12025").pk,
        "reported_on": days(-1).isoformat(),
        "next_review_on": days(20).isoformat(),
    }
    response = coordinator.post(reverse("polarisation:create") + f"?cell={world.cell.pk}", data)
    situation = Situation.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("polarisation:detail", args=[situation.pk])
    assert situation.number == 2 and situation.reference == f"POL-{world.cell.code}-0002"
    assert sorted(situation.themes.values_list("theme", flat=True)) == ["identity", "public_space"]


def test_create_refuses_a_municipality_outside_the_cell(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.situation_create(
            user=world.users["coordinator"],
            cell=world.cell,
            **situation_data(world, municipality=municipality("23088")),
        )
    assert list(error.value.message_dict) == ["municipality"]


def test_edit_with_optimistic_locking(coordinator, world):
    situation = world.situation
    url = reverse("polarisation:edit", args=[situation.pk])
    form = coordinator.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["themes"], data["tension_signals"] = ["sport"], ["incidents"]
    data["title"] = "Renamed"
    data = {k: v for k, v in data.items() if v is not None}
    # Someone saves meanwhile.
    services.situation_update(
        user=world.users["coordinator"], situation=situation, version=situation.version, intensity=3
    )
    response = coordinator.post(url, data)
    assert response.status_code == 400
    assert "Someone else changed this situation" in response.content.decode()
    situation.refresh_from_db()
    assert situation.title != "Renamed"
    data["version"] = situation.version
    assert coordinator.post(url, data).status_code == 302
    situation.refresh_from_db()
    assert situation.title == "Renamed"
    assert list(situation.themes.values_list("theme", flat=True)) == ["sport"]


def test_contribution_is_signed_for_the_contributors_organisation(client, world):
    client.force_login(world.users["information_officer"])
    url = reverse("polarisation:contribution_add", args=[world.situation.pk])
    response = client.post(url, {"analysis": "No incidents reported to the police."})
    assert response.status_code == 302
    contribution = world.situation.contributions.latest("pk")
    assert contribution.organisation == world.police
    assert contribution.author == world.users["information_officer"]
    assert contribution.contributed_on == days(0)


def test_interventions_page_and_edit(coordinator, world):
    page = coordinator.get(reverse("polarisation:interventions", args=[world.situation.pk]))
    assert page.status_code == 200
    assert "Dialogue evening" in page.content.decode()
    plan = coordinator.post(
        reverse("polarisation:intervention_plan", args=[world.situation.pk]),
        {
            "kind": "police_presence",
            "description": "Patrols on Friday evenings.",
            "organisation": world.police.pk,
            "starts_on": days(1).isoformat(),
            "ends_on": days(-5).isoformat(),
        },
    )
    assert plan.status_code == 400
    assert "ends_on" in plan.context["form"].errors
    intervention = world.intervention
    url = reverse("polarisation:intervention_edit", args=[intervention.pk])
    form = coordinator.get(url).context["form"]
    assert [c[0] for c in form.fields["status"].choices] == [
        "planned",
        "ongoing",
        "completed",
        "cancelled",
    ]
    response = coordinator.post(
        url,
        {
            "kind": "dialogue",
            "description": "Dialogue evening, second edition.",
            "organisation": world.caw.pk,
            "starts_on": days(7).isoformat(),
            "ends_on": "",
            "status": "ongoing",
            "version": intervention.version,
        },
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert (intervention.status, intervention.description) == (
        "ongoing",
        "Dialogue evening, second edition.",
    )


def test_review_sets_the_next_review(coordinator, world):
    situation = world.situation
    response = coordinator.post(
        reverse("polarisation:review_record", args=[situation.pk]),
        {
            "held_on": days(-1).isoformat(),
            "note": "Calmer.",
            "next_review_on": days(40).isoformat(),
            "version": situation.version,
        },
    )
    assert response.status_code == 302
    situation.refresh_from_db()
    assert situation.next_review_on == days(40)
    assert situation.reviews.get().note == "Calmer."


def test_writes_are_in_the_access_log_with_codes_only(world):
    from livc.audit.models import AccessLogEntry

    entries = AccessLogEntry.objects.filter(object_type__startswith="polarisation")
    assert {(e.object_type, e.action) for e in entries} == {
        ("polarisation_situation", "create"),
        ("polarisation_contribution", "create"),
        ("polarisation_intervention", "create"),
    }
    assert {e.object_ref for e in entries} == {world.situation.reference}
    partner_entry = entries.get(object_type="polarisation_contribution")
    assert (partner_entry.role, partner_entry.organisation_id) == ("partner", world.caw.pk)


def test_the_overview_and_the_interventions_cost_a_fixed_number_of_queries(
    coordinator, world, django_assert_num_queries
):
    def add(n):
        for i in range(n):
            record_situation(world, title=f"Situation {i}", intensity=1 + i % 4)
            services.intervention_plan(
                user=world.users["coordinator"], situation=world.situation, kind="other",
                description=f"Step {i}", organisation=world.caw, starts_on=days(i),
            )  # fmt: skip

    overview = reverse("polarisation:overview")
    interventions = reverse("polarisation:interventions", args=[world.situation.pk])
    coordinator.get(overview)
    add(2)
    # session, user, memberships, pending charters, cells, counts, municipalities, situations
    with django_assert_num_queries(8):
        coordinator.get(overview)
    # session, user, memberships, pending charters, situation, interventions, organisations
    # (the plan form's choices)
    with django_assert_num_queries(7):
        coordinator.get(interventions)
    add(10)
    with django_assert_num_queries(8):
        coordinator.get(overview)
    with django_assert_num_queries(7):
        coordinator.get(interventions)
