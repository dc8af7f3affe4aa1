import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from livc.audit.models import AccessLogEntry
from livc.audit.services import Actor, record
from livc.cases.models import Subject
from livc.cases.services import subject_indexes

BATCH = 500
SYSTEM = Actor(user_id=None)


class Command(BaseCommand):
    help = (
        "Recompute every subject's blind indexes (name + birth date, national register "
        "number) with the first key of LIVC_BLIND_INDEX_KEYS. Run after prepending a new "
        "key; lookups match under every configured key meanwhile. Idempotent and "
        "resumable: rows already under the newest key are left alone. When it reports "
        "nothing left to do, the older keys can be removed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the subjects whose indexes would change.",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH)

    def handle(self, *args, dry_run=False, batch_size=BATCH, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        checked = changed = 0
        last = 0
        self.skipped: list[int] = []
        while True:
            batch_checked, batch_changed, last = self._batch(last, batch_size, dry_run)
            if not batch_checked:
                break
            checked += batch_checked
            changed += batch_changed
            self.stdout.write(f"… {checked} checked, {changed} to recompute", ending="\r")
        self.stdout.write("")
        if self.skipped:
            ids = ", ".join(map(str, self.skipped))
            self.stderr.write(
                f"Skipped {len(self.skipped)} subjects without a valid birth date: {ids}"
            )
        if dry_run:
            self.stdout.write(f"{changed} of {checked} subjects would be re-indexed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Re-indexed {changed} of {checked} subjects."))
            if not self.skipped:
                self.stdout.write(
                    "Every blind index now uses the newest key: the older keys can be removed "
                    "from LIVC_BLIND_INDEX_KEYS once every app process runs with this setting."
                )

    def _batch(self, after: int, size: int, dry_run: bool) -> tuple[int, int, int]:
        """One transaction: lock a batch (so a concurrent edit of an identity cannot be
        overwritten with an index of the old values), recompute, write what differs."""
        with transaction.atomic():
            subjects = list(
                Subject.objects.select_for_update()
                .filter(pk__gt=after)
                .order_by("pk")
                .only(
                    "first_name",
                    "last_name",
                    "birth_date",
                    "national_number",
                    "name_index",
                    "national_number_index",
                )[:size]
            )
            stale = []
            for subject in subjects:
                try:
                    birth_date = datetime.date.fromisoformat(subject.birth_date)
                except ValueError:
                    # Written outside the services; its index cannot be recomputed either.
                    self.skipped.append(subject.pk)
                    continue
                name_index, nn_index = subject_indexes(
                    subject.first_name, subject.last_name, birth_date, subject.national_number
                )
                if (name_index, nn_index) != (subject.name_index, subject.national_number_index):
                    subject.name_index, subject.national_number_index = name_index, nn_index
                    stale.append(subject)
            if stale and not dry_run:
                Subject.objects.bulk_update(stale, ["name_index", "national_number_index"])
                for subject in stale:
                    record(
                        actor=SYSTEM,
                        action=AccessLogEntry.Action.UPDATE,
                        object_type="subject",
                        object_id=subject.pk,
                        reason="blind-index key rotation",
                    )
        return len(subjects), len(stale), subjects[-1].pk if subjects else after
