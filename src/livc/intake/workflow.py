"""Allowed status changes of a signal, as data (DESIGN.md → Workflows)."""

from .models import Signal

S = Signal.Status
OUTCOMES = (S.CASE_OPENED, S.ADVISED, S.REFERRED, S.WITHDRAWN)

TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.IN_SCREENING, *OUTCOMES}),
    S.IN_SCREENING: frozenset(OUTCOMES),
}


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())
