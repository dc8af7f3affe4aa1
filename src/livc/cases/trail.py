"""Access-log entries about a case, for its services (writes) and selectors (reads)."""

from livc.access.actor import actor_for
from livc.audit.models import AccessLogEntry
from livc.audit.services import record

A = AccessLogEntry.Action


def log(user, case, action: str, reason: str = "", object_type="case", object_id=None):
    record(
        actor=actor_for(user, case.cell_id),
        action=action,
        object_type=object_type,
        object_id=object_id or case.pk,
        object_ref=case.code,
        case_id=case.pk,
        reason=reason,
    )


def viewed(user, case) -> None:
    """A page showed the case's content (whatever its status: a form that came back with
    errors shows the case as much as the plain page)."""
    log(user, case, A.VIEW)
