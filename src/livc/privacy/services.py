"""Making a de-identified copy: a read of personal data, so it is logged (as an export)."""

from django.db import transaction

from livc.access.actor import actor_for
from livc.audit.models import AccessLogEntry
from livc.audit.services import record

from .deid import DeidentifiedText, deidentify, subject_identifiers

REASON = "de-identified copy"


@transaction.atomic
def deidentified_copy(
    *, user, case, text: str, language: str, object_type: str, object_id: int
) -> DeidentifiedText:
    """A de-identified copy of `text` (a record of `case`), with the case subject's own
    identifiers replaced too. The caller has checked that the user may read the record."""
    copy = deidentify(text, language=language, known_identifiers=subject_identifiers(case.subject))
    record(
        actor=actor_for(user, case.cell_id),
        action=AccessLogEntry.Action.EXPORT,
        object_type=object_type,
        object_id=object_id,
        object_ref=case.code,
        case_id=case.pk,
        reason=REASON,
    )
    return copy
