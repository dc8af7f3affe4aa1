"""Legal holds and tombstones of the retention app, in the subject access export.

A hold names one of the subject's cases or signals. A tombstone holds no identifier; it
belongs to the subject when it stands for one of their records or is linked to one (a
purged consultation that became their signal, for instance).
"""

from django.db.models import Q

from livc.cases.models import Subject
from livc.retention.models import LegalHold, Tombstone

from . import formatting as f
from .selectors import subject_cases, subject_signals


def _ids(subject: Subject) -> tuple[list[int], list[int]]:
    return (
        list(subject_cases(subject).values_list("pk", flat=True)),
        list(subject_signals(subject).values_list("pk", flat=True)),
    )


def _holds(case_ids: list[int], signal_ids: list[int]):
    return LegalHold.objects.filter(Q(case__in=case_ids) | Q(signal__in=signal_ids))


def _tombstones(case_ids: list[int], signal_ids: list[int]):
    T = Tombstone.RecordType
    return Tombstone.objects.filter(
        Q(record_type=T.CASE, original_id__in=case_ids)
        | Q(record_type=T.SIGNAL, original_id__in=signal_ids)
        | Q(case_original_id__in=case_ids)
        | Q(signal_original_id__in=signal_ids)
    )


def sections(subject: Subject) -> dict:
    case_ids, signal_ids = _ids(subject)
    holds = _holds(case_ids, signal_ids).select_related("placed_by", "lifted_by")
    tombstones = _tombstones(case_ids, signal_ids).order_by("purged_at", "id")
    return {
        "legal_holds": [
            {
                "record": h.reference,
                "reason": h.reason,
                "until": f.day(h.until),
                "placed_at": f.moment(h.placed_at),
                "placed_by": h.placed_by.full_name if h.placed_by else None,
                "lifted_at": f.moment(h.lifted_at),
                "lifted_by": h.lifted_by.full_name if h.lifted_by else None,
            }
            for h in holds.order_by("placed_at", "id")
        ],
        "tombstones": [
            {
                "record_type": {"code": t.record_type, "label": str(t.get_record_type_display())},
                "reference": t.reference or str(t.original_id),
                "reason": {"code": t.reason, "label": str(t.get_reason_display())},
                "retention_until": f.day(t.retention_until),
                "purged_at": f.moment(t.purged_at),
            }
            for t in tombstones
        ],
    }


def access_log_filter(subject: Subject) -> Q:
    """Entries about the subject's holds (those on a case also carry its case id)."""
    case_ids, signal_ids = _ids(subject)
    hold_ids = list(_holds(case_ids, signal_ids).values_list("pk", flat=True))
    return Q(object_type="legal_hold", object_id__in=hold_ids)
