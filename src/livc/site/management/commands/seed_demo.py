from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from livc.site import demo


class Command(BaseCommand):
    help = "Create (or refresh) three fictional demo cells with one user per role."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with production settings.")
        accounts = demo.seed_demo()
        width = max(len(account.email) for account in accounts)
        self.stdout.write(f"{'e-mail'.ljust(width)}  {'role'.ljust(20)}  cell")
        for account in accounts:
            self.stdout.write(
                f"{account.email.ljust(width)}  {account.role.value.ljust(20)}  {account.cell}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"\n{len(accounts)} demo accounts. Password: {demo.DEMO_PASSWORD}   "
                f"TOTP secret: {demo.DEMO_TOTP_SECRET} (add it to an authenticator app, "
                "or run: .venv/bin/python manage.py totp_code)"
            )
        )
