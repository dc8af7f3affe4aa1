"""Everything the platform holds about one subject, as plain data (GDPR art. 15).

`subject_data` returns a JSON-ready dict: the JSON export is that dict, the PDF renders
it. Choice fields come as `{"code", "label"}` (label in the active language), dates as
ISO strings, people as names (see `formatting`). Which models end up where is declared
in `coverage.py`.

The caller authorises and logs (services.subject_export); nothing here checks access.
"""

from django.db.models import Q
from django.utils import timezone

from livc.audit.models import AccessLogEntry
from livc.cases.models import Subject
from livc.intake.models import Consultation, Signal
from livc.organisations.models import Organisation

from . import formatting as f
from . import retention_bridge
from .export_cases import cases_data
from .models import SubjectRequest
from .selectors import subject_cases, subject_signals

FORMAT = "livc-subject-access/1"


# Identity and signals ----------------------------------------------------------------------


def _identity(subject: Subject) -> dict:
    return {
        "record_id": subject.pk,
        "first_name": subject.first_name,
        "last_name": subject.last_name,
        "birth_date": subject.birth_date,
        "national_number": subject.national_number,
        "municipality": subject.municipality.name if subject.municipality_id else None,
        "cell": subject.cell.name,
        "recorded_at": f.moment(subject.created_at),
    }


def _consultation(signal: Signal) -> dict | None:
    consultation = getattr(signal, "consultation", None)
    if consultation is None:
        return None
    return {
        "asked_at": f.moment(consultation.asked_at),
        "asked_by": f.name(consultation.asked_by),
        "organisation": f.org(consultation.organisation),
        "question": consultation.question,
        "phenomenon": f.choice(consultation, "phenomenon"),
        "answer": consultation.answer,
        "answered_by": f.name(consultation.answered_by),
        "answered_at": f.moment(consultation.answered_at),
    }


def _status(code: str) -> dict | None:
    """A signal status stored without choices on the transition rows."""
    if not code:
        return None
    label = Signal.Status(code).label if code in Signal.Status.values else code
    return {"code": code, "label": str(label)}


def _signal(signal: Signal) -> dict:
    return {
        "reference": signal.reference,
        "received_on": f.day(signal.received_on),
        "reporter_type": f.choice(signal, "reporter_type"),
        "reporting_organisation": f.org(signal.reporting_organisation),
        "reported_by": f.name(signal.reported_by),
        "observation": signal.observation,
        "behaviours": [str(label) for label in signal.behaviour_labels],
        "behaviour_other": signal.behaviour_other,
        "phenomenon": f.choice(signal, "phenomenon"),
        "prevention_level": f.choice(signal, "prevention_level"),
        "urgency": f.choice(signal, "urgency"),
        "status": f.choice(signal, "status"),
        "screening_due": f.day(signal.screening_due),
        "screening_reason": signal.screening_reason,
        "screened_by": f.name(signal.screened_by),
        "screened_at": f.moment(signal.screened_at),
        "case": signal.case.code if signal.case_id else None,
        "transitions": [
            {
                "at": f.moment(t.at),
                "from": _status(t.from_status),
                "to": _status(t.to_status),
                "by": f.name(t.by),
            }
            for t in signal.transitions.all()
        ],
        "consultation": _consultation(signal),
    }


def _signals(subject: Subject) -> list[dict]:
    signals = (
        subject_signals(subject)
        .select_related(
            "reporting_organisation",
            "reported_by",
            "screened_by",
            "case",
            "consultation__asked_by",
            "consultation__answered_by",
            "consultation__organisation",
        )
        .prefetch_related("transitions__by")
        .order_by("received_on", "id")
    )
    return [_signal(signal) for signal in signals]


# Requests and the access log ---------------------------------------------------------------


def _requests(subject: Subject) -> list[dict]:
    rows = subject.requests.select_related("decided_by").order_by("received_on", "id")
    return [
        {
            "reference": r.reference,
            "kind": f.choice(r, "kind"),
            "received_on": f.day(r.received_on),
            "due_on": f.day(r.due_on),
            "description": r.description,
            "decision": f.choice(r, "decision"),
            "decision_reason": r.decision_reason,
            "decided_on": f.day(r.decided_on),
            "decided_by": f.name(r.decided_by),
        }
        for r in rows
    ]


def access_log_filter(subject: Subject) -> Q:
    """Entries about the subject: on its cases (any part), its signals, consultations,
    requests, or the subject record itself (searches that found it, exports)."""
    signals = list(subject_signals(subject).values_list("pk", flat=True))
    consultation_ids = list(
        Consultation.objects.filter(signal__in=signals).values_list("pk", flat=True)
    )
    request_ids = list(SubjectRequest.objects.filter(subject=subject).values_list("pk", flat=True))
    condition = (
        Q(case_id__in=subject_cases(subject).values("pk"))
        | Q(object_type="subject", object_id=subject.pk)
        | Q(object_type="signal", object_id__in=signals)
        | Q(object_type="consultation", object_id__in=consultation_ids)
        | Q(object_type="subject_request", object_id__in=request_ids)
    )
    return condition | retention_bridge.access_log_filter(subject)


def _access_log(subject: Subject) -> list[dict]:
    # Imported here: cases.selectors pulls in the accounts app only this section needs.
    from livc.cases.selectors import users_by_id

    entries = list(AccessLogEntry.objects.filter(access_log_filter(subject)).order_by("id"))
    users = users_by_id(ids={e.user_id for e in entries})
    organisations = dict(
        Organisation.objects.filter(pk__in={e.organisation_id for e in entries}).values_list(
            "pk", "name"
        )
    )
    return [
        {
            "at": f.moment(e.at),
            "user": f.name(users.get(e.user_id)),
            "role": e.role,
            "organisation": organisations.get(e.organisation_id),
            "action": f.choice(e, "action"),
            "record_type": e.object_type,
            "record": e.object_ref or str(e.object_id),
            "reason": e.reason,
        }
        for e in entries
    ]


def subject_data(subject: Subject) -> dict:
    """The complete export of one subject record (see the module docstring)."""
    data = {
        "format": FORMAT,
        "generated_at": f.moment(timezone.now()),
        "identity": _identity(subject),
        "signals": _signals(subject),
        "cases": cases_data(subject),
        "requests": _requests(subject),
    }
    data.update(retention_bridge.sections(subject))
    data["access_log"] = _access_log(subject)
    return data
