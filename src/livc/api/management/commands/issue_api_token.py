"""Issue a personal access token from the command line; the secret is printed once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from livc.accounts.models import User
from livc.api import services


class Command(BaseCommand):
    help = "Issue a personal access token for a user with MFA; prints the secret once."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the holder's e-mail address")
        parser.add_argument(
            "--scopes", required=True, nargs="+", help="e.g. read:cases read:actions"
        )
        parser.add_argument("--days", required=True, type=int, help="validity, 1 to 365")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args, **options):
        holder = User.objects.filter(email__iexact=options["user"]).first()
        if holder is None:
            raise CommandError("No user with that e-mail address.")
        scopes = [s for scope in options["scopes"] for s in scope.replace(",", " ").split()]
        try:
            token, secret = services.token_issue(
                user=None,
                holder=holder,
                name=options["name"] or f"issued by command for {holder.email}",
                scopes=scopes,
                days=options["days"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stderr.write(
            f"Token {token.prefix}… for {holder.email}, scopes {' '.join(token.scopes)}, "
            f"expires {token.expires_at:%Y-%m-%d}. The secret is shown once:"
        )
        self.stdout.write(secret)
