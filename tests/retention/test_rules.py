"""The retention rule in Python and in SQL agree, month ends and leap years included."""

import datetime

import pytest
from django.db import connection
from django.db.models import DateField, IntegerField, Value

from livc.cases.models import Case
from livc.core.dates import add_months
from livc.retention.expressions import AddMonths

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2024, 8, 31), 6, D(2025, 2, 28)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2024, 5, 1), 60, D(2029, 5, 1)),
        (D(2020, 2, 29), 48, D(2024, 2, 29)),
        (D(2024, 10, 31), 14, D(2025, 12, 31)),
    ],
)
def test_add_months_in_python_and_sql(day, months, expected):
    assert add_months(day, months) == expected
    assert sql_add_months(day, months) == expected


def sql_add_months(day: datetime.date, months: int) -> datetime.date:
    expression = AddMonths(
        Value(day, output_field=DateField()), Value(months, output_field=IntegerField())
    )
    compiler = Case.objects.all().query.get_compiler(connection=connection)
    sql, params = compiler.compile(expression)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)
        value = cursor.fetchone()[0]
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
