"""Allowed changes of state of a polarisation situation and of an intervention, as data
(DESIGN.md → Workflows), and the questions about a state that pages and services ask
(never a state literal outside this module and the models).

Situation: `reported → diagnosed → in_treatment → monitoring → closed`, with two ways back:
a situation in monitoring flares up again (`monitoring → in_treatment`), and a closed
situation is reopened to monitoring, never further back: what was diagnosed and done stays
on record, and the cell watches before it treats again. A diagnosis may also conclude that
watching is enough (`diagnosed → monitoring`), and a report that turns out to be no
polarisation situation is closed straight away (`reported → closed`). Closing and reopening
need a written reason.
"""

from livc.core.workflow import Workflow

from .models import Intervention, Situation

S = Situation.State
SITUATION = Workflow(
    S,
    {
        S.REPORTED: {S.DIAGNOSED, S.CLOSED},
        S.DIAGNOSED: {S.IN_TREATMENT, S.MONITORING, S.CLOSED},
        S.IN_TREATMENT: {S.MONITORING, S.CLOSED},
        S.MONITORING: {S.IN_TREATMENT, S.CLOSED},
        S.CLOSED: {S.MONITORING},  # reopening, with a reason
    },
)
INITIAL = S.REPORTED
CLOSED = S.CLOSED
REOPENED = S.MONITORING  # the state a reopened situation returns to

I = Intervention.Status  # noqa: E741 - mirrors S
INTERVENTION = Workflow(
    I,
    {
        I.PLANNED: {I.ONGOING, I.COMPLETED, I.CANCELLED},
        I.ONGOING: {I.COMPLETED, I.CANCELLED},
    },
)


def is_closed(state: str) -> bool:
    return state == CLOSED


def targets(state: str) -> list[str]:
    """The states a situation in `state` may move to, in the order of the choices."""
    return [s for s in S.values if SITUATION.is_allowed(state, s)]


def needs_reason(from_state: str, to_state: str) -> bool:
    """Closing and reopening are explained in writing."""
    return is_closed(to_state) or is_closed(from_state)


def is_reopening(from_state: str, to_state: str) -> bool:
    return is_closed(from_state) and not is_closed(to_state)


def needs_contribution(to_state: str) -> bool:
    """A situation is diagnosed once at least one organisation has contributed an analysis."""
    return to_state == S.DIAGNOSED


def needs_intervention(to_state: str) -> bool:
    """A situation is in treatment once at least one intervention is planned (not cancelled)."""
    return to_state == S.IN_TREATMENT


def is_open(state: str) -> bool:
    """Open situations take contributions, interventions, reviews and edits; a closed one
    is reopened first."""
    return not is_closed(state)


OPEN_STATES = [s for s in S.values if is_open(s)]


def intervention_targets(status: str) -> list[str]:
    return [s for s in I.values if INTERVENTION.is_allowed(status, s)]


def intervention_is_live(status: str) -> bool:
    """An intervention that counts for treatment: planned, ongoing or completed."""
    return status != I.CANCELLED


LIVE_INTERVENTION_STATUSES = [s for s in I.values if intervention_is_live(s)]
