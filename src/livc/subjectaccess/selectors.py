"""Reads for subject access pages, already scoped by policies."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from livc.cases.models import Case, Subject
from livc.intake.models import Signal

from . import policies
from .forms import DecisionForm
from .models import SubjectRequest

STATES = ("open", "overdue", "decided", "all")


def request_list(*, user, state: str = "open") -> QuerySet[SubjectRequest]:
    """Requests of the user's cells (coordinator or DPO); `state` as in STATES."""
    requests = policies.visible_requests(user).select_related("cell")
    pending = SubjectRequest.Decision.PENDING
    if state == "open":
        requests = requests.filter(decision=pending)
    elif state == "overdue":
        requests = requests.filter(decision=pending, due_on__lt=timezone.localdate())
    elif state == "decided":
        requests = requests.exclude(decision=pending)
    if state in ("open", "overdue"):
        return requests.order_by("due_on", "id")
    return requests.order_by("-received_on", "-id")


def subject_cases(subject: Subject) -> QuerySet[Case]:
    """The subject's cases, and those their signals were screened into: a re-signal of a
    person gets its own subject record, but the case it joined is about them too."""
    screened_into = Signal.objects.filter(subject=subject, case__isnull=False)
    return Case.objects.filter(Q(subject=subject) | Q(pk__in=screened_into.values("case_id")))


def subject_signals(subject: Subject) -> QuerySet[Signal]:
    """The subject's signals, and every signal of their cases (see `subject_cases`)."""
    return Signal.objects.filter(Q(subject=subject) | Q(case__in=subject_cases(subject)))


def subject_overview(*, subject: Subject) -> dict:
    """What the subject page lists: references of signals and cases, and the requests."""
    return {
        "signals": subject_signals(subject).order_by("received_on", "id"),
        "cases": subject_cases(subject).order_by("opened_on", "id"),
        "requests": subject.requests.order_by("-received_on", "-id"),
    }


# Pages that show a person or a request: built here, and the read logged, whatever the
# response status (a form error that shows the page again is a read too).
# (services is imported in the functions: it imports export, which imports this module.)


def subject_page(*, user, subject: Subject) -> dict:
    from . import services

    services.subject_viewed(user=user, subject=subject)
    return {"subject": subject, **subject_overview(subject=subject)}


def request_form_page(*, user, subject: Subject | None, form) -> dict:
    """The form for a new request; with a person named on it, that read is logged."""
    from . import services

    if subject is not None:
        services.subject_viewed(user=user, subject=subject)
    return {"form": form, "subject": subject}


def request_page(*, user, subject_request: SubjectRequest, form=None) -> dict:
    from . import services

    services.request_viewed(user=user, subject_request=subject_request)
    if form is None and policies.can_decide(user, subject_request):
        form = DecisionForm()
    return {
        "subject_request": subject_request,
        # A posted form comes back with its errors (e.g. "already decided").
        "decision_form": form,
        "can_export": policies.can_answer_with_export(user, subject_request),
    }
