"""Compute and cache the indicator series supervisors read most: all cells, each region and
each province, over the current half-year and the three before, in every language.

Idempotent: each run recomputes and replaces the entries, so with a TTL longer than the
interval readers never wait. Suggested cron line (TTL 3600 s):

    */30 * * * *  cd /srv/livc && .venv/bin/python manage.py warm_figures --quiet
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from livc.monitoring import periods as periods_module
from livc.monitoring.figures_cache import ttl
from livc.monitoring.policies import SupervisorScope
from livc.monitoring.publication import published_series
from livc.monitoring.sections import TREND_PERIODS
from livc.monitoring.selectors import Areas, Selection, supervisor_selection


def common_scopes() -> list[tuple[str, Selection]]:
    """The selections of a federal supervisor: all cells, each region, each province. A
    region's cells (and areas) are also those of its half-yearly report."""
    areas = Areas.load(SupervisorScope(federal=True, region_ids=frozenset()))
    scopes = [("all", supervisor_selection(areas))]
    scopes += [
        (f"region {r.nis_code}", supervisor_selection(areas, region_id=r.pk)) for r in areas.regions
    ]
    scopes += [
        (f"province {p.nis_code}", supervisor_selection(areas, province_id=p.pk))
        for p in areas.provinces
    ]
    return [(label, selection) for label, selection in scopes if selection.cells]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--series", type=int, default=1,
            help="how many half-years to warm, each with its trend (1: the current one)",
        )  # fmt: skip
        parser.add_argument("--languages", default="", help="comma-separated (default: all)")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, series, languages, quiet, **options):
        if ttl() <= 0:
            raise CommandError("LIVC_FIGURES_CACHE_SECONDS is 0: the figures cache is off.")
        codes = [c for c in languages.split(",") if c] or [c for c, _n in settings.LANGUAGES]
        today = timezone.localdate()
        ending = [periods_module.current(today)]
        while len(ending) < series:
            ending.append(ending[-1].previous(1)[0])
        started = time.monotonic()
        scopes = common_scopes()
        count = 0
        for language in codes:
            with translation.override(language):
                for period in ending:
                    for _label, selection in scopes:
                        # Refreshes the exact series of every calendar period behind it too.
                        published_series(cell_ids=selection.cell_ids, today=today,
                                         periods=period.series(TREND_PERIODS),
                                         hierarchy=selection.hierarchy, refresh=True)  # fmt: skip
                        count += 1
        if not quiet:
            self.stdout.write(
                f"warm_figures: {count} series ({len(scopes)} scopes × {len(ending)} "
                f"half-year(s) × {len(codes)} language(s)) in {time.monotonic() - started:.1f} s"
            )
