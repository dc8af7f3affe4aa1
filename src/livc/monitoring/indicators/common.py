"""Query helpers shared by the indicator modules: conditional counts, period buckets on
dates and moments, and the labels of the breakdown dimensions."""

import datetime
from collections.abc import Iterable

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.cases.choices import Phenomenon, PreventionLevel
from livc.intake.models import ReporterType
from livc.organisations.models import Organisation

from .base import Scope

UNKNOWN = ""


def counts(prefix: str, field: str, keys: Iterable[str], base: Q | None = None) -> dict:
    """One `Count` per key: `<prefix><key>` counts the rows where `field` equals the key."""
    return {f"{prefix}{key}": Count("pk", filter=Q(**{field: key}) & (base or Q())) for key in keys}


def columns(prefix: str, keys: Iterable[str]) -> list[str]:
    return [f"{prefix}{key}" for key in keys]


def with_unknown(rows: list[dict], prefix: str, keys: Iterable[str], total: str = "n") -> None:
    """Add `<prefix>` (the unknown key) to each row: what the known keys leave of the total
    (tombstones may lack a fact, e.g. a phenomenon never recorded)."""
    keys = list(keys)
    for row in rows:
        row[prefix + UNKNOWN] = row[total] - sum(row[f"{prefix}{key}"] or 0 for key in keys)


def moment_span(scope: Scope, field: str) -> dict:
    """A datetime field within the scope's dates, in the local time zone (index friendly)."""
    start = datetime.datetime.combine(scope.start, datetime.time.min)
    end = datetime.datetime.combine(scope.end + datetime.timedelta(days=1), datetime.time.min)
    return {
        f"{field}__gte": timezone.make_aware(start),
        f"{field}__lt": timezone.make_aware(end),
    }


def local_day(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=timezone.get_current_timezone())


# Breakdown labels ------------------------------------------------------------------------


def unknown_label() -> str:
    return _("not recorded")


def organisation_types() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in Organisation.Type.choices]


def sources() -> list[tuple[str, str]]:
    """Reporting organisation types, then citizen / family and anonymous consultation."""
    return [
        *organisation_types(),
        (ReporterType.CITIZEN.value, str(ReporterType.CITIZEN.label)),
        (ReporterType.CONSULTATION.value, str(ReporterType.CONSULTATION.label)),
    ]


def phenomena() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in Phenomenon.choices]


def levels() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in PreventionLevel.choices]


def keys(choices: list[tuple[str, str]]) -> list[str]:
    return [key for key, _label in choices]


def plus_unknown(choices: list[tuple[str, str]], tally, bucket: int, prefix: str):
    """The rows of `choices`, and an "unknown" row when something was counted there."""
    rows = tally.rows(bucket, choices, prefix)
    unknown = tally.parts(bucket, prefix + UNKNOWN)
    if unknown:
        rows.append((UNKNOWN, unknown_label(), unknown))
    return rows
