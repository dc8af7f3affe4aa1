"""Access-log entries as the DPO reads them: names for ids, labels for codes.

Shared by the search page and the CSV export, so both always say the same thing.
"""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livc.audit.models import AccessLogEntry
from livc.organisations.models import Role

from .selectors import names

RECORD_TYPES = {
    "case": _("case"),
    "subject": _("subject"),
    "signal": _("signal"),
    "consultation": _("consultation"),
    "participant": _("participant"),
    "note": _("assessment note"),
    "checkin": _("aftercare check-in"),
    "plan": _("plan"),
    "goal": _("goal"),
    "action": _("action"),
    "progress_note": _("progress note"),
    "review": _("review"),
    "plan_dashboard": _("cell dashboard"),
    "my_actions": _("my actions"),
    "conference": _("case conference"),
    "conference_item": _("agenda item"),
    "conference_calendar": _("conference calendar"),
    "attestation": _("attestation"),
    "access_log": _("access log"),
    "access_statistics": _("access statistics"),
    "chain_verification": _("chain verification"),
    "processing_register": _("register of processing"),
}
EXPORT_BATCH = 2000


@dataclass(frozen=True)
class LogRow:
    id: int
    at: datetime
    user: str
    role: str
    organisation: str
    action: str
    record_type: str
    reference: str
    reason: str


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def record_type_label(object_type: str) -> str:
    return str(RECORD_TYPES.get(object_type, object_type.replace("_", " ")))


def _row(entry: AccessLogEntry, users: dict, organisations: dict) -> LogRow:
    return LogRow(
        id=entry.pk,
        at=entry.at,
        user=users.get(entry.user_id, str(entry.user_id or "—")),
        role=_label(Role, entry.role),
        organisation=organisations.get(entry.organisation_id, ""),
        action=_label(AccessLogEntry.Action, entry.action),
        record_type=record_type_label(entry.object_type),
        reference=entry.object_ref or f"#{entry.object_id}",
        reason=entry.reason,
    )


def log_rows(entries: Iterable[AccessLogEntry]) -> list[LogRow]:
    """Rows for one page (two queries for the names)."""
    entries = list(entries)
    users, organisations = names(
        user_ids={e.user_id for e in entries},
        organisation_ids={e.organisation_id for e in entries},
    )
    return [_row(e, users, organisations) for e in entries]


def _batches(entries) -> Iterator[list[LogRow]]:
    batch: list[AccessLogEntry] = []
    for entry in entries.iterator(chunk_size=EXPORT_BATCH):
        batch.append(entry)
        if len(batch) == EXPORT_BATCH:
            yield log_rows(batch)
            batch = []
    if batch:
        yield log_rows(batch)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: str) -> str:
    # A spreadsheet would run a cell starting with these as a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


CSV_HEADER = [
    _("id"),
    _("time"),
    _("user"),
    _("role"),
    _("organisation"),
    _("action"),
    _("record type"),
    _("reference"),
    _("reason"),
]


def csv_lines(entries) -> Iterator[str]:
    """The CSV export, streamed in batches so a long period never sits in memory."""
    writer = csv.writer(_Echo())
    yield writer.writerow([str(h) for h in CSV_HEADER])
    for rows in _batches(entries):
        for r in rows:
            yield writer.writerow(
                [
                    r.id,
                    timezone.localtime(r.at).isoformat(timespec="seconds"),
                    *[
                        _cell(str(v))
                        for v in (
                            r.user,
                            r.role,
                            r.organisation,
                            r.action,
                            r.record_type,
                            r.reference,
                            r.reason,
                        )
                    ],
                ]
            )
