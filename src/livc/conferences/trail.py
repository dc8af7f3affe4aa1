"""Access-log entries about conferences, for their services (writes) and selectors (reads)."""

from django.db import transaction

from livc.access.actor import actor_for
from livc.audit.models import AccessLogEntry
from livc.audit.services import record

A = AccessLogEntry.Action


def log(user, conference, action: str, object_type: str, object_id: int, **kw) -> None:
    record(
        actor=actor_for(user, conference.cell_id),
        action=action,
        object_type=object_type,
        object_id=object_id,
        **kw,
    )


def log_item(
    user, item, action: str, object_type="conference_item", object_id=None, reason=""
) -> None:
    """Entries about an item carry its case (id and code), so they show in the case's log."""
    log(
        user,
        item.conference,
        action,
        object_type,
        object_id or item.pk,
        object_ref=item.case.code,
        case_id=item.case_id,
        reason=reason,
    )


def items_viewed(user, items, *, minutes_shown: bool = True) -> None:
    """A page showed these items (and, if `minutes_shown`, their minutes)."""
    with transaction.atomic():
        for item in items:
            log_item(user, item, A.VIEW)
            minutes = getattr(item, "minutes", None) if minutes_shown else None
            if minutes is not None:
                log_item(user, item, A.VIEW, "minutes", minutes.pk)


def conference_viewed(user, conference, items) -> None:
    """The conference page was shown, with `items` and their minutes."""
    with transaction.atomic():
        log(user, conference, A.VIEW, "conference", conference.pk)
        items_viewed(user, items)
