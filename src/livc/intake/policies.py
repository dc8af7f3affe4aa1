"""Who may register, see and screen signals and consultations."""

from django.db.models import Q, QuerySet
from django.http import Http404

from livc.organisations.models import Role
from livc.organisations.selectors import cell_memberships, cells_with_role

from .models import Consultation, Signal

REPORTERS = (Role.COORDINATOR, Role.CHAIR, Role.INFORMATION_OFFICER, Role.PARTNER)
SCREENERS = (Role.COORDINATOR, Role.INFORMATION_OFFICER)


def reporting_memberships(user):
    """Memberships through which the user may register a signal or ask for advice."""
    return [m for m in cell_memberships(user) if m.role in REPORTERS]


def can_report(user) -> bool:
    return bool(reporting_memberships(user))


def can_screen_any(user) -> bool:
    return bool(cells_with_role(user, *SCREENERS))


def screening_signals(user) -> QuerySet[Signal]:
    """Signals with content: for the coordinator and the information officer of the cell."""
    return Signal.objects.filter(cell__in=cells_with_role(user, *SCREENERS))


def own_signals(user) -> QuerySet[Signal]:
    """What a reporter sees of their own signals: reference, dates and outcome only."""
    return Signal.objects.filter(reported_by=user, cell__in=cells_with_role(user, *REPORTERS))


def access_signal(user, signal_id: int) -> Signal:
    signal = (
        screening_signals(user)
        .select_related("cell", "subject", "reporting_organisation", "case")
        .filter(pk=signal_id)
        .first()
    )
    if signal is None:
        raise Http404
    return signal


def can_screen(user, signal: Signal) -> bool:
    return signal.cell_id in cells_with_role(user, Role.COORDINATOR)


def visible_consultations(user) -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        Q(cell__in=cells_with_role(user, Role.COORDINATOR))
        | Q(asked_by=user, cell__in=cells_with_role(user, *REPORTERS))
    )


def access_consultation(user, consultation_id: int) -> Consultation:
    consultation = visible_consultations(user).filter(pk=consultation_id).first()
    if consultation is None:
        raise Http404
    return consultation


def can_answer(user, consultation: Consultation) -> bool:
    return consultation.cell_id in cells_with_role(user, Role.COORDINATOR)
