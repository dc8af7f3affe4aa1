"""The role × view permission matrix that every app's permission test runs."""

import pytest

from .casework import ROLES


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
        client.force_login(world.users[role])
        response = getattr(client, method)(url(world), {})
        assert response.status_code == allowed.get(role, 404), f"{role} on {view}"

    return test_matrix
