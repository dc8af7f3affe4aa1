"""Reads for the DPO tools: the access log of a cell, searched and paged cheaply.

The log can hold millions of rows. Every query here starts from one cell and a period, so
it runs on the `accesslog_cell_at` index (or `accesslog_user_at` / `accesslog_case` when a
user or a case narrows it further), and pages are cut with LIMIT/OFFSET without counting
the whole result: the count stops at COUNT_CAP.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from livc.access.params import parse_id
from livc.accounts.models import User
from livc.audit.models import AccessLogEntry
from livc.cases.models import Case
from livc.organisations.models import Cell, Membership, Organisation

PAGE_SIZE = 50
COUNT_CAP = 10_000
MAX_PAGE = 1_000_000  # far beyond any log, well inside what an OFFSET holds
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class LogFilter:
    """A search of one cell's access log; dates are local calendar days, both included."""

    cell_id: int
    date_from: datetime.date
    date_to: datetime.date
    user_id: int | None = None
    organisation_id: int | None = None
    code: str = ""
    action: str = ""

    @classmethod
    def default(cls, cell_id: int) -> "LogFilter":
        today = timezone.localdate()
        return cls(cell_id, today - datetime.timedelta(days=DEFAULT_DAYS - 1), today)

    def summary(self) -> str:
        """The search in ids and codes, for the reason column of the DPO's own log entry."""
        parts = [f"{self.date_from.isoformat()}..{self.date_to.isoformat()}"]
        for key, value in (
            ("user", self.user_id),
            ("org", self.organisation_id),
            ("code", self.code),
            ("action", self.action),
        ):
            if value:
                parts.append(f"{key}={value}")
        return " ".join(parts)


def local_day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def access_log_search(*, search: LogFilter) -> QuerySet[AccessLogEntry]:
    """Entries of the cell matching the search, newest first. The caller checks the cell."""
    entries = AccessLogEntry.objects.filter(
        cell_id=search.cell_id,
        at__gte=local_day_start(search.date_from),
        at__lt=local_day_start(search.date_to + datetime.timedelta(days=1)),
    )
    if search.user_id:
        entries = entries.filter(user_id=search.user_id)
    if search.organisation_id:
        entries = entries.filter(organisation_id=search.organisation_id)
    if search.action:
        entries = entries.filter(action=search.action)
    if search.code:
        # The reference matches even after the case was purged; the case id also finds
        # entries recorded without it.
        case_ids = list(
            Case.objects.filter(cell_id=search.cell_id, code=search.code).values_list(
                "pk", flat=True
            )
        )
        entries = entries.filter(Q(object_ref=search.code) | Q(case_id__in=case_ids))
    return entries.order_by("-at", "-id")


@dataclass
class LogPage:
    """One page of a result whose size is only known up to COUNT_CAP."""

    object_list: list
    number: int
    has_next: bool
    total: int
    total_capped: bool

    def __iter__(self):
        return iter(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def page_of(entries: QuerySet, page: str | None, per_page: int = PAGE_SIZE) -> LogPage:
    """Page `page` (the first when it is not a page number; beyond the result an empty
    page, never an offset the database cannot hold)."""
    number = min(parse_id(page) or 1, MAX_PAGE)
    start = (number - 1) * per_page
    rows = list(entries[start : start + per_page + 1])
    total = entries.order_by()[: COUNT_CAP + 1].count()
    return LogPage(
        rows[:per_page], number, len(rows) > per_page, min(total, COUNT_CAP), total > COUNT_CAP
    )


@dataclass(frozen=True)
class Person:
    pk: int
    name: str
    former: bool


def cell_people(*, cell_id: int) -> list[Person]:
    """Everyone who is or was a member of the cell, current members first (one query)."""
    current = Membership.objects.filter(cell_id=cell_id, user=OuterRef("pk"), is_active=True)
    users = (
        User.objects.filter(memberships__cell_id=cell_id)
        .annotate(current=Exists(current))
        .distinct()
        .order_by("full_name", "email")
        .values_list("pk", "full_name", "email", "current")
    )
    people = [Person(pk, name or email, not current) for pk, name, email, current in users]
    return sorted(people, key=lambda p: p.former)


def cell_organisations(*, cell_id: int) -> list[Organisation]:
    """Organisations on whose behalf anyone is or was a member of the cell."""
    return list(Organisation.objects.filter(memberships__cell_id=cell_id).distinct())


def names(*, user_ids, organisation_ids) -> tuple[dict[int, str], dict[int, str]]:
    """Display names for one page of entries (two queries, whatever the page size)."""
    users = User.objects.filter(pk__in={i for i in user_ids if i}).values_list(
        "pk", "full_name", "email"
    )
    organisations = Organisation.objects.filter(
        pk__in={i for i in organisation_ids if i}
    ).values_list("pk", "name")
    return {pk: name or email for pk, name, email in users}, dict(organisations)


def cells(*, cell_ids: set[int]) -> list[Cell]:
    return list(Cell.objects.filter(pk__in=cell_ids).order_by("name"))
