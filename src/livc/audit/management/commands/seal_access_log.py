from django.core.management.base import BaseCommand

from livc.audit.services import seal


class Command(BaseCommand):
    help = "Chain new access-log entries by hash (schedule every minute, e.g. with cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Sealed {seal()} access-log entries.")
