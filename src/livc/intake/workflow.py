"""Allowed status changes of a signal, as data (DESIGN.md → Workflows)."""

from livc.core.workflow import Workflow

from .models import Signal

S = Signal.Status
OUTCOMES = (S.CASE_OPENED, S.ADVISED, S.REFERRED, S.WITHDRAWN)
# Statuses in which the screening decision is still to be taken.
AWAITING_DECISION = tuple(Signal.OPEN_STATUSES)

FLOW = Workflow(
    Signal.Status,
    {
        S.RECEIVED: frozenset({S.IN_SCREENING, *OUTCOMES}),
        S.IN_SCREENING: frozenset(OUTCOMES),
    },
)
TRANSITIONS = FLOW.transitions


def is_allowed(from_status: str, to_status: str) -> bool:
    return FLOW.is_allowed(from_status, to_status)


def awaits_decision(status: str) -> bool:
    return status in AWAITING_DECISION


def outcome_choices() -> list[tuple[str, str]]:
    """The screening decisions, as (value, label) for a form."""
    return [(outcome.value, outcome.label) for outcome in OUTCOMES]
