"""Allowed phase changes of a case, as data (DESIGN.md → Workflows)."""

from .models import Case

P = Case.Phase

TRANSITIONS: dict[str, frozenset[str]] = {
    P.PREPARATION: frozenset({P.ACTIVE, P.ON_HOLD, P.CLOSED}),
    P.ACTIVE: frozenset({P.ON_HOLD, P.AFTERCARE, P.CLOSED}),
    P.ON_HOLD: frozenset({P.PREPARATION, P.ACTIVE, P.CLOSED}),
    P.AFTERCARE: frozenset({P.ACTIVE, P.CLOSED}),
    # Leaving `closed` is a reopening, with its own service and a mandatory reason.
    P.CLOSED: frozenset({P.ACTIVE}),
}


def allowed_next(phase: str) -> frozenset[str]:
    return TRANSITIONS.get(phase, frozenset())


def is_allowed(from_phase: str, to_phase: str) -> bool:
    return to_phase in allowed_next(from_phase)
