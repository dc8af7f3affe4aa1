"""Run queued half-yearly report jobs (for deployments that prefer a worker or cron to
the thread started after each request)."""

import time

from django.core.management.base import BaseCommand

from livc.monitoring.reports.jobs import run_queued


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0,
                            help="keep running, checking every N seconds")  # fmt: skip
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args, loop, limit, **options):
        while True:
            ran = run_queued(limit)
            self.stdout.write(f"report jobs run: {ran}")
            if not loop:
                return
            time.sleep(loop)
