"""Allowed status changes of a plan action, as data (DESIGN.md → Workflows).

`open → in_progress → done | cancelled`; an open action may also be cancelled before work
starts. `done` and `cancelled` are final. Overdue is not a status: it is derived from the
due date (`Action.is_overdue`).
"""

from .models import Action

S = Action.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.DONE, S.CANCELLED}),
    S.DONE: frozenset(),
    S.CANCELLED: frozenset(),
}


def allowed_next(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in allowed_next(from_status)


def transition_choices(status: str) -> list[tuple[str, str]]:
    """The statuses an action in `status` can move to, with their labels, in table order."""
    return [(s, S(s).label) for s in S.values if is_allowed(status, s)]


CANCELLED = S.CANCELLED  # what closing a case does to its open actions
