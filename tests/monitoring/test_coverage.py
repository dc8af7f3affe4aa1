"""The coverage overview on a hand-built map with known answers, its exports and who sees it.

Two invented regions keep the answers independent of the real reference data:
Testland (99000) with provinces Alpha (A1–A4 current, A5 merged away) and Beta (B1, B2),
and Nolandia (98000) without provinces (like Brussels) with C1, C2.

    cell X  serves A1, A2          complete composition   intermunicipal
    cell Y  serves A3              misses chair and information officer
    cell Z  serves A4 (Alpha), B1 (Beta): counts in both provinces, complete, intermunicipal
    cell W  inactive, serves B2    (B2 is not covered)
    cell V  serves C1 (its C2 area is inactive): no members at all
    cell U  serves only the former A5: in no province, only in the national list
"""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from livc.monitoring.coverage import coverage_chart, coverage_overview
from livc.monitoring.coverage_export import safe
from livc.organisations.models import (
    Arrondissement,
    CellMunicipality,
    Membership,
    Municipality,
    Province,
    Region,
    Role,
)

from ..casework import ROLES, build_world
from ..factories import CellFactory, UserFactory, member

pytestmark = pytest.mark.django_db

ALLOWED = {"coordinator", "chair", "foreign_coordinator", "supervisor", "administrator"}
URLS = ["monitoring:coverage", "monitoring:coverage_csv", "monitoring:coverage_json"]


def _unit(model, nis, name, **kwargs):
    return model.objects.create(nis_code=nis, name_nl=name, name_fr=name, name_de=name, **kwargs)


def _municipality(nis, name, region, province, arrondissement, former=False):
    return _unit(
        Municipality,
        nis,
        name,
        region=region,
        province=province,
        arrondissement=arrondissement,
        valid_from=datetime.date(1977, 1, 1),
        valid_until=datetime.date(2024, 12, 31) if former else None,
    )


def _complete(cell):
    for role in (Role.CHAIR, Role.COORDINATOR, Role.INFORMATION_OFFICER):
        member(role, cell)
    return cell


@pytest.fixture
def land():
    testland = _unit(Region, "99000", "Testland")
    nolandia = _unit(Region, "98000", "Nolandia")
    alpha = _unit(Province, "99100", "Alpha", region=testland)
    beta = _unit(Province, "99200", "Beta", region=testland)
    arr_a = _unit(Arrondissement, "99110", "Arr A", region=testland, province=alpha)
    arr_b = _unit(Arrondissement, "99210", "Arr B", region=testland, province=beta)
    arr_c = _unit(Arrondissement, "98110", "Arr C", region=nolandia)
    for i in range(1, 5):
        _municipality(f"9910{i}", f"A{i}", testland, alpha, arr_a)
    _municipality("99105", "A5", testland, alpha, arr_a, former=True)
    for i in (1, 2):
        _municipality(f"9920{i}", f"B{i}", testland, beta, arr_b)
        _municipality(f"9810{i}", f"C{i}", nolandia, None, arr_c)
    cells = {
        "X": _complete(CellFactory(name="Cell X", serves=["99101", "99102"])),
        "Y": CellFactory(name="=1+1 Cell Y", serves=["99103"]),
        "Z": _complete(CellFactory(name="Cell Z", serves=["99104", "99201"])),
        "W": _complete(CellFactory(name="Cell W", serves=["99202"], is_active=False)),
        "V": CellFactory(name="Cell V", serves=["98101", "98102"]),
        "U": _complete(CellFactory(name="Cell U", serves=["99105"])),
    }
    member(Role.COORDINATOR, cells["Y"])
    CellMunicipality.objects.filter(municipality__nis_code="98102").update(is_active=False)
    return {"testland": testland, "nolandia": nolandia, "alpha": alpha, "beta": beta, **cells}


def figures(row):
    return (
        row.cells,
        row.intermunicipal_cells,
        row.complete_cells,
        row.municipalities_covered,
        row.municipalities_total,
    )


def test_known_answers_per_province_and_region(land):
    overview = coverage_overview(region=land["testland"])
    (block,) = overview.regions
    alpha, beta = block.provinces
    assert (alpha.province, beta.province) == (land["alpha"], land["beta"])
    assert figures(alpha) == (3, 2, 2, 4, 4)
    assert alpha.coverage_percent == 100.0
    assert figures(beta) == (1, 1, 1, 1, 2)
    assert beta.coverage_percent == 50.0
    # Z counts in both provinces but once in the region.
    assert figures(block.total) == (3, 2, 2, 5, 6)
    assert figures(overview.total) == (3, 2, 2, 5, 6)
    assert overview.total.incomplete_cells == 1
    assert [row.cell.name for row in overview.cells] == ["=1+1 Cell Y", "Cell X", "Cell Z"]


def test_region_without_provinces(land):
    overview = coverage_overview(region=land["nolandia"])
    (block,) = overview.regions
    (row,) = block.provinces
    assert row.province is None
    assert figures(row) == (1, 0, 0, 1, 2)
    (cell,) = overview.cells
    assert cell.cell == land["V"]
    assert [m.name for m in cell.municipalities] == ["C1"]
    assert cell.missing_roles == [Role.CHAIR, Role.COORDINATOR, Role.INFORMATION_OFFICER]


def test_province_filter(land):
    overview = coverage_overview(region=land["testland"], province=land["beta"])
    assert figures(overview.total) == (1, 1, 1, 1, 2)
    assert [row.cell for row in overview.cells] == [land["Z"]]
    # The per-cell list names every municipality the cell serves, in other provinces too.
    assert [m.name for m in overview.cells[0].current_municipalities] == ["A4", "B1"]


def test_cell_rows(land):
    rows = {row.cell.name: row for row in coverage_overview().cells}
    assert "Cell W" not in rows  # inactive
    assert rows["Cell X"].intermunicipal and rows["Cell X"].composition_complete
    assert not rows["=1+1 Cell Y"].intermunicipal
    assert rows["=1+1 Cell Y"].missing_roles == [Role.CHAIR, Role.INFORMATION_OFFICER]
    # A cell serving only a former municipality: listed, but in no province or count.
    assert rows["Cell U"].current_municipalities == []
    assert not rows["Cell U"].intermunicipal


def test_whole_country_adds_the_real_map(land):
    overview = coverage_overview()
    current = Municipality.objects.filter(valid_until__isnull=True).count()
    assert overview.total.municipalities_total == current
    assert (
        overview.total.municipalities_covered
        == CellMunicipality.objects.filter(
            is_active=True, cell__is_active=True, municipality__valid_until__isnull=True
        ).count()
    )
    assert {b.region.nis_code for b in overview.regions} >= {"02000", "03000", "04000", "98000"}
    assert sum(b.total.municipalities_total for b in overview.regions) == current


def test_membership_of_an_inactive_user_does_not_complete_a_cell(land):
    chair = Membership.objects.get(cell=land["X"], role=Role.CHAIR).user
    chair.is_active = False
    chair.save(update_fields=["is_active"])
    overview = coverage_overview(province=land["alpha"])
    assert overview.total.complete_cells == 1  # Z only


def test_chart_per_province(land):
    chart = coverage_chart(coverage_overview(region=land["testland"]))
    assert chart.labels == ["Alpha", "Beta"]
    assert [s.values for s in chart.series] == [[4, 1], [0, 1]]
    nolandia = coverage_chart(coverage_overview(region=land["nolandia"]))
    assert nolandia.labels == ["Nolandia"]  # a region without provinces is its own bar


# -- the page and its exports --------------------------------------------------------------


@pytest.fixture
def supervisor():
    return member(Role.SUPERVISOR)


def test_page(client, land, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("monitoring:coverage"), {"region": land["testland"].pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Coverage of the cells" in body
    assert 'data-chart-source="chart-data-coverage-provinces"' in body
    assert "vendor/chartjs/chart.umd.min.js" in body
    assert "5 of 6" in body
    assert "83.3 %" in body
    assert "=1+1 Cell Y" in body


def test_page_query_count(client, land, supervisor, django_assert_max_num_queries):
    client.force_login(supervisor)
    client.get(reverse("monitoring:coverage"))  # session and caches warm
    for _ in range(5):  # more cells must not cost more queries
        _complete(CellFactory(serves=[]))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("monitoring:coverage"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"region": "nonsense"}, "region"),
        ({"province": "999999"}, "province"),
        ({"region": "REGION:nolandia", "province": "PROVINCE:alpha"}, "province"),
    ],
)
def test_bad_filters_answer_at_the_field(client, land, supervisor, params, field):
    params = {
        key: land[value.split(":")[1]].pk if value.startswith(("REGION:", "PROVINCE:")) else value
        for key, value in params.items()
    }
    client.force_login(supervisor)
    page = client.get(reverse("monitoring:coverage"), params)
    assert page.status_code == 400
    assert field in page.context["form"].errors
    assert page.context["coverage"] is None
    exported = client.get(reverse("monitoring:coverage_json"), params)
    assert exported.status_code == 400
    assert field in exported.json()["errors"]
    assert client.get(reverse("monitoring:coverage_csv"), params).status_code == 400


def test_mismatch_message(client, land, supervisor):
    client.force_login(supervisor)
    params = {"region": land["nolandia"].pk, "province": land["alpha"].pk}
    response = client.get(reverse("monitoring:coverage"), params)
    assert "This province is not in the selected region." in response.content.decode()


def test_regional_supervisor_starts_on_their_region(client, land):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.SUPERVISOR, region=land["testland"])
    client.force_login(user)
    response = client.get(reverse("monitoring:coverage"))
    assert response.context["coverage"].region == land["testland"]
    everything = client.get(reverse("monitoring:coverage"), {"region": ""})
    assert everything.context["coverage"].region is None


def _csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_areas_csv(client, land, supervisor):
    client.force_login(supervisor)
    url = reverse("monitoring:coverage_csv")
    rows = _csv(client.get(url, {"region": land["testland"].pk, "part": "areas"}))
    assert rows[0][:5] == ["level", "region NIS code", "region", "province NIS code", "province"]
    assert rows[1:] == [
        ["province", "99000", "Testland", "99100", "Alpha", "3", "2", "2", "4", "4", "100.0"],
        ["province", "99000", "Testland", "99200", "Beta", "1", "1", "1", "1", "2", "50.0"],
        ["region", "99000", "Testland", "", "", "3", "2", "2", "5", "6", "83.3"],
        ["total", "", "", "", "", "3", "2", "2", "5", "6", "83.3"],
    ]
    nolandia = _csv(client.get(url, {"region": land["nolandia"].pk}))
    assert nolandia[1][:5] == ["region without provinces", "98000", "Nolandia", "", ""]


def test_cells_csv_neutralises_formulas(client, land, supervisor):
    client.force_login(supervisor)
    response = client.get(
        reverse("monitoring:coverage_csv"), {"region": land["testland"].pk, "part": "cells"}
    )
    rows = _csv(response)
    assert rows[0] == [
        "cell", "code", "municipality NIS codes", "municipalities", "number of municipalities",
        "intermunicipal", "composition complete", "missing roles",
    ]  # fmt: skip
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"'=1+1 Cell Y", "Cell X", "Cell Z"}
    y = by_name["'=1+1 Cell Y"]
    assert y[2:] == ["99103", "A3", "1", "no", "no", "chair; information officer"]
    assert by_name["Cell Z"][2:] == ["99104 99201", "A4; B1", "2", "yes", "yes", ""]


def test_csv_part_must_be_known(client, land, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("monitoring:coverage_csv"), {"part": "everything"})
    assert response.status_code == 400


@pytest.mark.parametrize("value", ["=cmd", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_neutralises_formula_starts(value):
    assert safe(value) == "'" + value
    assert safe("Cell") == "Cell" and safe(None) == "" and safe(3) == "3"


def test_json(client, land, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("monitoring:coverage_json"), {"region": land["testland"].pk})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["filters"] == {
        "region": {"nis_code": "99000", "name": "Testland"},
        "province": None,
    }
    assert data["total"] == {
        "cells": 3,
        "intermunicipal_cells": 2,
        "cells_with_complete_composition": 2,
        "municipalities_covered": 5,
        "municipalities_total": 6,
        "coverage_percent": 83.3,
    }
    (region,) = data["regions"]
    assert region["nis_code"] == "99000" and region["cells"] == 3
    assert [p["province"]["name"] for p in region["provinces"]] == ["Alpha", "Beta"]
    cells = {c["code"]: c for c in data["cells"]}
    y = cells[land["Y"].code]
    assert y["name"] == "=1+1 Cell Y"  # JSON is data, not a spreadsheet: kept as typed
    assert y["missing_roles"] == ["chair", "information_officer"]
    assert cells[land["Z"].code]["municipalities"] == [
        {"nis_code": "99104", "name": "A4"},
        {"nis_code": "99201", "name": "B1"},
    ]


def test_empty_selection_is_a_sensible_page(client, supervisor):
    empty = _unit(Region, "97000", "Emptyland")
    client.force_login(supervisor)
    response = client.get(reverse("monitoring:coverage"), {"region": empty.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "No municipalities in this selection." in body
    assert "No cells in this selection." in body
    assert "No figures to show." in body
    data = client.get(reverse("monitoring:coverage_json"), {"region": empty.pk}).json()
    assert data["total"]["coverage_percent"] is None


# -- permission matrix ---------------------------------------------------------------------


@pytest.fixture
def world():
    return build_world()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_matrix(client, world, role, name):
    client.force_login(world.users[role])
    response = client.get(reverse(name))
    assert response.status_code == (200 if role in ALLOWED else 404), f"{role} on {name}"


def test_superuser_sees_it(client, db):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(reverse("monitoring:coverage")).status_code == 200


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("monitoring:coverage_json"))
    assert response.status_code == 302
