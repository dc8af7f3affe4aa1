"""Purge personal data past retention; leave tombstones. Schedule it nightly, e.g.

    15 2 * * *  cd /srv/livc && .venv/bin/python manage.py purge_expired

Safe to rerun at any time: it resumes where an interrupted run stopped and purges
nothing twice. A large backlog (e.g. the first run on old data) goes faster with
`--workers 2` or more on PostgreSQL.
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from livc.retention import purge


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today must be a date as YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Purge cases, signals and consultations past retention (not under a legal hold)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would go; change nothing"
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=purge.DEFAULT_BATCH_SIZE,
            help="records per transaction (default %(default)s)",
        )
        parser.add_argument(
            "--today", type=_date, default=None, help="purge as on this date (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="chunks purged in parallel, each on its own connection (PostgreSQL)",
        )

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        if options["workers"] < 1 or (options["workers"] > 1 and connection.vendor == "sqlite"):
            raise CommandError("--workers must be 1 on SQLite, and at least 1 elsewhere")
        today = options["today"]
        if options["dry_run"]:
            return self._dry_run(today)
        started = time.monotonic()
        result = purge.purge_expired(
            today=today,
            batch_size=options["batch_size"],
            triggered_by="purge_expired",
            workers=options["workers"],
        )
        seconds = time.monotonic() - started
        batch = result.batch
        self.stdout.write(
            self.style.SUCCESS(
                f"purge run {batch.pk} ({batch.today}): {batch.cases} cases, "
                f"{batch.signals} signals, {batch.consultations} consultations, "
                f"{batch.subjects} subjects purged; {batch.rows} rows in {seconds:.2f} s"
            )
        )

    def _dry_run(self, today):
        today = today or timezone.localdate()
        total = 0
        self.stdout.write(f"dry run as on {today}: nothing is changed")
        for row in purge.due(today):
            total += 1
            self.stdout.write(
                f"{row.record_type}\t{row.reference}\t{row.cell_code}\t{row.until.isoformat()}"
            )
        self.stdout.write(f"{total} records would be purged (with what follows them)")
