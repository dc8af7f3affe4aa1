"""Allowed phase changes of a case, as data (DESIGN.md → Workflows), and the questions
about a phase that pages and services ask (never a phase literal outside this module and
the models)."""

from livc.core.workflow import Workflow

from .models import Case

P = Case.Phase

FLOW = Workflow(
    Case.Phase,
    {
        P.PREPARATION: frozenset({P.ACTIVE, P.ON_HOLD, P.CLOSED}),
        P.ACTIVE: frozenset({P.ON_HOLD, P.AFTERCARE, P.CLOSED}),
        P.ON_HOLD: frozenset({P.PREPARATION, P.ACTIVE, P.CLOSED}),
        P.AFTERCARE: frozenset({P.ACTIVE, P.CLOSED}),
        # Leaving `closed` is a reopening, with its own service and a mandatory reason.
        P.CLOSED: frozenset({P.ACTIVE}),
    },
)
TRANSITIONS = FLOW.transitions
CLOSED = P.CLOSED
REOPENED = P.ACTIVE  # the phase a reopened case returns to
AFTERCARE = P.AFTERCARE  # entering it plans the check-ins


def allowed_next(phase: str) -> frozenset[str]:
    return FLOW.allowed_next(phase)


def is_allowed(from_phase: str, to_phase: str) -> bool:
    return FLOW.is_allowed(from_phase, to_phase)


def is_closed(phase: str) -> bool:
    return phase == CLOSED


def phase_change_targets(phase: str) -> list[str]:
    """Phases a plain phase change leads to, in the order of the choices: closing and
    reopening have their own services (with a reason), so neither is among them."""
    if is_closed(phase):
        return []
    return [p for p in P.values if p in allowed_next(phase) and p != CLOSED]


def phase_change_choices(phase: str) -> list[tuple[str, str]]:
    return [(p, P(p).label) for p in phase_change_targets(phase)]


def can_close(phase: str) -> bool:
    return is_allowed(phase, CLOSED)


def can_reopen(phase: str) -> bool:
    return is_closed(phase)


def takes_participants(phase: str) -> bool:
    """Organisations are invited to a case until it is closed."""
    return not is_closed(phase)


def on_agenda(phase: str) -> bool:
    """A case can be put on a conference agenda until it is closed."""
    return not is_closed(phase)
