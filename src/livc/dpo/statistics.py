"""Per-user access statistics for one week of a cell, compared with peers.

Counting happens in the database (one GROUP BY over the cell's week, on the
`accesslog_cell_at` index); Python only sees one row per user. Nothing here scores a
person: a flag asks the DPO to look, the DPO judges (DESIGN.md principle 3).
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q

from livc.access.actor import ROLE_PRECEDENCE
from livc.accounts.models import User
from livc.audit.models import AccessLogEntry
from livc.organisations.models import Membership, Role

from .selectors import local_day_start

# A user is flagged when, in one week, they viewed more than FLAG_FACTOR times as many
# distinct cases as the median of their peers and at least FLAG_MIN_CASES, or exported
# more than FLAG_FACTOR times the peers' median and at least FLAG_MIN_EXPORTS times.
FLAG_FACTOR = 3
FLAG_MIN_CASES = 10
FLAG_MIN_EXPORTS = 5
# Peers are the other users with the same role in the cell; with fewer of them than this,
# all other users of the cell.
MIN_ROLE_PEERS = 3


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class UserWeek:
    user_id: int
    name: str
    role: str
    organisation: str
    former: bool
    entries: int = 0
    cases: int = 0
    exports: int = 0
    peer_group: str = ""  # "role", "cell" or "" (nobody to compare with)
    median_cases: float | None = None
    median_exports: float | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else self.role


@dataclass
class WeekStatistics:
    cell_id: int
    start: datetime.date
    rows: list[UserWeek]

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=6)

    @property
    def flagged(self) -> list[UserWeek]:
        return [row for row in self.rows if row.flagged]


def _unusual(value: int, median: float | None, minimum: int) -> bool:
    return median is not None and value >= minimum and value > FLAG_FACTOR * median


def _compare(rows: list[UserWeek]) -> None:
    for row in rows:
        peers = [o for o in rows if o is not row and o.role == row.role]
        row.peer_group = "role"
        if len(peers) < MIN_ROLE_PEERS:
            peers, row.peer_group = [o for o in rows if o is not row], "cell"
        if not peers:
            row.peer_group = ""
            continue
        row.median_cases = statistics.median(p.cases for p in peers)
        row.median_exports = statistics.median(p.exports for p in peers)
        if _unusual(row.cases, row.median_cases, FLAG_MIN_CASES):
            row.reasons.append("cases")
        if _unusual(row.exports, row.median_exports, FLAG_MIN_EXPORTS):
            row.reasons.append("exports")


def week_statistics(*, cell_id: int, start: datetime.date) -> WeekStatistics:
    """Every current member of the cell, and anyone else with entries in the cell that
    week, with entries, distinct cases viewed and exports (three queries)."""
    start = week_start(start)
    counts = {
        row["user_id"]: row
        for row in AccessLogEntry.objects.filter(
            cell_id=cell_id,
            at__gte=local_day_start(start),
            at__lt=local_day_start(start + datetime.timedelta(days=7)),
            user_id__isnull=False,
        )
        .values("user_id")
        .annotate(
            entries=Count("id"),
            cases=Count("case_id", distinct=True, filter=Q(action=AccessLogEntry.Action.VIEW)),
            exports=Count("id", filter=Q(action=AccessLogEntry.Action.EXPORT)),
            logged_role=Max("role"),
        )
        .order_by()
    }
    rows: dict[int, UserWeek] = {}
    memberships = (
        Membership.objects.filter(cell_id=cell_id, is_active=True)
        .select_related("user", "organisation")
        .order_by("user__full_name")
    )
    for m in sorted(memberships, key=lambda m: ROLE_PRECEDENCE.index(m.role)):
        if m.user_id not in rows:
            rows[m.user_id] = UserWeek(
                m.user_id, str(m.user), m.role, m.organisation.name, former=False
            )
    others = set(counts) - set(rows)
    for user in User.objects.filter(pk__in=others):
        rows[user.pk] = UserWeek(
            user.pk, str(user), counts[user.pk]["logged_role"], "", former=True
        )
    for user_id, row in rows.items():
        if user_id in counts:
            row.entries = counts[user_id]["entries"]
            row.cases = counts[user_id]["cases"]
            row.exports = counts[user_id]["exports"]
    ordered = sorted(rows.values(), key=lambda r: (-r.cases, -r.entries, r.name))
    _compare(ordered)
    return WeekStatistics(cell_id, start, ordered)
