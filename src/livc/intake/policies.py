"""Who may register, see and screen signals and consultations (DESIGN.md → Access model).

Refusal looks like absence (404). Nothing of a cell whose charters the user has not
accepted yet is visible (the charter gate, `cleared_cells_with_role`).

A signal is read by the cell's screeners (coordinator and information officer) while it
waits for the screening decision. After the decision it follows what it led to: a signal
that opened a case is visible to the screeners who may read that case (`visible_cases`);
one screened without a case (advice, referral, withdrawn) to the coordinator only. The
reporter sees the outcome of their own signals (reference, dates, outcome), never content.
"""

from django.db.models import Q, QuerySet

from livc.access.actor import cleared_cells_with_role
from livc.access.errors import NotFound, Refused
from livc.cases.policies import visible_cases
from livc.organisations.models import Role
from livc.organisations.selectors import cell_memberships

from . import workflow
from .models import Consultation, Signal

REPORTERS = (Role.COORDINATOR, Role.CHAIR, Role.INFORMATION_OFFICER, Role.PARTNER)
SCREENERS = (Role.COORDINATOR, Role.INFORMATION_OFFICER)
DECIDERS = (Role.COORDINATOR,)


# Reporting -------------------------------------------------------------------------------


def reporting_memberships(user):
    """Memberships through which the user may register a signal or ask for advice."""
    return [m for m in cell_memberships(user) if m.role in REPORTERS]


def can_report(user) -> bool:
    return bool(reporting_memberships(user))


def can_report_in(user, cell_id: int) -> bool:
    """Whether the user holds a reporting role in the cell (on behalf of any organisation)."""
    return any(m.cell_id == cell_id for m in reporting_memberships(user))


def reports_for(user, cell_id: int, organisation_id: int) -> bool:
    """Whether the user holds a reporting role in the cell on behalf of the organisation."""
    return any(
        m.cell_id == cell_id and m.organisation_id == organisation_id
        for m in reporting_memberships(user)
    )


# Signals ---------------------------------------------------------------------------------


def can_screen_any(user) -> bool:
    """Whether the user sees a screening queue: a screener of a cell whose charters they
    accepted."""
    return bool(cleared_cells_with_role(user, *SCREENERS))


def visible_signals(user) -> QuerySet[Signal]:
    """Signals whose content (identity, observation, decision) the user may read."""
    screeners = cleared_cells_with_role(user, *SCREENERS)
    if not screeners:
        return Signal.objects.none()
    deciders = cleared_cells_with_role(user, *DECIDERS)
    return Signal.objects.filter(
        Q(cell__in=screeners, status__in=workflow.AWAITING_DECISION)
        | Q(cell__in=screeners, case__in=visible_cases(user))
        | Q(cell__in=deciders, case__isnull=True)
    )


def own_signals(user) -> QuerySet[Signal]:
    """What a reporter sees of their own signals: reference, dates and outcome only."""
    return Signal.objects.filter(
        reported_by=user, cell__in=cleared_cells_with_role(user, *REPORTERS)
    )


def access_signal(user, signal_id: int) -> Signal:
    """The signal if the user may read it, else NotFound (whether or not it exists)."""
    signal = (
        visible_signals(user)
        .select_related("cell", "subject__municipality", "reporting_organisation", "case")
        .filter(pk=signal_id)
        .first()
    )
    if signal is None:
        raise NotFound
    return signal


def can_screen(user, signal: Signal) -> bool:
    """Decide on signals of the cell: its coordinator (charters accepted)."""
    return signal.cell_id in cleared_cells_with_role(user, *DECIDERS)


def can_decide(user, signal: Signal) -> bool:
    """Whether the screening decision can be taken now: `can_screen` and still open."""
    return can_screen(user, signal) and workflow.awaits_decision(signal.status)


def check_screen(user, signal: Signal) -> None:
    """NotFound when the user may not read the signal, Refused when they may read but not
    screen it."""
    if not visible_signals(user).filter(pk=signal.pk).exists():
        raise NotFound
    if not can_screen(user, signal):
        raise Refused


# Consultations ---------------------------------------------------------------------------


def visible_consultations(user) -> QuerySet[Consultation]:
    """The cell's consultations for its coordinator; their own questions for the asker."""
    return Consultation.objects.filter(
        Q(cell__in=cleared_cells_with_role(user, *DECIDERS))
        | Q(asked_by=user, cell__in=cleared_cells_with_role(user, *REPORTERS))
    )


def access_consultation(user, consultation_id: int) -> Consultation:
    consultation = (
        visible_consultations(user).select_related("cell").filter(pk=consultation_id).first()
    )
    if consultation is None:
        raise NotFound
    return consultation


def _decides_in(user, cell_id: int) -> bool:
    return cell_id in cleared_cells_with_role(user, *DECIDERS)


def can_answer(user, consultation: Consultation) -> bool:
    """Answer a consultation: the cell's coordinator, once."""
    return consultation.answered_at is None and _decides_in(user, consultation.cell_id)


def can_convert(user, consultation: Consultation) -> bool:
    """Turn a consultation into a signal: the cell's coordinator, once."""
    return consultation.signal_id is None and _decides_in(user, consultation.cell_id)


def check_decides(user, consultation: Consultation) -> None:
    """For answering or converting: NotFound when the user may not see the consultation,
    Refused when they see it (as its asker) but are not its cell's coordinator."""
    if not visible_consultations(user).filter(pk=consultation.pk).exists():
        raise NotFound
    if not _decides_in(user, consultation.cell_id):
        raise Refused
