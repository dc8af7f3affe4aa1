"""Allowed status changes of a plan action, as data (DESIGN.md → Workflows).

`open → in_progress → done | cancelled`; an open action may also be cancelled before work
starts. `done` and `cancelled` are final. Overdue is not a status: it is derived from the
due date (`Action.is_overdue`).
"""

from livc.core.workflow import Workflow

from .models import Action

S = Action.Status

FLOW = Workflow(
    Action.Status,
    {
        S.OPEN: frozenset({S.IN_PROGRESS, S.CANCELLED}),
        S.IN_PROGRESS: frozenset({S.DONE, S.CANCELLED}),
        S.DONE: frozenset(),
        S.CANCELLED: frozenset(),
    },
)
TRANSITIONS = FLOW.transitions


def allowed_next(status: str) -> frozenset[str]:
    return FLOW.allowed_next(status)


def is_allowed(from_status: str, to_status: str) -> bool:
    return FLOW.is_allowed(from_status, to_status)


def transition_choices(status: str) -> list[tuple[str, str]]:
    """The statuses an action in `status` can move to, with their labels, in table order."""
    return [(s, S(s).label) for s in S.values if is_allowed(status, s)]


CANCELLED = S.CANCELLED  # what closing a case does to its open actions
