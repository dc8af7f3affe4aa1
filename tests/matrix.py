"""The role × view permission matrix that every app's permission test runs.

Besides the status, every request checks principle 2 of DESIGN.md: a response that shows a
subject's identity has written an access-log entry for that user, whatever its status
(a form error that re-renders a case page is a read too).
"""

import pytest

from livc.audit.models import AccessLogEntry
from livc.cases.models import Subject

from .casework import ROLES


def subject_names() -> set[str]:
    """Every subject's last name (decrypted): what no page may show unlogged."""
    return {s.last_name for s in Subject.objects.all() if s.last_name and len(s.last_name) > 3}


def assert_logged_if_identity_shown(response, user, names: set[str], entries_before: int):
    if response.get("Content-Type", "").split(";")[0] not in ("text/html", "application/json"):
        return
    body = response.content.decode(errors="replace")
    shown = sorted(name for name in names if name in body)
    if shown:
        after = AccessLogEntry.objects.filter(user_id=user.pk).count()
        assert after > entries_before, (
            f"answered {response.status_code} showing {shown} without an access-log entry"
        )


def matrix_test(matrix, *, world_fixture: str = "world", roles=ROLES):
    """A test requesting every view of `matrix` as every role.

    `matrix` rows are (name, method, url(world) -> str, {role: expected status}); a role not
    listed expects 404 (refusal looks like absence). The world comes from the fixture named
    `world_fixture`, whose `users` maps role names to users.
    """

    @pytest.mark.parametrize("role", roles)
    @pytest.mark.parametrize(
        ("view", "method", "url", "allowed"), matrix, ids=[row[0] for row in matrix]
    )
    def test_matrix(client, request, role, view, method, url, allowed):
        world = request.getfixturevalue(world_fixture)
        user = world.users[role]
        client.force_login(user)
        names = subject_names()
        before = AccessLogEntry.objects.filter(user_id=user.pk).count()
        response = getattr(client, method)(url(world), {})
        assert response.status_code == allowed.get(role, 404), f"{role} on {view}"
        assert_logged_if_identity_shown(response, user, names, before)

    return test_matrix
