"""Permission matrix for the two dashboards: every role of tests/casework.py plus a
regional supervisor of the world's region and one of another region. Refused is 404."""

import pytest
from django.urls import reverse

from livc.monitoring import policies
from livc.organisations.models import Membership, Region, Role

from ..casework import ROLES, build_world
from ..factories import UserFactory

pytestmark = pytest.mark.django_db

ALL = [*ROLES, "regional_supervisor", "foreign_supervisor"]
SUPERVISORS = {"supervisor", "regional_supervisor", "foreign_supervisor"}


def cell_page(which=None):
    def url(w):
        base = reverse("monitoring:cell_dashboard")
        return base if which is None else f"{base}?cell={getattr(w, which).pk}"

    return url


def supervisor_page(query=""):
    return lambda w: reverse("monitoring:supervisor_dashboard") + query.format(w=w)


# name, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("cell_dashboard", cell_page(),
     {"coordinator": 200, "chair": 200, "foreign_coordinator": 200}),  # each their own cell
    ("cell_dashboard_of_this_cell", cell_page("cell"), {"coordinator": 200, "chair": 200}),
    ("cell_dashboard_of_the_other_cell", cell_page("other_cell"), {"foreign_coordinator": 200}),
    ("supervisor_dashboard", supervisor_page(), dict.fromkeys(SUPERVISORS, 200)),
    ("supervisor_dashboard_of_a_cell", supervisor_page("?cell={w.cell.pk}"),
     {"supervisor": 200, "regional_supervisor": 200}),
    ("supervisor_dashboard_of_the_region", supervisor_page("?region={w.region.pk}"),
     {"supervisor": 200, "regional_supervisor": 200}),
    ("supervisor_dashboard_of_the_province", supervisor_page("?province={w.province.pk}"),
     {"supervisor": 200, "regional_supervisor": 200}),
    ("supervisor_dashboard_of_the_other_region", supervisor_page("?region={w.elsewhere.pk}"),
     {"supervisor": 200, "foreign_supervisor": 200}),
]  # fmt: skip


@pytest.fixture
def world(db):
    world = build_world()
    area = world.cell.areas.select_related("municipality").get().municipality
    world.region, world.province = area.region, area.province
    world.elsewhere = Region.objects.exclude(pk=world.region.pk).order_by("nis_code").first()
    for name, region in (("regional_supervisor", world.region),
                         ("foreign_supervisor", world.elsewhere)):  # fmt: skip
        world.users[name] = UserFactory()
        Membership.objects.create(user=world.users[name], role=Role.SUPERVISOR, region=region)
    return world


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize(("view", "url", "allowed"), MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(client, world, role, view, url, allowed):
    client.force_login(world.users[role])
    response = client.get(url(world))
    assert response.status_code == allowed.get(role, 404), f"{role} on {view}"


def test_out_of_scope_looks_like_absent(client, world):
    client.force_login(world.users["foreign_supervisor"])
    base = reverse("monitoring:supervisor_dashboard")
    refused = client.get(f"{base}?cell={world.cell.pk}")
    missing = client.get(f"{base}?cell=999999")
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content


def test_superuser_gets_no_bypass(client, world):
    client.force_login(UserFactory(is_superuser=True))
    for name in ("monitoring:cell_dashboard", "monitoring:supervisor_dashboard"):
        assert client.get(reverse(name)).status_code == 404, name


def test_inactive_memberships_count_for_nothing(client, world):
    coordinator = world.users["coordinator"]
    Membership.objects.filter(user=coordinator).update(is_active=False)
    client.force_login(coordinator)
    assert client.get(reverse("monitoring:cell_dashboard")).status_code == 404


def test_navigation_policies(world):
    users = world.users
    assert policies.can_see_cell_dashboard(users["chair"])
    assert not policies.can_see_cell_dashboard(users["dpo"])
    assert not policies.can_see_cell_dashboard(users["supervisor"])
    assert policies.can_see_supervisor_dashboard(users["regional_supervisor"])
    assert not policies.can_see_supervisor_dashboard(users["administrator"])
    scope = policies.supervisor_scope(users["regional_supervisor"])
    assert not scope.federal and scope.region_ids == {world.region.pk}
    assert policies.supervisor_scope(users["supervisor"]).federal
