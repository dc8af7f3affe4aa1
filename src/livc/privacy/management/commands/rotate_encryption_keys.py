from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from livc.privacy import crypto
from livc.privacy.fields import EncryptedTextField

BATCH = 1000


def encrypted_tables() -> list[tuple[str, str, list[str]]]:
    """(table, primary key column, encrypted columns) of every concrete model. Local fields
    only: an inherited field lives in the parent's table and is rotated there."""
    tables = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        columns = [f.column for f in meta.local_fields if isinstance(f, EncryptedTextField)]
        if columns:
            tables.append((meta.db_table, meta.pk.column, columns))
    return tables


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of LIVC_ENCRYPTION_KEYS. "
        "Run after prepending a new key; the old keys keep decrypting meanwhile. Batched, "
        "idempotent and resumable: values already under the newest key are left alone. "
        "When it reports nothing left to do, the old keys can be removed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the values that are not yet under the newest key.",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH)

    def handle(self, *args, dry_run=False, batch_size=BATCH, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        total = 0
        for table, pk, columns in encrypted_tables():
            count = self._rotate_table(table, pk, columns, batch_size, dry_run)
            if count:
                self.stdout.write(f"{table}: {count}")
            total += count
        if dry_run:
            self.stdout.write(f"{total} values would be re-encrypted.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} values."))

    @staticmethod
    def _rotate_table(
        table: str, pk: str, columns: list[str], batch_size: int, dry_run: bool
    ) -> int:
        """Rotate ciphertext in place, batch by batch, without loading models. Rows are
        locked while a batch runs, so an edit made meanwhile by the application is never
        overwritten with the old text."""
        quote = connection.ops.quote_name
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        select = (
            f"SELECT {quote(pk)}, {', '.join(map(quote, columns))} FROM {quote(table)} "  # noqa: S608
            f"WHERE {quote(pk)} > %s ORDER BY {quote(pk)} LIMIT {int(batch_size)}{lock}"
        )
        first = select.replace(f"WHERE {quote(pk)} > %s ", "")
        done, last = 0, None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(first if last is None else select, [] if last is None else [last])
                rows = cursor.fetchall()
                for row_pk, *values in rows:
                    stale = {
                        column: value
                        for column, value in zip(columns, values, strict=True)
                        if value and not crypto.is_current(value)
                    }
                    if not stale:
                        continue
                    done += len(stale)
                    if dry_run:
                        continue
                    assignments = ", ".join(f"{quote(column)} = %s" for column in stale)
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {assignments} WHERE {quote(pk)} = %s",  # noqa: S608
                        [*(crypto.rotate(value) for value in stale.values()), row_pk],
                    )
            if not rows:
                return done
            last = rows[-1][0]
