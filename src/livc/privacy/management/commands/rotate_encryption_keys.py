from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from livc.privacy import crypto
from livc.privacy.fields import EncryptedTextField

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of LIVC_ENCRYPTION_KEYS. "
        "Run after prepending a new key; afterwards the old key can be removed."
    )

    def handle(self, *args, **options):
        total = 0
        for model in apps.get_models():
            columns = [f.column for f in model._meta.fields if isinstance(f, EncryptedTextField)]
            if columns:
                total += self._rotate_table(model._meta.db_table, model._meta.pk.column, columns)
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} records."))

    def _rotate_table(self, table: str, pk: str, columns: list[str]) -> int:
        """Rotate ciphertext in place, batch by batch, without decrypting into models."""
        quote = connection.ops.quote_name
        select = (
            f"SELECT {quote(pk)}, {', '.join(map(quote, columns))} FROM {quote(table)} "  # noqa: S608
            f"WHERE {quote(pk)} > %s ORDER BY {quote(pk)} LIMIT {BATCH}"
        )
        update = (
            f"UPDATE {quote(table)} SET {', '.join(f'{quote(c)} = %s' for c in columns)} "  # noqa: S608
            f"WHERE {quote(pk)} = %s"
        )
        done, last = 0, 0
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(select, [last])
                rows = cursor.fetchall()
                for row_pk, *values in rows:
                    cursor.execute(
                        update, [*(crypto.rotate(v) if v else v for v in values), row_pk]
                    )
            if not rows:
                return done
            done, last = done + len(rows), rows[-1][0]
