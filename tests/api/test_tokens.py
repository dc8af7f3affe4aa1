"""Personal access tokens: hashed at rest, expiring, revocable, MFA-only, scoped."""

import datetime
import io

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from livc.api import services
from livc.api.models import ApiToken
from livc.trajectories.models import Action

from ..factories import UserFactory
from .conftest import ALL_SCOPES, bearer, issue

pytestmark = pytest.mark.django_db


def test_the_secret_never_reaches_the_database(world):
    token, secret = issue(world.users["partner"])
    assert secret.startswith("livc_") and len(secret) > 40
    assert token.prefix == secret[: services.PREFIX_LENGTH]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")  # noqa: S608
        rows = cursor.fetchall()
    dumped = repr(rows)
    assert secret not in dumped and secret[services.PREFIX_LENGTH :] not in dumped
    assert services.digest(secret) in dumped


def test_a_token_authenticates_its_user_and_marks_its_use(client, world):
    token, secret = issue(world.users["partner"])
    assert token.last_used_at is None
    response = client.get(reverse("api:me"), **bearer(secret))
    assert response.status_code == 200
    assert response.json()["email"] == world.users["partner"].email
    assert response.json()["memberships"][0]["role"] == "partner"
    assert response.json()["memberships"][0]["cell"] == world.cell.code
    assert response.json()["scopes"] == sorted(ALL_SCOPES)
    _, narrow = issue(world.users["partner"], scopes=["read:cases"])
    assert client.get(reverse("api:me"), **bearer(narrow)).json()["scopes"] == ["read:cases"]
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None
    client.get(reverse("api:me"), **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == first_use  # at most one write a minute


@pytest.mark.parametrize("spoil", ["expired", "revoked", "unknown", "inactive", "mfa_reset"])
def test_unusable_tokens_get_401(client, world, spoil):
    user = world.users["partner"]
    token, secret = issue(user)
    if spoil == "expired":
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
    elif spoil == "revoked":
        services.token_revoke(user=None, token=token)
    elif spoil == "unknown":
        secret += "x"
    elif spoil == "inactive":
        get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    else:
        Authenticator.objects.filter(user=user).delete()
    response = client.get(reverse("api:cases"), **bearer(secret))
    assert response.status_code == 401


def test_issue_refuses_users_without_mfa_and_bad_lifetimes(world):
    with pytest.raises(ValidationError) as error:
        issue(UserFactory(totp=False))
    assert "user" in error.value.message_dict
    for days in (0, 366):
        with pytest.raises(ValidationError) as error:
            issue(world.users["partner"], days=days)
        assert "days" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        issue(world.users["partner"], scopes=["admin:everything"])
    assert "scopes" in error.value.message_dict
    assert not ApiToken.objects.exists()


def test_management_command_prints_the_secret_once(world):
    out, err = io.StringIO(), io.StringIO()
    user = world.users["partner"]
    call_command(
        "issue_api_token", "--user", user.email, "--scopes", "read:cases", "--days", "30",
        stdout=out, stderr=err,
    )  # fmt: skip
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.digest == services.digest(secret) and token.scopes == ["read:cases"]
    assert secret not in err.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "issue_api_token", "--user", UserFactory(totp=False).email,
            "--scopes", "read:cases", "--days", "30", stdout=out, stderr=err,
        )  # fmt: skip


def test_scopes_are_enforced_per_endpoint(client, world):
    user = world.users["coordinator"]
    _, read_only = issue(user, scopes=["read:cases", "read:actions"])
    url = reverse("api:action", args=[world.action.pk])
    response = client.patch(
        url, {"status": "in_progress"}, content_type="application/json",
        HTTP_IF_MATCH='"1"', **bearer(read_only),
    )  # fmt: skip
    assert response.status_code == 403
    assert Action.objects.get(pk=world.action.pk).status == "open"
    _, cases_only = issue(user, scopes=["read:cases"])
    assert client.get(url, **bearer(cases_only)).status_code == 403
    assert client.get(reverse("api:actions"), **bearer(cases_only)).status_code == 403
    assert client.get(reverse("api:cases"), **bearer(cases_only)).status_code == 200
    _, actions_only = issue(user, scopes=["read:actions"])
    case_url = reverse("api:case", args=[world.case.pk])
    assert client.get(case_url, **bearer(actions_only)).status_code == 403


def test_admin_issues_and_revokes(client, world):
    from livc.organisations.models import Membership, Role

    admin_user = world.users["administrator"]
    assert Membership.objects.filter(user=admin_user, role=Role.ADMINISTRATOR).exists()
    client.force_login(admin_user)
    holder = world.users["partner"]
    response = client.post(
        reverse("admin:api_apitoken_add"),
        {"user": holder.pk, "name": "case system", "scopes": ["read:cases"], "days": 30},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert token.user == holder and token.created_by == admin_user
    shown = [str(m) for m in response.context["messages"]]
    secret = shown[0].rsplit(" ", 1)[-1]
    assert services.digest(secret) == token.digest
    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = client.post(
        reverse("admin:api_apitoken_add"),
        {"user": UserFactory(totp=False).pk, "name": "x", "scopes": ["read:cases"], "days": 30},
    )
    assert refused.status_code == 200 and ApiToken.objects.count() == 1
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("admin:api_apitoken_changelist")).status_code == 404
