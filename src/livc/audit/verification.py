"""Stored results of the hash-chain check, and the seal status, for the DPO's screen.

`verify_chain` (services) does the checking; this module runs it, times it and keeps the
outcome as a `ChainVerification` row, so "when was the log last verified, and was it
intact?" is answered without re-reading the whole log.
"""

import time
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AccessLogEntry, ChainHead, ChainVerification
from .services import verify_chain

# The checker reports in English (logs, cron mail); the screen shows these translations.
PROBLEMS = {
    "previous hash does not match": _(
        "the entry does not follow the one before it (an entry was removed or inserted)"
    ),
    "content does not match its hash": _("the entry was changed after it was sealed"),
    "entries after this one were removed": _("entries after this one were removed"),
    "entry added behind the sealed chain": _("an entry was added behind the sealed chain"),
}


def problem_display(problem: str) -> str:
    return PROBLEMS.get(problem, problem)


def verify_and_store(*, user_id: int | None = None) -> ChainVerification:
    """Verify the whole chain now and store the outcome (one row per run).

    `user_id` is the person who asked for it from the screen; None for the command.
    """
    started = time.monotonic()
    report = verify_chain()
    return ChainVerification.objects.create(
        at=timezone.now(),
        ok=report.intact,
        entries_checked=report.checked,
        first_bad_id=report.first_broken_id,
        problem=report.problem,
        unsealed=report.unsealed,
        duration_ms=round((time.monotonic() - started) * 1000),
        trigger=ChainVerification.Trigger.USER if user_id else ChainVerification.Trigger.COMMAND,
        user_id=user_id,
    )


def latest_verification() -> ChainVerification | None:
    return ChainVerification.objects.order_by("-at", "-id").first()


@dataclass(frozen=True)
class SealStatus:
    sealed_up_to: int
    unsealed: int
    oldest_unsealed_at: datetime | None


def seal_status() -> SealStatus:
    """How far the chain is sealed and what waits for the next sealing run.

    Both reads use the partial index on unsealed entries, so this stays cheap on a large log.
    """
    head = ChainHead.objects.filter(pk=1).values_list("last_id", flat=True).first()
    waiting = AccessLogEntry.objects.filter(hash="").aggregate(oldest=Min("at"), count=Count("id"))
    return SealStatus(head or 0, waiting["count"], waiting["oldest"])
