"""Stored results of the hash-chain check, and the seal status, for the DPO's screen.

`verify_chain` (checker) does the checking; this module runs it, times it and keeps the
outcome as a `ChainVerification` row, so "when was the log last verified, and was it
intact?" is answered without re-reading the whole log.
"""

import time
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import checker
from .checker import verify_chain
from .models import AccessLogEntry, ChainHead, ChainVerification

# The checker reports in English (logs, cron mail); the screen shows these translations.
PROBLEMS = {
    checker.PREVIOUS: _(
        "the entry does not follow the one before it (an entry was removed or inserted)"
    ),
    checker.CONTENT: _("the entry was changed after it was sealed"),
    checker.REMOVED_AFTER: _("entries after this one were removed"),
    checker.BEHIND: _("an entry was added behind the sealed chain"),
    checker.UNKEYED_AFTER_KEYED: _(
        "the entry claims to be sealed without a key, after keyed entries: it was rewritten"
    ),
    checker.ANCHOR_DIFFERS: _(
        "the entry differs from the head recorded outside the database: the chain was rewritten"
    ),
    checker.ANCHOR_MISSING: _(
        "the entry was recorded outside the database as sealed but is gone: entries were removed"
    ),
    checker.NOT_ANCHORED: _(
        "no sealed head is recorded outside the database: the anchor file is missing or empty"
    ),
    checker.UNKNOWN_KEY: _(
        "the entry was sealed with a key that is no longer configured and cannot be verified"
    ),
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
        legacy=report.legacy,
        unverifiable=report.unverifiable,
        anchored_id=report.anchored_id,
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
