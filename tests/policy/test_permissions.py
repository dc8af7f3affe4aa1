"""Who may do what with action plans: one declaration (`MAY`) drives the HTTP matrix (every
role × every view) and the service matrix (every role × every service), over every cell
role of the case-work world and every role above the cells.

Refused is always 404 on pages (absence). "Allowed" is 200 for pages and 400 for a POST
that reached its form with deliberately empty input (nothing is written). Services raise
NotFound for a user who may not read the plan and Refused for a reader who may not do
this; allowed calls succeed with valid input.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livc.access.errors import NotFound, Refused
from livc.policy import services
from livc.policy.periods import HalfYear

from ..factories import UserFactory
from ..matrix import matrix_test
from .conftest import ROLES, current_period, measure_data, plan_data, today

pytestmark = pytest.mark.django_db

# The declaration -------------------------------------------------------------------------
# The Flemish plan: its officer manages it; the owners of its measures and the federal
# supervisor read it. The federal officer (federal plans only), the Walloon officer and
# supervisor, the owner of a federal measure, the mobile team, the grant officer and every
# member of a cell get a 404.
OFFICERS = {"federal_officer", "flemish_officer", "walloon_officer"}
OWNERS = {"owner", "other_owner", "outside_owner"}
SUPERVISORS = {"supervisor", "regional_supervisor"}
READERS = {"flemish_officer", "owner", "other_owner", "supervisor"}
MAY = {
    "read": READERS,
    "manage": {"flemish_officer"},
    "move_m1": {"flemish_officer", "owner"},  # the plan's officers and the measure's owner
    "write_m1": {"owner"},
    # Pages without a plan in the URL answer in the user's own area.
    "list": OFFICERS | OWNERS | SUPERVISORS,
    "create": OFFICERS,
    "overdue": OFFICERS | SUPERVISORS,
    "my_measures": OWNERS,
}
NEVER = {"mobile_team_expert", "grant_officer"}  # above the cells, but not in plans
assert not NEVER & set().union(*MAY.values())


def allowed(capability: str, status: int) -> dict:
    return dict.fromkeys(MAY[capability], status)


def url(name, *, obj=None, extra=(), query=""):
    def build(world):
        args = [getattr(world, obj).pk, *extra] if obj else []
        return reverse(f"policy:{name}", args=args) + query.format(period=current_period().code)

    return build


PERIOD = "?period={period}"
# name, method, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("plan_list", "get", url("plan_list"), allowed("list", 200)),
    ("plan_create", "get", url("plan_create"), allowed("create", 200)),
    ("plan_create_post", "post", url("plan_create"), allowed("create", 400)),
    ("my_measures", "get", url("my_measures"), allowed("my_measures", 200)),
    ("overdue", "get", url("overdue"), allowed("overdue", 200)),
    ("plan_detail", "get", url("plan_detail", obj="plan"), allowed("read", 200)),
    ("plan_edit", "get", url("plan_edit", obj="plan"), allowed("manage", 200)),
    ("plan_edit_post", "post", url("plan_edit", obj="plan"), allowed("manage", 400)),
    (
        "plan_transition",
        "get",
        url("plan_transition", obj="plan", extra=["closed"]),
        allowed("manage", 200),
    ),
    (
        "plan_transition_post",
        "post",
        url("plan_transition", obj="plan", extra=["closed"]),
        allowed("manage", 400),
    ),
    ("plan_import", "get", url("plan_import", obj="plan"), allowed("manage", 200)),
    ("plan_import_post", "post", url("plan_import", obj="plan"), allowed("manage", 400)),
    ("objective_create", "get", url("objective_create", obj="plan"), allowed("manage", 200)),
    (
        "objective_create_post",
        "post",
        url("objective_create", obj="plan"),
        allowed("manage", 400),
    ),
    ("measure_create", "get", url("measure_create", obj="plan"), allowed("manage", 200)),
    ("measure_create_post", "post", url("measure_create", obj="plan"), allowed("manage", 400)),
    (
        "recommendation_list",
        "get",
        url("recommendation_list", obj="plan"),
        allowed("read", 200),
    ),
    (
        "recommendation_create",
        "get",
        url("recommendation_create", obj="plan"),
        allowed("manage", 200),
    ),
    (
        "recommendation_create_post",
        "post",
        url("recommendation_create", obj="plan"),
        allowed("manage", 400),
    ),
    (
        "recommendation_edit",
        "get",
        url("recommendation_edit", obj="recommendation"),
        allowed("manage", 200),
    ),
    (
        "recommendation_edit_post",
        "post",
        url("recommendation_edit", obj="recommendation"),
        allowed("manage", 400),
    ),
    ("report_pdf", "get", url("report_pdf", obj="plan"), allowed("read", 200)),
    ("report_xlsx", "get", url("report_xlsx", obj="plan"), allowed("read", 200)),
    ("measure_detail", "get", url("measure_detail", obj="m1"), allowed("read", 200)),
    ("measure_edit", "get", url("measure_edit", obj="m1"), allowed("manage", 200)),
    ("measure_edit_post", "post", url("measure_edit", obj="m1"), allowed("manage", 400)),
    (
        "measure_transition",
        "get",
        url("measure_transition", obj="m1", extra=["delayed"]),
        allowed("move_m1", 200),
    ),
    (
        "measure_transition_post",
        "post",
        url("measure_transition", obj="m1", extra=["delayed"]),
        allowed("move_m1", 400),
    ),
    (
        "update_submit",
        "get",
        url("update_submit", obj="m1", query=PERIOD),
        allowed("write_m1", 200),
    ),
    (
        "update_submit_post",
        "post",
        url("update_submit", obj="m1", query=PERIOD),
        allowed("write_m1", 400),
    ),
]

test_matrix = matrix_test(MATRIX, roles=ROLES)


# The services, each with valid input: capability, call(world, user).
SERVICES = {
    "plan_create": ("manage", lambda w, user: services.plan_create(user=user, **plan_data())),
    "plan_update": (
        "manage",
        lambda w, user: services.plan_update(
            user=user, plan=w.plan, version=w.plan.version, title="Action plan 2"
        ),
    ),
    "plan_transition": (
        "manage",
        lambda w, user: services.plan_transition(
            user=user, plan=w.plan, to_status="closed", version=w.plan.version
        ),
    ),
    "plan_structure_import": (
        "manage",
        lambda w, user: services.plan_structure_import(
            user=user,
            plan=w.plan,
            content=b"kind,code,parent,title,policy_domain\nmeasure,1.7,1,Helpline,welfare\n",
            filename="structure.csv",
        ),
    ),
    "objective_add": (
        "manage",
        lambda w, user: services.objective_add(
            user=user, plan=w.plan, kind="axis", code="3", title="Expertise"
        ),
    ),
    "measure_add": (
        "manage",
        lambda w, user: services.measure_add(user=user, plan=w.plan, **measure_data(w)),
    ),
    "measure_update": (
        "manage",
        lambda w, user: services.measure_update(
            user=user, measure=w.m1, version=w.m1.version, budget="150000"
        ),
    ),
    "measure_transition": (
        "move_m1",
        lambda w, user: services.measure_transition(
            user=user,
            measure=w.m1,
            to_status="delayed",
            version=w.m1.version,
            reason="The call for projects was postponed.",
        ),
    ),
    "progress_update_submit": (
        "write_m1",
        lambda w, user: services.progress_update_submit(
            user=user,
            measure=w.m1,
            period=current_period(),
            status="ongoing",
            narrative="Coaching continues in all cells.",
            indicator_value=150,
            spending="70000",
        ),
    ),
    "recommendation_add": (
        "manage",
        lambda w, user: services.recommendation_add(
            user=user,
            plan=w.plan,
            source="evaluation",
            source_reference="Mid-term evaluation",
            text="Report the indicators per province.",
            issued_on=today(),
            measures=[w.m2],
        ),
    ),
    "recommendation_update": (
        "manage",
        lambda w, user: services.recommendation_update(
            user=user,
            recommendation=w.recommendation,
            version=w.recommendation.version,
            follow_up="in_progress",
        ),
    ),
}
# plan_create has no plan to hide: it is NotFound for whoever may not create plans, and a
# form error for an officer of another area.
OTHER_AREA = {"plan_create": {"federal_officer", "walloon_officer"}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("service", list(SERVICES))
def test_service_matrix(world, role, service):
    capability, call = SERVICES[service]
    user = world.users[role]
    world.m1.plan = world.plan
    if role in MAY[capability]:
        assert call(world, user) is not None
    elif role in OTHER_AREA.get(service, ()):
        with pytest.raises(ValidationError, match="another area"):
            call(world, user)
    elif role in MAY["read"] and service != "plan_create":
        with pytest.raises(Refused):
            call(world, user)
    else:
        with pytest.raises(NotFound):
            call(world, user)


def test_every_view_and_service_is_declared():
    from livc.policy import urls

    views = {pattern.name for pattern in urls.urlpatterns}
    in_matrix = {row[0].removesuffix("_post") for row in MATRIX}
    assert views == in_matrix, views ^ in_matrix
    public = {
        name
        for name, value in vars(services).items()
        if callable(value)
        and not name.startswith("_")
        and getattr(value, "__module__", "") == services.__name__
        and not isinstance(value, type)
    }
    assert public == set(SERVICES)


def test_refusal_and_absence_look_the_same(client, world):
    client.force_login(world.users["walloon_officer"])
    refused = client.get(reverse("policy:plan_detail", args=[world.plan.pk]))
    missing = client.get(reverse("policy:plan_detail", args=[999_999]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content


def test_each_officer_sees_only_the_plans_of_their_area(client, world):
    expected = {
        "federal_officer": [world.federal_plan.pk],
        "flemish_officer": [world.plan.pk],
        "walloon_officer": [],
        "owner": [world.plan.pk],
        "outside_owner": [world.federal_plan.pk],
        "supervisor": sorted([world.plan.pk, world.federal_plan.pk]),
        "regional_supervisor": [],
    }
    for role, plans in expected.items():
        client.force_login(world.users[role])
        page = client.get(reverse("policy:plan_list")).context["page"]
        assert sorted(p.pk for p in page) == sorted(plans), role


def test_a_measure_owner_updates_only_their_own_measures(world):
    world.m2.plan = world.plan
    with pytest.raises(Refused):
        services.progress_update_submit(
            user=world.users["owner"],
            measure=world.m2,
            period=current_period(),
            status="planned",
            narrative="Not mine.",
        )
    with pytest.raises(Refused):
        services.measure_transition(
            user=world.users["owner"],
            measure=world.m2,
            to_status="ongoing",
            version=world.m2.version,
        )


def test_an_owner_who_lost_the_role_loses_the_plan(client, world):
    world.users["owner"].memberships.update(is_active=False)
    client.force_login(world.users["owner"])
    assert client.get(reverse("policy:plan_detail", args=[world.plan.pk])).status_code == 404
    assert client.get(reverse("policy:my_measures")).status_code == 404


def test_superuser_gets_no_bypass(client, world):
    client.force_login(UserFactory(is_superuser=True))
    for name in ("plan_list", "plan_create", "overdue", "my_measures"):
        assert client.get(reverse(f"policy:{name}")).status_code == 404, name
    assert client.get(reverse("policy:plan_detail", args=[world.plan.pk])).status_code == 404


def test_pages_offer_what_the_policy_allows(client, world):
    detail = reverse("policy:plan_detail", args=[world.plan.pk])
    edit = reverse("policy:plan_edit", args=[world.plan.pk])
    for role, manages in {"flemish_officer": True, "owner": False, "supervisor": False}.items():
        client.force_login(world.users[role])
        response = client.get(detail)
        assert (edit in response.content.decode()) is manages, role
        assert bool(response.context["actions"].moves) is manages, role
    measure = reverse("policy:measure_detail", args=[world.m1.pk])
    expected = {
        # role: (edit, write updates, moves)
        "flemish_officer": (True, False, True),
        "owner": (False, True, True),
        "other_owner": (False, False, False),
        "supervisor": (False, False, False),
    }
    for role, (edit, write, moves) in expected.items():
        client.force_login(world.users[role])
        actions = client.get(measure).context["actions"]
        assert (actions.edit, actions.write_updates, bool(actions.moves)) == (edit, write, moves)


def test_navigation_shows_action_plans_to_their_roles_only(client, world):
    for role in ROLES:
        client.force_login(world.users[role])
        shown = client.get(reverse("home")).context["nav"]["policy"]
        assert shown is (role in MAY["list"]), role


def test_a_closed_plan_takes_no_change_but_reopening(world):
    officer = world.users["flemish_officer"]
    plan = services.plan_transition(
        user=officer, plan=world.plan, to_status="closed", version=world.plan.version
    )
    world.plan = plan
    world.m1.plan = plan
    for name, (_capability, call) in SERVICES.items():
        if name in ("plan_create", "progress_update_submit", "plan_transition"):
            continue
        user = world.users["owner" if name == "measure_transition" else "flemish_officer"]
        with pytest.raises(ValidationError, match="closed|cannot go"):
            call(world, user)
    with pytest.raises(ValidationError, match="adopted"):
        SERVICES["progress_update_submit"][1](world, world.users["owner"])
    with pytest.raises(ValidationError, match="reopened"):
        services.plan_transition(user=officer, plan=plan, to_status="adopted", version=plan.version)
    services.plan_transition(
        user=officer,
        plan=plan,
        to_status="adopted",
        version=plan.version,
        reason="The government extended the plan.",
    )


def test_half_years_are_parsed_strictly():
    assert HalfYear.parse("2025-H1") == HalfYear(2025, 1)
    for bad in ("2025-H3", "2025-h1", "25-H1", "2025-H1 ", "²025-H1", "", None, "0000-H1"):
        assert HalfYear.parse(bad) is None, bad
