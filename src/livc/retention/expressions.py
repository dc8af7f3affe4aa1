"""The retention rules of `rules` as SQL expressions, for lists, sorting and the purge.

Each `*_until` expression evaluates to the record's retention date (NULL while it must be
kept), with the cell's override read by a correlated subquery, so a queryset is
annotated without an extra query. Month arithmetic clamps to the month's last day on
both PostgreSQL and SQLite, exactly like `livc.core.dates.add_months`.
"""

import datetime

from django.db import NotSupportedError
from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate

from livc.cases.models import Case as CaseModel

from .models import LegalHold, RetentionOverride
from .rules import OUT_OF_SCOPE_STATUSES, default_periods


class AddMonths(Func):
    """`date` plus `months` calendar months, clamped to the last day of the month."""

    arity = 2
    output_field = DateField()

    def _parts(self, compiler):
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        return date_sql, tuple(date_params), months_sql, tuple(months_params)

    def as_postgresql(self, compiler, connection, **extra_context):
        date_sql, date_params, months_sql, months_params = self._parts(compiler)
        # date + interval clamps to the month's end in PostgreSQL.
        sql = f"(({date_sql}) + make_interval(months => ({months_sql})::int))::date"
        return sql, date_params + months_params

    def as_sqlite(self, compiler, connection, **extra_context):
        date_sql, date_params, months_sql, months_params = self._parts(compiler)
        # SQLite rolls Jan 31 + 1 month over to March: take the same day in the target
        # month, or that month's last day when it is earlier.
        same_day = (
            f"date({date_sql}, 'start of month', '+' || ({months_sql}) || ' months', "
            f"'+' || (CAST(substr({date_sql}, 9, 2) AS INTEGER) - 1) || ' days')"
        )
        last_day = (
            f"date({date_sql}, 'start of month', '+' || (({months_sql}) + 1) || ' months', "
            "'-1 days')"
        )
        params = date_params + months_params + date_params + date_params + months_params
        return f"min({same_day}, {last_day})", params

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("Retention dates are computed on PostgreSQL or SQLite only.")


def months(kind: str) -> Coalesce:
    """The period (`out_of_scope_months` or `closed_case_months`) of the row's cell."""
    override = RetentionOverride.objects.filter(cell=OuterRef("cell")).values(kind)[:1]
    return Coalesce(
        Subquery(override, output_field=IntegerField()),
        Value(getattr(default_periods(), kind)),
        output_field=IntegerField(),
    )


def case_until(prefix: str = "") -> Case:
    return Case(
        When(
            **{f"{prefix}phase": CaseModel.Phase.CLOSED, f"{prefix}closed_on__isnull": False},
            then=AddMonths(F(f"{prefix}closed_on"), months("closed_case_months")),
        ),
        default=None,
        output_field=DateField(),
    )


def signal_until(prefix: str = "") -> Case:
    return Case(
        When(**{f"{prefix}case__isnull": False}, then=case_until(f"{prefix}case__")),
        When(
            **{
                f"{prefix}status__in": OUT_OF_SCOPE_STATUSES,
                f"{prefix}screened_at__isnull": False,
            },
            then=AddMonths(TruncDate(f"{prefix}screened_at"), months("out_of_scope_months")),
        ),
        default=None,
        output_field=DateField(),
    )


def consultation_until() -> Case:
    return Case(
        When(signal__isnull=False, then=signal_until("signal__")),
        default=AddMonths(
            Coalesce(TruncDate("answered_at"), TruncDate("asked_at")),
            months("out_of_scope_months"),
        ),
        output_field=DateField(),
    )


def active_holds(today: datetime.date):
    return LegalHold.objects.filter(lifted_at__isnull=True).filter(
        Q(until__isnull=True) | Q(until__gte=today)
    )


def case_held(today: datetime.date, case_ref: str = "pk") -> Q:
    """An active hold on the case or on one of its signals."""
    holds = active_holds(today)
    return Q(Exists(holds.filter(case=OuterRef(case_ref)))) | Q(
        Exists(holds.filter(signal__case=OuterRef(case_ref)))
    )


def signal_held(today: datetime.date) -> Q:
    """An active hold on the signal, or on the case it follows."""
    return Q(Exists(active_holds(today).filter(signal=OuterRef("pk")))) | Q(
        case__isnull=False
    ) & case_held(today, "case")
