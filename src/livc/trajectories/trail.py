"""Access-log entries about a plan, for its services (writes) and selectors (reads)."""

from livc.access.actor import actor_for
from livc.audit.services import record


def log(user, case, action: str, object_type: str, object_id: int, reason: str = "") -> None:
    record(
        actor=actor_for(user, case.cell_id),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_ref=case.code,
        case_id=case.pk,
        reason=reason,
    )
