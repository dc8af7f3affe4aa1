"""Deliberate maintenance on the access-log table, for roles that own it.

On PostgreSQL a trigger (migration 0004) refuses every UPDATE, DELETE and TRUNCATE of the
access log except the sealing step, and any INSERT of an already sealed entry. It lets a
statement through only inside `log_maintenance()`, and only for a role that owns the table
(or a superuser): such a role could drop the trigger anyway, so this grants it nothing new,
while the application role, which should not own the table, can never pass. On SQLite
there is no trigger and this does nothing.
"""

from contextlib import contextmanager

from django.db import connections, transaction

SETTING = "livc.audit_maintenance"


@contextmanager
def log_maintenance(using: str = "default"):
    """Run the block in a transaction in which the table owner may rewrite the access log.

    Meant for wiping a database (`flush`, tests, benchmarks), never for editing entries:
    any change to a sealed entry is reported by `verify_access_log` all the same.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor != "postgresql":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [SETTING])
        yield
        # Inside an outer transaction the setting would outlive this block.
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'off', true)", [SETTING])
