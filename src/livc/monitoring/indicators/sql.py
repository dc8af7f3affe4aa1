"""The few queries the ORM cannot express portably: medians over live rows and tombstones
together, and facts inside the tombstones' JSON lists (phase history, organisations).

PostgreSQL computes the median itself (`percentile_cont`); SQLite, which only runs the
demo, gets the day counts grouped (a histogram: one row per distinct number of days, not
per record) and the median is read off that. JSON lists are unnested with
`jsonb_array_elements` (PostgreSQL) or `json_each` (SQLite), aggregated in the database.

The SQL text is assembled from code only (table names, compiled ORM queries, one
placeholder per value); every value travels as a parameter.
"""

from collections import defaultdict
from collections.abc import Sequence

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Func, IntegerField, QuerySet

from livc.retention.models import Tombstone

from .base import Parts, Scope


class DaysBetween(Func):
    """Whole days from `start` to `end` (two dates) as an integer, on both databases."""

    output_field = IntegerField()

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_sql(self, compiler, connection, **extra):
        end, end_params = compiler.compile(self.source_expressions[0])
        start, start_params = compiler.compile(self.source_expressions[1])
        return f"({end} - {start})", [*end_params, *start_params]

    def as_sqlite(self, compiler, connection, **extra):
        end, end_params = compiler.compile(self.source_expressions[0])
        start, start_params = compiler.compile(self.source_expressions[1])
        sql = f"CAST(ROUND(julianday({end}) - julianday({start})) AS INTEGER)"
        return sql, [*end_params, *start_params]


def _median(histogram: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}, interpolated like percentile_cont."""
    n = sum(histogram.values())
    if not n:
        return None
    wanted = ((n - 1) // 2, n // 2)  # 0-based positions of the middle value(s)
    found, seen = [], 0
    for value in sorted(histogram):
        count = histogram[value]
        found.extend(value for position in wanted if seen <= position < seen + count)
        seen += count
    return sum(found) / 2


def medians(
    querysets: Sequence[QuerySet],
) -> tuple[dict[int, float | None], dict[int, Parts]]:
    """Median days per period index, and the observations per period and cell.

    Each queryset is a `values_list("cell_id", "bucket", "days")` of the same shape; they
    are combined with UNION ALL in one query."""
    observations: dict[int, Parts] = defaultdict(dict)
    result: dict[int, float | None] = {}
    try:
        sql, params = querysets[0].union(*querysets[1:], all=True).query.sql_with_params()
    except EmptyResultSet:  # no cells: nothing to ask the database
        return result, observations
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""SELECT u.cell_id, u.bucket, GROUPING(u.cell_id),
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY u.days), COUNT(*)
                    FROM ({sql}) AS u(cell_id, bucket, days)
                    WHERE u.bucket IS NOT NULL
                    GROUP BY GROUPING SETS ((u.bucket), (u.cell_id, u.bucket))""",  # noqa: S608
                params,
            )
            for cell_id, bucket, all_cells, median, count in cursor.fetchall():
                if all_cells:
                    result[bucket] = float(median)
                else:
                    observations[bucket][cell_id] = count
            return result, observations
        cursor.execute(
            f"""SELECT u.cell_id, u.bucket, u.days, COUNT(*)
                FROM ({sql}) AS u WHERE u.bucket IS NOT NULL
                GROUP BY u.cell_id, u.bucket, u.days""",  # noqa: S608
            params,
        )
        histograms: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for cell_id, bucket, days, count in cursor.fetchall():
            histograms[bucket][days] += count
            observations[bucket][cell_id] = observations[bucket].get(cell_id, 0) + count
    return {bucket: _median(h) for bucket, h in histograms.items()}, observations


# Tombstone JSON ------------------------------------------------------------------------


def _in(values: Sequence) -> str:
    return ", ".join(["%s"] * len(values))


def _bucket_sql(scope: Scope, column: str) -> tuple[str, list]:
    whens, params = [], []
    for i, period in enumerate(scope.periods):
        whens.append(f"WHEN {column} BETWEEN %s AND %s THEN {i}")
        params += [period.start, period.end]
    return f"CASE {' '.join(whens)} END", params


def tombstone_phases_at(scope: Scope, ends: dict[int, object]) -> list[tuple[int, int, str, int]]:
    """(cell id, period index, phase, count) of purged cases open on each given day,
    their phase read from the phase history their tombstone keeps."""
    if not ends or not scope.cell_ids:
        return []
    table = Tombstone._meta.db_table
    values = ", ".join(["(%s, %s)"] * len(ends))
    params: list = []
    for i, day in ends.items():
        params += [i, day.isoformat()]
    if connection.vendor == "postgresql":
        last_phase = """SELECT h.step->>'to'
            FROM jsonb_array_elements(t.phase_history) WITH ORDINALITY AS h(step, n)
            WHERE h.step->>'on' <= e.day ORDER BY h.n DESC LIMIT 1"""
        day = "e.day::date"
    else:
        last_phase = """SELECT json_extract(h.value, '$.to') FROM json_each(t.phase_history) h
            WHERE json_extract(h.value, '$.on') <= e.day ORDER BY h.key DESC LIMIT 1"""
        day = "e.day"
    sql = f"""WITH e(i, day) AS (VALUES {values})
        SELECT t.cell_id, e.i, COALESCE(({last_phase}), 'preparation') AS phase, COUNT(*)
        FROM {table} t JOIN e ON t.opened_on <= {day}
            AND (t.closed_on IS NULL OR t.closed_on > {day})
        WHERE t.record_type = %s AND t.cell_id IN ({_in(scope.cell_ids)})
        GROUP BY t.cell_id, e.i, phase"""  # noqa: S608
    params += [Tombstone.RecordType.CASE, *scope.cell_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def tombstone_participation(scope: Scope) -> list[tuple[int, int, str, int, int]]:
    """(cell id, period index, organisation type, invited, declined) of purged cases
    opened in the periods, from the organisations list their tombstone keeps."""
    if not scope.cell_ids:
        return []
    table = Tombstone._meta.db_table
    bucket, bucket_params = _bucket_sql(scope, "t.opened_on")
    if connection.vendor == "postgresql":
        elements = "jsonb_array_elements(t.organisations) AS o(item)"
        kind, status = "o.item->>'type'", "o.item->>'status'"
    else:
        elements = "json_each(t.organisations) AS o"
        kind, status = "json_extract(o.value, '$.type')", "json_extract(o.value, '$.status')"
    sql = f"""SELECT t.cell_id, {bucket} AS bucket, {kind} AS kind, COUNT(*),
            SUM(CASE WHEN {status} = 'declined' THEN 1 ELSE 0 END)
        FROM {table} t, {elements}
        WHERE t.record_type = %s AND t.cell_id IN ({_in(scope.cell_ids)})
            AND t.opened_on BETWEEN %s AND %s
        GROUP BY t.cell_id, bucket, kind"""  # noqa: S608
    params = [
        *bucket_params,
        Tombstone.RecordType.CASE,
        *scope.cell_ids,
        scope.start,
        scope.end,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall() if row[1] is not None]
