"""Who may do what in the library: one declaration (`MAY`) drives the HTTP matrix (every
role × every view) and the service matrix (every role × every service).

Every signed-in user reads (members of every cell role, the DPO, supervisors,
administrators, a user without any role); administrators and superusers edit. Refused
pages answer 404 (absence). "Allowed" is 200 for pages, 400 for a POST that reached its
form with deliberately empty input (nothing is written) and 302 for a POST without input.
Services raise Refused for a reader who may not edit, and NotFound for a user who may not
read (an inactive account).
"""

import pytest
from django.urls import reverse

from livc.access.errors import NotFound, Refused
from livc.audit.models import AccessLogEntry
from livc.library import services
from livc.library.models import Entry, Relation

from ..casework import ROLES
from ..matrix import matrix_test
from .conftest import TODAY, entry_data

pytestmark = pytest.mark.django_db

ALL_ROLES = [*ROLES, "superuser", "no_role"]
# The declaration -------------------------------------------------------------------------
MAY = {
    "read": set(ALL_ROLES),
    "edit": {"administrator", "superuser"},
}


def allowed(capability: str, status: int) -> dict:
    return dict.fromkeys(MAY[capability], status)


def url(name, obj=None):
    def build(world):
        return reverse(f"library:{name}", args=[getattr(world, obj).pk] if obj else [])

    return build


# name, method, url builder, {role: expected status}; roles not listed expect 404
MATRIX = [
    ("list", "get", url("list"), allowed("read", 200)),
    ("detail", "get", url("detail", "entry"), allowed("read", 200)),
    ("detail_of_a_retired_text", "get", url("detail", "retired"), allowed("read", 200)),
    ("create", "get", url("create"), allowed("edit", 200)),
    ("create_post", "post", url("create"), allowed("edit", 400)),
    ("edit", "get", url("edit", "entry"), allowed("edit", 200)),
    ("edit_post", "post", url("edit", "entry"), allowed("edit", 400)),
    ("retire", "get", url("retire", "entry"), allowed("edit", 200)),
    ("retire_post", "post", url("retire", "entry"), allowed("edit", 400)),
    ("reinstate_post", "post", url("reinstate", "retired"), allowed("edit", 400)),
    ("relation_add_post", "post", url("relation_add", "entry"), allowed("edit", 400)),
    ("relation_remove_post", "post", url("relation_remove", "relation"), allowed("edit", 302)),
    ("issuers", "get", url("issuers"), allowed("edit", 200)),
    ("issuer_create_post", "post", url("issuer_create"), allowed("edit", 400)),
    ("issuer_edit", "get", url("issuer_edit", "issuer"), allowed("edit", 200)),
    ("issuer_edit_post", "post", url("issuer_edit", "issuer"), allowed("edit", 400)),
]

test_matrix = matrix_test(MATRIX, roles=ALL_ROLES)


# The services, each with valid input: capability, call(world, user).
SERVICES = {
    "entry_create": (
        "edit",
        lambda w, user: services.entry_create(user=user, today=TODAY, **entry_data()),
    ),
    "entry_update": (
        "edit",
        lambda w, user: services.entry_update(
            user=user, entry=w.entry, version=w.entry.version, level="regional", today=TODAY
        ),
    ),
    "entry_retire": (
        "edit",
        lambda w, user: services.entry_retire(
            user=user,
            entry=w.entry,
            version=w.entry.version,
            retired_on=TODAY,
            note="Replaced by a newer circular.",
            today=TODAY,
        ),
    ),
    "entry_reinstate": (
        "edit",
        lambda w, user: services.entry_reinstate(
            user=user, entry=w.retired, version=w.retired.version
        ),
    ),
    "relation_add": (
        "edit",
        lambda w, user: services.relation_add(
            user=user, source=w.entry, target=w.retired, kind="replaces"
        ),
    ),
    "relation_remove": (
        "edit",
        lambda w, user: services.relation_remove(user=user, relation=w.relation),
    ),
    "issuer_create": (
        "edit",
        lambda w, user: services.issuer_create(
            user=user, name_nl="Provincie Limburg", name_fr="Province de Limbourg"
        ),
    ),
    "issuer_update": (
        "edit",
        lambda w, user: services.issuer_update(
            user=user, issuer=w.issuer, version=w.issuer.version, name_en="Province of Antwerp"
        ),
    ),
}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("service", list(SERVICES))
def test_service_matrix(world, role, service):
    capability, call = SERVICES[service]
    user = world.users[role]
    before = AccessLogEntry.objects.filter(user_id=user.pk).count()
    if role in MAY[capability]:
        assert call(world, user) is not None
        assert AccessLogEntry.objects.filter(user_id=user.pk).count() == before + 1
    elif role in MAY["read"]:
        with pytest.raises(Refused):
            call(world, user)
    else:
        with pytest.raises(NotFound):
            call(world, user)


@pytest.mark.parametrize("service", list(SERVICES))
def test_an_inactive_account_reads_nothing_and_writes_nothing(world, service):
    user = world.users["administrator"]
    user.is_active = False
    with pytest.raises(NotFound):
        SERVICES[service][1](world, user)


def test_every_view_and_service_is_declared():
    from livc.library import urls

    views = {pattern.name for pattern in urls.urlpatterns}
    in_matrix = {row[0].removesuffix("_post") for row in MATRIX}
    assert views <= in_matrix, views - in_matrix
    public = {
        name
        for name, value in vars(services).items()
        if callable(value)
        and not name.startswith("_")
        and getattr(value, "__module__", "") == services.__name__
        and name.split("_")[0] in {"entry", "relation", "issuer"}
    }
    assert public == set(SERVICES)


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for name, _method, build, _allowed in MATRIX:
        response = client.get(build(world))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login")), name


def test_refusal_and_absence_look_the_same(client, world):
    client.force_login(world.users["supervisor"])
    refused = client.get(reverse("library:edit", args=[world.entry.pk]))
    missing = client.get(reverse("library:edit", args=[999_999]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content


def test_pages_offer_what_the_policy_allows(client, world):
    detail = reverse("library:detail", args=[world.entry.pk])
    for role in ALL_ROLES:
        client.force_login(world.users[role])
        response = client.get(detail)
        body = response.content.decode()
        editor = role in MAY["edit"]
        assert (reverse("library:edit", args=[world.entry.pk]) in body) is editor, role
        assert (reverse("library:retire", args=[world.entry.pk]) in body) is editor, role
        assert ("relation_form" in response.context) is editor, role
        listing = client.get(reverse("library:list")).content.decode()
        assert (reverse("library:create") in listing) is editor, role


def test_the_navigation_offers_the_library_to_every_signed_in_user(client, world):
    for role in ALL_ROLES:
        client.force_login(world.users[role])
        response = client.get(reverse("home"))
        assert response.context["nav"]["library"] is True, role
        assert reverse("library:list") in response.content.decode(), role


def test_a_member_with_charters_to_accept_still_reads_the_library(client, world):
    """Public texts are no case work: the charter gate does not apply."""
    from livc.charters import services as charter_services
    from livc.charters.models import CharterVersion

    charter_services.charter_publish(
        user=world.users["coordinator"],
        cell=world.cell,
        kind=CharterVersion.Kind.CONFIDENTIALITY,
        text="We keep it within the cell.",
        based_on=0,
    )
    client.force_login(world.users["partner"])
    assert client.get(reverse("library:list")).status_code == 200
    assert client.get(reverse("library:detail", args=[world.law.pk])).status_code == 200


def test_a_removed_relation_is_gone_and_logged(client, world):
    client.force_login(world.users["administrator"])
    response = client.post(reverse("library:relation_remove", args=[world.relation.pk]))
    assert response.status_code == 302
    assert not Relation.objects.filter(pk=world.relation.pk).exists()
    assert Entry.objects.filter(pk=world.entry.pk).exists()
    entry = AccessLogEntry.objects.filter(object_type="library_relation").last()
    assert (entry.object_id, entry.action, entry.role) == (
        world.relation.pk,
        "update",
        "administrator",
    )
