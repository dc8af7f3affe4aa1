"""Small SQL helpers for the purge: id-list filters and bulk row writes that stay cheap
with thousands of ids (one array parameter on PostgreSQL instead of thousands)."""

from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import BooleanField, Func

# SQLite limits the parameters of one statement; stay well below it.
SQLITE_CHUNK = 5000


class InIds(Func):
    """`expression IN ids` as a filter: `= ANY(%s)` with one array on PostgreSQL."""

    arity = 1
    output_field = BooleanField()
    conditional = True

    def __init__(self, expression, ids: Sequence[int]):
        super().__init__(expression)
        self.ids = list(ids)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} = ANY(%s::bigint[])", (*params, array(self.ids))

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        if not self.ids:
            return "1 = 0", tuple(params)
        return f"{sql} IN ({', '.join(['%s'] * len(self.ids))})", (*params, *self.ids)


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    if connection.vendor == "postgresql":
        yield ids
        return
    for start in range(0, len(ids), SQLITE_CHUNK):
        yield ids[start : start + SQLITE_CHUNK]


def array(ids: Sequence[int]) -> str:
    """A PostgreSQL array literal of integers: much cheaper to send than a list parameter."""
    return "{" + ",".join(map(str, ids)) + "}"


def _where_in(column: str, ids: Sequence[int]) -> tuple[str, list]:
    if connection.vendor == "postgresql":
        return f"{quote(column)} = ANY(%s::bigint[])", [array(ids)]
    return f"{quote(column)} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def delete_where_in(table: str, column: str, ids: Sequence[int]) -> int:
    deleted = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            where, params = _where_in(column, chunk)
            cursor.execute(f"DELETE FROM {quote(table)} WHERE {where}", params)  # noqa: S608
            deleted += cursor.rowcount
    return deleted


def delete_returning(table: str, column: str, ids: Sequence[int], returning: str) -> list:
    """Delete the rows whose `column` is in `ids`; their `returning` values."""
    found = []
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            where, params = _where_in(column, chunk)
            cursor.execute(
                f"DELETE FROM {quote(table)} WHERE {where} RETURNING {quote(returning)}",  # noqa: S608
                params,
            )
            found.extend(row[0] for row in cursor.fetchall())
    return found


def nullify_where_in(table: str, column: str, ids: Sequence[int]) -> int:
    updated = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            where, params = _where_in(column, chunk)
            cursor.execute(
                f"UPDATE {quote(table)} SET {quote(column)} = NULL WHERE {where}",  # noqa: S608
                params,
            )
            updated += cursor.rowcount
    return updated


def insert_rows(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    """Append rows fast: COPY on PostgreSQL, one prepared INSERT otherwise."""
    if not rows:
        return
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if hasattr(cursor.cursor, "copy"):  # psycopg 3
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)  # noqa: S608
