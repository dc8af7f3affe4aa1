"""Dataset steps for Part D: the cells' areas (so the supervisor dashboard and a region's
report place them), closure dates, and a federal supervisor."""

from django.db import connection

from livc.accounts.models import User
from livc.organisations.models import Cell, CellMunicipality, Membership, Municipality, Role

SUPERVISOR_EMAIL = "supervisor@bench.livc.test"


def areas(log) -> None:
    """Each bench cell serves up to three free municipalities, round-robin over the country
    (every region gets cells, the Flemish region the most)."""
    cells = list(Cell.objects.filter(name__startswith="Bench ").order_by("pk"))
    served = CellMunicipality.objects.filter(is_active=True).values("municipality")
    free = list(
        Municipality.objects.filter(valid_until__isnull=True)
        .exclude(pk__in=served)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rows = [
        CellMunicipality(cell=cells[n % len(cells)], municipality_id=pk)
        for n, pk in enumerate(free[: 3 * len(cells)])
    ]
    CellMunicipality.objects.bulk_create(rows)
    log(f"areas: {len(rows)} municipalities served")


def supervisor() -> User:
    user, _created = User.objects.get_or_create(
        email=SUPERVISOR_EMAIL, defaults={"full_name": "Bench supervisor", "password": "!"}
    )
    Membership.objects.get_or_create(user=user, role=Role.SUPERVISOR, region=None)
    return user


def closures(case_table: str) -> None:
    """Closed cases get a closure date within a year of opening (not in the future)."""
    with connection.cursor() as cursor:
        cursor.execute(f"""
            UPDATE {case_table}
            SET closed_on = LEAST(current_date, opened_on + (id % 365)::int),
                closure_reason = 'goals_reached'
            WHERE phase = 'closed'""")  # noqa: S608 (table name from the model)
