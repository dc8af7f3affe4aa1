"""Who may do what with polarisation situations: one declaration (`MAY`) drives the HTTP
matrix (every role × every view) and the service matrix (every role × every service).

Refused is always 404 on pages (absence). "Allowed" is 200 for pages and 400 for a POST
that reached its form with deliberately empty input (nothing is written). Services raise
NotFound for a user who may not read the situation and Refused for a reader who may not do
this; allowed calls succeed with valid input.
"""

import pytest
from django.urls import reverse

from livc.access.errors import NotFound, Refused
from livc.accounts.models import User
from livc.charters import services as charter_services
from livc.charters.models import CharterVersion
from livc.polarisation import services
from livc.polarisation.models import Situation

from ..casework import ROLES
from ..factories import UserFactory
from ..matrix import matrix_test
from .conftest import days, record_situation, situation_data

pytestmark = pytest.mark.django_db

# The declaration -------------------------------------------------------------------------
# Members of the cell who read its case work read its situations; the coordinator manages
# them; the coordinator, the information officer and partners add diagnoses. The DPO,
# supervisors, administrators and the other cell's coordinator: nothing (404).
READERS = {
    "coordinator",
    "chair",
    "information_officer",
    "partner",
    "colleague",
    "other_partner",
    "left_partner",
}
MAY = {
    "read": READERS,
    "manage": {"coordinator"},
    "contribute": READERS - {"chair"},
    # Lists and forms without a cell in the URL answer in the user's own cells.
    "list_own_cell": READERS | {"foreign_coordinator"},
    "create_own_cell": {"coordinator", "foreign_coordinator"},
}


def allowed(capability: str, status: int) -> dict:
    return dict.fromkeys(MAY[capability], status)


def url(name, *, obj=None, query=""):
    def build(world):
        args = [getattr(world, obj).pk] if obj else []
        if name == "transition":
            args.append("diagnosed")
        return reverse(f"polarisation:{name}", args=args) + query.format(cell=world.cell.pk)

    return build


CELL = "?cell={cell}"
# name, method, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("list", "get", url("list"), allowed("list_own_cell", 200)),
    ("list_of_the_cell", "get", url("list", query=CELL), allowed("read", 200)),
    ("overview", "get", url("overview"), allowed("list_own_cell", 200)),
    ("overview_of_the_cell", "get", url("overview", query=CELL), allowed("read", 200)),
    ("create_form", "get", url("create"), allowed("create_own_cell", 200)),
    ("create_in_the_cell", "get", url("create", query=CELL), allowed("manage", 200)),
    ("create_post", "post", url("create", query=CELL), allowed("manage", 400)),
    ("detail", "get", url("detail", obj="situation"), allowed("read", 200)),
    ("edit", "get", url("edit", obj="situation"), allowed("manage", 200)),
    ("edit_post", "post", url("edit", obj="situation"), allowed("manage", 400)),
    ("transition", "get", url("transition", obj="situation"), allowed("manage", 200)),
    ("transition_post", "post", url("transition", obj="situation"), allowed("manage", 400)),
    (
        "contribution_add",
        "post",
        url("contribution_add", obj="situation"),
        allowed("contribute", 400),
    ),
    ("review_record", "post", url("review_record", obj="situation"), allowed("manage", 400)),
    ("interventions", "get", url("interventions", obj="situation"), allowed("read", 200)),
    (
        "intervention_plan",
        "post",
        url("intervention_plan", obj="situation"),
        allowed("manage", 400),
    ),
    (
        "intervention_edit",
        "get",
        url("intervention_edit", obj="intervention"),
        allowed("manage", 200),
    ),
    (
        "intervention_edit_post",
        "post",
        url("intervention_edit", obj="intervention"),
        allowed("manage", 400),
    ),
]

test_matrix = matrix_test(MATRIX)


# The services, each with valid input: capability, call(world, user).
SERVICES = {
    "situation_create": (
        "manage",
        lambda w, user: services.situation_create(user=user, cell=w.cell, **situation_data(w)),
    ),
    "situation_update": (
        "manage",
        lambda w, user: services.situation_update(
            user=user, situation=w.situation, version=w.situation.version, intensity=3
        ),
    ),
    "situation_transition": (
        "manage",
        lambda w, user: services.situation_transition(
            user=user, situation=w.situation, to_state="diagnosed", version=w.situation.version
        ),
    ),
    "contribution_add": (
        "contribute",
        lambda w, user: services.contribution_add(
            user=user, situation=w.situation, analysis="The groups avoid each other now."
        ),
    ),
    "intervention_plan": (
        "manage",
        lambda w, user: services.intervention_plan(
            user=user,
            situation=w.situation,
            kind="mediation",
            description="Mediation between the residents and the youth workers.",
            organisation=w.caw,
            starts_on=days(3),
        ),
    ),
    "intervention_update": (
        "manage",
        lambda w, user: services.intervention_update(
            user=user,
            intervention=w.intervention,
            version=w.intervention.version,
            status="ongoing",
        ),
    ),
    "review_record": (
        "manage",
        lambda w, user: services.review_record(
            user=user,
            situation=w.situation,
            version=w.situation.version,
            held_on=days(-1),
            note="Calmer since the dialogue evening; keep watching.",
            next_review_on=days(30),
        ),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("service", list(SERVICES))
def test_service_matrix(world, role, service):
    capability, call = SERVICES[service]
    user = world.users[role]
    if role in MAY[capability]:
        assert call(world, user) is not None
    elif role in MAY["read"]:
        with pytest.raises(Refused):
            call(world, user)
    else:
        with pytest.raises(NotFound):
            call(world, user)


def test_every_view_and_service_is_declared():
    from livc.polarisation import urls

    views = {pattern.name for pattern in urls.urlpatterns}
    in_matrix = {row[0].removesuffix("_post") for row in MATRIX}
    assert views <= in_matrix | {"create", "list", "overview"}, views - in_matrix
    public = {
        name
        for name, value in vars(services).items()
        if callable(value)
        and not name.startswith("_")
        and getattr(value, "__module__", "") == services.__name__
        and "_" in name
        and name.split("_")[0] in {"situation", "contribution", "intervention", "review"}
    }
    assert public == set(SERVICES)


def test_refusal_and_absence_look_the_same(client, world):
    client.force_login(world.users["dpo"])
    refused = client.get(reverse("polarisation:detail", args=[world.situation.pk]))
    missing = client.get(reverse("polarisation:detail", args=[999_999]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content


def test_members_of_another_cell_see_only_their_own(client, world):
    foreign = record_situation(world, by="foreign_coordinator", cell=world.other_cell)
    client.force_login(world.users["foreign_coordinator"])
    page = client.get(reverse("polarisation:list"))
    assert [s.pk for s in page.context["page"]] == [foreign.pk]
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("polarisation:detail", args=[foreign.pk])).status_code == 404
    assert [s.pk for s in client.get(reverse("polarisation:list")).context["page"]] == [
        world.situation.pk
    ]


def test_superuser_gets_no_bypass(client, world):
    client.force_login(UserFactory(is_superuser=True))
    for name in ("list", "overview", "create"):
        assert client.get(reverse(f"polarisation:{name}")).status_code == 404, name
    assert client.get(reverse("polarisation:detail", args=[world.situation.pk])).status_code == 404


def test_pages_offer_what_the_policy_allows(client, world):
    detail = reverse("polarisation:detail", args=[world.situation.pk])
    expected = {
        # role: (edit link, state buttons, contribution form, review form)
        "coordinator": (True, True, True, True),
        "chair": (False, False, False, False),
        "information_officer": (False, False, True, False),
        "partner": (False, False, True, False),
    }
    for role, (edit, moves, contribute, review) in expected.items():
        client.force_login(world.users[role])
        response = client.get(detail)
        body = response.content.decode()
        assert (reverse("polarisation:edit", args=[world.situation.pk]) in body) is edit, role
        assert bool(response.context["actions"].moves) is moves, role
        assert ("contribution_form" in response.context) is contribute, role
        assert ("review_form" in response.context) is review, role


def test_a_member_with_charters_to_accept_is_sent_to_them(client, world):
    charter_services.charter_publish(
        user=world.users["coordinator"],
        cell=world.cell,
        kind=CharterVersion.Kind.CONFIDENTIALITY,
        text="We keep it within the cell.",
        based_on=0,
    )
    for role in ("coordinator", "partner"):
        client.force_login(world.users[role])
        for url in (
            reverse("polarisation:list"),
            reverse("polarisation:detail", args=[world.situation.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("charters:accept")), role
    partner = User.objects.get(pk=world.users["partner"].pk)  # nothing cached on it
    with pytest.raises(NotFound):
        services.contribution_add(user=partner, situation=world.situation, analysis="Calm again.")
    # The navigation still shows the link (it leads to the charters).
    assert client.get(reverse("home")).context["nav"]["polarisation"] is True


def test_no_service_writes_on_a_closed_situation_but_reopening(world):
    coordinator = world.users["coordinator"]
    situation = services.situation_transition(
        user=coordinator,
        situation=world.situation,
        to_state="closed",
        version=world.situation.version,
        reason="Calm for three months.",
    )
    assert situation.state == Situation.State.CLOSED
    client_calls = [SERVICES[name][1] for name in SERVICES if name != "situation_create"]
    world.situation = situation
    for call in client_calls:
        with pytest.raises(Exception) as error:
            call(world, coordinator)
        assert "closed" in str(error.value).lower() or "cannot go" in str(error.value), error
