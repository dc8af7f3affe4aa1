from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from livc.core.totp import DEMO_TOTP_SECRET, current_code


class Command(BaseCommand):
    help = "Print the current six-digit code for the demo TOTP secret (demo only)."

    def add_arguments(self, parser):
        parser.add_argument("--secret", default=DEMO_TOTP_SECRET)

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("totp_code is a demo aid and refuses to run in production.")
        self.stdout.write(current_code(options["secret"]))
