"""Allowed status changes of a case conference, as data (DESIGN.md → Workflows)."""

from livc.core.workflow import Workflow

from .models import Conference

S = Conference.Status

FLOW = Workflow(
    Conference.Status,
    {
        S.PLANNED: frozenset({S.HELD}),
        S.HELD: frozenset({S.MINUTES_APPROVED}),
        # Approved minutes are final: nothing follows.
        S.MINUTES_APPROVED: frozenset(),
    },
)
TRANSITIONS = FLOW.transitions


def allowed_next(status: str) -> frozenset[str]:
    return FLOW.allowed_next(status)


def is_allowed(from_status: str, to_status: str) -> bool:
    return FLOW.is_allowed(from_status, to_status)


PLANNED, HELD, APPROVED = S.PLANNED, S.HELD, S.MINUTES_APPROVED


def agenda_open(status: str) -> bool:
    """The agenda and the invitations change while the conference is planned."""
    return status == PLANNED


def attendance_open(status: str) -> bool:
    """Attendance is recorded until the minutes are approved."""
    return status in (PLANNED, HELD)


def minutes_open(status: str) -> bool:
    """Minutes are written once the conference is held, until they are approved."""
    return status == HELD


def minutes_final(status: str) -> bool:
    return status == APPROVED


def minutes_expected(status: str) -> bool:
    """From the moment it is held, an item without minutes is missing them."""
    return status != PLANNED
