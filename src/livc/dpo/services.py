"""Writes of the DPO tools: each look at the log leaves its own entry in the log.

What the DPO sees of the log (who did what, when) is metadata about people, so reading it
is accounted for like any other read. Reasons hold ids, codes and dates only.
"""

from django.db import transaction

from livc.access.actor import actor_for
from livc.audit.models import AccessLogEntry, ChainVerification
from livc.audit.services import record
from livc.audit.verification import verify_and_store

from .selectors import LogFilter

A = AccessLogEntry.Action


def access_log_searched(*, user, search: LogFilter) -> None:
    record(
        actor=actor_for(user, search.cell_id),
        action=A.LIST,
        object_type="access_log",
        object_id=search.cell_id,
        reason=search.summary(),
    )


def access_log_exported(*, user, search: LogFilter) -> None:
    record(
        actor=actor_for(user, search.cell_id),
        action=A.EXPORT,
        object_type="access_log",
        object_id=search.cell_id,
        reason=search.summary(),
    )


def statistics_viewed(*, user, cell_id: int, week: str) -> None:
    record(
        actor=actor_for(user, cell_id),
        action=A.LIST,
        object_type="access_statistics",
        object_id=cell_id,
        reason=week,
    )


def register_exported(*, user, cell_id: int) -> None:
    record(
        actor=actor_for(user, cell_id),
        action=A.EXPORT,
        object_type="processing_register",
        object_id=cell_id,
    )


@transaction.atomic
def chain_verify(*, user, cell_id: int) -> ChainVerification:
    """Verify the whole chain now (the DPO's button), store and log the result."""
    result = verify_and_store(user_id=user.pk)
    record(
        actor=actor_for(user, cell_id),
        action=A.VIEW,
        object_type="chain_verification",
        object_id=result.pk,
        reason="intact" if result.ok else f"broken at {result.first_bad_id}",
    )
    return result
