"""A server-side cache of computed, unsuppressed indicator series, so that pages over many
cells (the supervisor dashboard, a region's half-yearly report) do not aggregate a million
rows per request.

`cached_series(cell_ids=..., periods=..., today=...)` returns `(reports, computed_at)`:
the same list of `Report`s `indicators.compute_series` gives, and when they were
computed. The cache holds exact figures (with per-cell parts): it never leaves the server.
Anything shown outside a cell is made from them by `publication.published_series`, which
suppresses and audits them and caches that too, keyed by the selection's areas.

The key is everything the result depends on: the sorted cell ids, the period codes, the
day "overdue" is judged on, the indicator definitions, and the active language (row labels
and notes are translated when the figures are computed). Entries live
`settings.LIVC_FIGURES_CACHE_SECONDS` (default 3600; 0 turns the cache off);
`manage.py warm_figures` fills the common scopes ahead of readers.
"""

import datetime
import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from .definitions import DEFINITIONS
from .indicators import Figure, Report, compute_series
from .periods import Period

DEFAULT_SECONDS = 3600
# The code the figures come from: a deployment that changes an indicator, a definition or
# the suppression rules changes the keys, so nothing computed by older code is served.
_SOURCES = (Path(__file__).parent / "indicators", Path(__file__).parent)
_SOURCE_FILES = (
    "definitions.py",
    "suppression.py",
    "units.py",
    "across_periods.py",
    "audit.py",
    "audit_lp.py",
    "audit_model.py",
    "publication.py",
    "periods.py",
    "figures_cache.py",
)


def ttl() -> int:
    return int(getattr(settings, "LIVC_FIGURES_CACHE_SECONDS", DEFAULT_SECONDS))


@functools.cache
def code_version() -> str:
    digest = hashlib.sha256()
    files = sorted(_SOURCES[0].glob("*.py")) + [_SOURCES[1] / name for name in _SOURCE_FILES]
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cache_key(*, cell_ids: Iterable[int], periods: Sequence[Period], today: datetime.date) -> str:
    """The cache key of a series (ids only: no personal data, within the 250-character
    limit of the database cache)."""
    cells = ",".join(str(pk) for pk in sorted(set(cell_ids)))
    codes = ",".join(p.code for p in periods)  # in order: the reports come back in it
    scope = hashlib.sha256(f"{cells}/{codes}".encode()).hexdigest()[:32]
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"livc:figures:{code_version()}:{language}:{today.isoformat()}:{scope}"


def cached_series(
    *,
    cell_ids: Iterable[int],
    periods: Sequence[Period],
    today: datetime.date | None = None,
    refresh: bool = False,
) -> tuple[list[Report], datetime.datetime]:
    """The series of `compute_series` for these cells and periods, and when it was
    computed (now on a miss). `refresh=True` computes and stores it whatever is cached."""
    cell_ids = sorted(set(cell_ids))
    today = today or timezone.localdate()
    seconds = ttl()
    key = cache_key(cell_ids=cell_ids, periods=periods, today=today)
    if seconds > 0 and not refresh:
        hit = cache.get(key)
        if hit is not None:
            packed, computed_at = hit
            return unpack(packed), computed_at
    reports = compute_series(cell_ids=cell_ids, periods=periods, today=today)
    computed_at = timezone.now()
    if seconds > 0:
        cache.set(key, (pack(reports), computed_at), seconds)
    return reports, computed_at


# Definitions hold lazy translations, whose unpickling costs more than all the counts
# together: the cache stores each figure's code and takes the definition from the code.
_FIGURE_FIELDS = tuple(f.name for f in fields(Figure) if f.name != "definition")


def pack(reports: list[Report]) -> list[tuple]:
    """Reports as the cache stores them (`unpack` gives them back)."""
    return [
        (
            r.period,
            r.cell_ids,
            r.today,
            r.suppressed,
            [(f.code, *(getattr(f, name) for name in _FIGURE_FIELDS)) for f in r],
        )
        for r in reports
    ]


def unpack(packed: list[tuple]) -> list[Report]:
    return [
        Report(
            period=period,
            cell_ids=cell_ids,
            figures={
                code: Figure(DEFINITIONS[code], **dict(zip(_FIGURE_FIELDS, values, strict=True)))
                for code, *values in figures
            },
            today=today,
            suppressed=suppressed,
        )
        for period, cell_ids, today, suppressed, figures in packed
    ]
