from django.core.management.base import BaseCommand, CommandError

from livc.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the access log; exit 1 at the first tampered entry."

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.intact:
            raise CommandError(
                f"Access log chain broken at entry {report.first_broken_id} "
                f"({report.problem}); {report.checked} entries verified before it."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Access log intact: {report.checked} entries "
                f"({report.unsealed} recent entries not sealed yet)."
            )
        )
