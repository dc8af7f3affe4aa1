"""Foreign-key checks of a purge chunk, done set-based on PostgreSQL.

PostgreSQL checks foreign keys row by row: for each deleted row of a table others point
at, one lookup per pointing constraint, about thirty per purged case. That dominates the
purge. When the database role may set `session_replication_role` (a superuser, or on
PostgreSQL 15+ after `GRANT SET ON PARAMETER session_replication_role TO <role>`), a
chunk turns those per-row triggers off for its own transaction (`SET LOCAL`) and makes
the same checks itself, one query per constraint for the whole chunk, before it commits:

- for every constraint (read from the catalog, so none is missed) pointing at a table the
  chunk deleted from, no row is left pointing at a deleted key; constraints whose rows
  the chunk itself deleted or unlinked by those keys need no second look;
- the rows the chunk inserted point at rows that exist, locked FOR KEY SHARE as the
  trigger would lock them.

A violation raises IntegrityError and the chunk rolls back. Rows of other transactions
cannot slip in between: inserting a row that points at a row we delete needs a lock our
DELETE holds until commit. Elsewhere (SQLite, no privilege, a database with triggers of
its own, or the setting `LIVC_PURGE_SET_BASED_FK_CHECKS = False`) the database checks
as usual.
"""

from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.db import IntegrityError, connection

from .deletion import Deleted
from .sql import array, quote


def available() -> bool:
    """Whether this connection may skip per-row triggers (asked once per purge run)."""
    if connection.vendor != "postgresql":
        return False
    if not getattr(settings, "LIVC_PURGE_SET_BASED_FK_CHECKS", True):
        return False
    with connection.cursor() as cursor:
        if connection.pg_version >= 150000:
            cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
        else:
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        if not cursor.fetchone()[0]:
            return False
        # Replica mode silences ordinary triggers; ours (the access log's append-only rule)
        # are ENABLE ALWAYS and keep firing. If a trigger that replica mode would silence is
        # ever added, the purge falls back to the database's checks rather than skip it.
        cursor.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM pg_trigger WHERE NOT tgisinternal"
            " AND tgenabled <> 'A')"
        )
        return bool(cursor.fetchone()[0])


def begin() -> None:
    """Turn off per-row triggers until `end()` or the end of the transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")


def end() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")


@cache
def pointing_at(table: str) -> tuple[tuple[str, str], ...]:
    """(table, column) of every foreign-key constraint pointing at `table`."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, a.attname, array_length(c.conkey, 1)
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.confrelid = %s::regclass
            """,
            [quote(table)],
        )
        rows = cursor.fetchall()
    if any(width != 1 for _table, _column, width in rows):
        raise IntegrityError(f"multi-column foreign key on {table}: not checked set-based")
    return tuple((referring, column) for referring, column, _width in rows)


def verify(deleted: Deleted, inserted: dict[str, Iterable[int]]) -> None:
    """Raise IntegrityError if the chunk broke a foreign key (see the module docstring).

    `inserted` maps a referenced table to the keys the chunk's new rows point at."""
    with connection.cursor() as cursor:
        for table in deleted.unkeyed:
            if pointing_at(table):
                raise IntegrityError(f"{table} rows were deleted without their keys")
        for table, keys in deleted.keys.items():
            if not keys:
                continue
            for referring, column in pointing_at(table):
                if (referring, column) in deleted.covered:
                    continue
                cursor.execute(
                    f"SELECT 1 FROM {referring} WHERE {quote(column)} = ANY(%s::bigint[]) "  # noqa: S608
                    "LIMIT 1",
                    [array(keys)],
                )
                if cursor.fetchone():
                    raise IntegrityError(
                        f"the purge would leave {referring}.{column} pointing at deleted "
                        f"{table} rows"
                    )
        for table, keys in inserted.items():
            wanted = set(keys)
            if not wanted:
                continue
            cursor.execute(
                f"SELECT id FROM {quote(table)} WHERE id = ANY(%s::bigint[]) FOR KEY SHARE",  # noqa: S608
                [array(sorted(wanted))],
            )
            if len(cursor.fetchall()) != len(wanted):
                raise IntegrityError(f"tombstones would point at missing {table} rows")
