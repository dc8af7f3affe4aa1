"""Allowed status changes of a case conference, as data (DESIGN.md → Workflows)."""

from .models import Conference

S = Conference.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.HELD}),
    S.HELD: frozenset({S.MINUTES_APPROVED}),
    # Approved minutes are final: nothing follows.
    S.MINUTES_APPROVED: frozenset(),
}


def allowed_next(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in allowed_next(from_status)
