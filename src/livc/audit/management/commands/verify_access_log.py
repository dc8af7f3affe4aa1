from django.core.management.base import BaseCommand, CommandError

from livc.audit.verification import verify_and_store


class Command(BaseCommand):
    help = (
        "Verify the keyed hash chain of the access log against LIVC_AUDIT_KEYS and the "
        "anchor file, and store the result for the DPO; exit 1 at the first tampered entry."
    )

    def handle(self, *args, **options):
        result = verify_and_store()
        if not result.ok:
            raise CommandError(
                f"Access log chain broken at entry {result.first_bad_id} "
                f"({result.problem}); {result.entries_checked} entries verified before it"
                + (
                    f"; {result.unverifiable} entries sealed with a key no longer configured."
                    if result.unverifiable
                    else "."
                )
            )
        anchored = (
            f"anchored up to entry {result.anchored_id}"
            if result.anchored_id
            else "no anchor checked"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Access log intact: {result.entries_checked} entries "
                f"({result.legacy} of them sealed before keyed sealing, without a key; "
                f"{anchored}; {result.unsealed} recent entries not sealed yet)."
            )
        )
