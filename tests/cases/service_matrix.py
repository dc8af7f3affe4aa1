"""The role × service permission matrix: the services refuse by themselves what the pages
refuse, so a client that posts directly, the API or another app meets the same rules.

Rows are derived from the HTTP matrices' declarations where a service stands behind a
page (`allowed_by`): the roles that get anything but 404 there are the roles the service
accepts. A refused role gets NotFound when it may not see the record (absence, as on the
page), Refused (PermissionDenied) when it sees it but may not do this.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..casework import ROLES


def allowed_by(matrix, name: str, method: str | None = None) -> frozenset[str]:
    """The roles an HTTP matrix row lets through (any status but 404)."""
    rows = [r for r in matrix if r[0] == name and (method is None or r[1] == method)]
    assert len(rows) == 1, f"no single row {name} {method or ''} in the HTTP matrix"
    return frozenset(role for role, status in rows[0][-1].items() if status != 404)


@dataclass(frozen=True)
class Row:
    service: str
    call: Callable  # (world, user) -> anything; valid input for an allowed role
    allowed: frozenset[str]
    readers: frozenset[str]  # who sees the record: refused readers get Refused, not 404
    setup: Callable | None = None  # (world) -> None, as the cell's coordinator would

    def __post_init__(self):
        assert self.allowed <= self.readers, f"{self.service}: allowed roles must be readers"


def service_matrix_test(rows: list[Row], *, world_fixture: str = "world", roles=ROLES):
    @pytest.mark.parametrize("role", roles)
    @pytest.mark.parametrize("row", rows, ids=[r.service for r in rows])
    def test_service_matrix(request, role, row):
        world = request.getfixturevalue(world_fixture)
        if row.setup:
            row.setup(world)
        user = world.users[role]
        if role in row.allowed:
            row.call(world, user)
            return
        with pytest.raises((Http404, PermissionDenied)) as refused:
            row.call(world, user)
        expected = PermissionDenied if role in row.readers else Http404
        assert isinstance(refused.value, expected), f"{role} on {row.service}: {refused.value!r}"

    return test_service_matrix
