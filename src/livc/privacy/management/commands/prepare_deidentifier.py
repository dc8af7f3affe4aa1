import time

from django.core.management.base import BaseCommand

from livc.privacy.deid import engine


class Command(BaseCommand):
    help = (
        "Build deduce's lookup cache for de-identified copies now (once per deduce version), "
        "so the first copy asked for in each app process does not pay for it. Optional: "
        "the cache is otherwise built on first use."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        engine.model()
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"De-identifier ready in {seconds:.1f} s."))
