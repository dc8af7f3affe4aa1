from django.core.management.base import BaseCommand

from livc.audit.chain import sealing_key
from livc.audit.services import seal


class Command(BaseCommand):
    help = (
        "Chain new access-log entries by keyed hash and anchor the new head outside the "
        "database (schedule every minute, e.g. with cron)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Sealed {seal()} access-log entries (key {sealing_key().id}).")
