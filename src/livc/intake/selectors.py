"""Reads on signals and consultations, already scoped by policies. The pages that show a
signal's or a consultation's content are built here, and log that read (DESIGN.md
principle 2) whatever the response status: a form error that shows the page again is a
read too."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from livc.cases import services as case_services
from livc.cases.models import Subject
from livc.cases.policies import visible_cases

from . import policies, services, workflow
from .models import Consultation, Signal

# Screening queue filters: "open" (awaiting the decision, the default) or one status.
OPEN_FILTER = "open"


def status_options(selected: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for the queue's status filter, "to screen" first."""
    options = [(OPEN_FILTER, _("To screen"))]
    options += [(value, label) for value, label in Signal.Status.choices]
    return [(value, label, value == selected) for value, label in options]


def screening_queue(*, user, status: str = OPEN_FILTER) -> tuple[QuerySet[Signal], str]:
    """The signals the user may read, filtered by `status` (an unknown value is the open
    queue), and the filter applied."""
    signals = policies.visible_signals(user).select_related("cell")
    if status in Signal.Status.values:
        return signals.filter(status=status), status
    return signals.filter(status__in=workflow.AWAITING_DECISION), OPEN_FILTER


def own_signals(*, user) -> QuerySet[Signal]:
    return policies.own_signals(user).select_related("cell").order_by("-received_on", "-id")


@dataclass(frozen=True)
class KnownSubject:
    """Screening hint: the same person seen before. Across cells only the cell is named;
    within the cell, records the reader may not read are only counted (`hidden`)."""

    same_cell: list[dict]
    other_cells: list[str]
    hidden: int = 0


def known_matches(*, signal: Signal, user=None) -> KnownSubject:
    """Re-signal detection by blind index: other subjects are compared by index only, under
    every configured key (a key rotation may be under way), never decrypted. With `user`,
    only the cases and signals they may read are named."""
    subject = signal.subject
    names, numbers = case_services.subject_lookup_indexes(
        subject.first_name, subject.last_name, subject.birth_date, subject.national_number
    )
    match = Subject.objects.exclude(pk=subject.pk).filter(name_index__in=names)
    if numbers:
        match = match | Subject.objects.exclude(pk=subject.pk).filter(
            national_number_index__in=numbers
        )
    same, other = [], set()
    for found in match.select_related("cell").prefetch_related("cases", "signals"):
        if found.cell_id == signal.cell_id:
            same.extend(
                {"kind": "case", "ref": c.code, "state": c.get_phase_display(), "pk": c.pk}
                for c in found.cases.all()
            )
            same.extend(
                {
                    "kind": "signal",
                    "ref": s.reference,
                    "state": s.get_status_display(),
                    "pk": s.pk,
                }
                for s in found.signals.all()
            )
        else:
            other.add(found.cell.name)
    if user is None or not same:
        return KnownSubject(same, sorted(other))
    readable = {
        "case": set(
            visible_cases(user)
            .filter(pk__in=[hit["pk"] for hit in same if hit["kind"] == "case"])
            .values_list("pk", flat=True)
        ),
        "signal": set(
            policies.visible_signals(user)
            .filter(pk__in=[hit["pk"] for hit in same if hit["kind"] == "signal"])
            .values_list("pk", flat=True)
        ),
    }
    shown = [hit for hit in same if hit["pk"] in readable[hit["kind"]]]
    return KnownSubject(shown, sorted(other), hidden=len(same) - len(shown))


def signal_page(*, user, signal: Signal, form) -> dict:
    """The context of a signal's page, for a user `access_signal` let through. Logs the
    read (one VIEW entry), whether the page answers 200 or shows a form error."""
    services.signal_viewed(user=user, signal=signal)
    return {
        "signal": signal,
        "known": known_matches(signal=signal, user=user),
        "can_screen": policies.can_decide(user, signal),
        "form": form,
    }


def consultation_page(*, user, consultation: Consultation, form) -> dict:
    """The context of a consultation's page; logs the read (one VIEW entry)."""
    services.consultation_viewed(user=user, consultation=consultation)
    return {
        "consultation": consultation,
        "can_answer": policies.can_answer(user, consultation),
        "can_convert": policies.can_convert(user, consultation),
        "form": form,
    }
