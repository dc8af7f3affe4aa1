"""Synthetic data at scale for the benchmark, written with set-based SQL (PostgreSQL only).

Everything lives in a dedicated benchmark database (`<name>_bench`): 200 cells with five
organisations and five users each, one subject and one case per N, police plus two of
three partner organisations participating in each case with a named member, ~10
access-log rows per case (unsealed, as between two sealing runs) and ~5 plan actions per
case. Identity ciphertexts are shared (encrypted once): what is measured is the
platform's queries, not Fernet.
"""

import time

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from livc.accounts.models import User
from livc.audit.maintenance import log_maintenance
from livc.organisations.models import (
    Cell,
    CellMunicipality,
    Membership,
    Municipality,
    Organisation,
    Role,
)
from livc.privacy.crypto import encrypt

from . import monitoring
from .models import BenchDataset

# Bump when the dataset's shape changes: an older dataset is then rebuilt, not reused.
VERSION = 3  # 3: cells serve municipalities, closure dates, a supervisor (Part D)
CELLS = 200
PARTNER_KINDS = ("caw", "clb", "ocmw")
KINDS = {
    "city": (Organisation.Type.PREVENTION, Role.COORDINATOR),
    "police": (Organisation.Type.POLICE, Role.INFORMATION_OFFICER),
    "caw": (Organisation.Type.CAW, Role.PARTNER),
    "clb": (Organisation.Type.CLB, Role.PARTNER),
    "ocmw": (Organisation.Type.OCMW, Role.PARTNER),
}
PHASES = ("preparation", "active", "on_hold", "aftercare", "closed")


def _code(i: int) -> str:
    return "B" + "".join(chr(65 + (i // 26**k) % 26) for k in range(3))


def _table(label: str) -> str:
    return apps.get_model(label)._meta.db_table


def _sql(statement: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def build(cases: int, log=print) -> BenchDataset:
    """Build (or reuse) the dataset of `cases` cases; idempotent per size."""
    existing = BenchDataset.objects.filter(cases=cases, version=VERSION).first()
    if existing:
        log(f"reusing dataset of {cases} cases built {existing.built_at:%Y-%m-%d %H:%M}")
        return existing
    if connection.vendor != "postgresql":
        raise RuntimeError("The benchmark needs PostgreSQL.")
    started = time.monotonic()
    _wipe()
    _registry(log)
    _cases(cases, log)
    monitoring.closures(_table("cases.Case"))
    _sql("ANALYZE")
    dataset = BenchDataset.objects.create(
        cases=cases, version=VERSION, seconds=time.monotonic() - started
    )
    log(f"built {cases} cases in {dataset.seconds:.0f} s")
    return dataset


def _wipe() -> None:
    tables = [
        _table(label)
        for label in (
            "audit.AccessLogEntry", "audit.ChainHead", "cases.ParticipantMember",
            "cases.Participant", "cases.PhaseChange", "cases.AssessmentNote",
            "cases.AftercareCheckin", "intake.SignalTransition", "intake.Signal",
            "cases.Case", "cases.CaseCounter", "cases.Subject", "bench.BenchDataset",
        )
    ]  # fmt: skip
    tables += [m._meta.db_table for m in apps.get_app_config("trajectories").get_models()]
    tables += [m._meta.db_table for m in apps.get_app_config("conferences").get_models()]
    with log_maintenance():  # the owner rebuilding a benchmark database, never the app role
        _sql(f"TRUNCATE {', '.join(tables)} CASCADE")
    Membership.objects.filter(cell__code__startswith="B").delete()
    User.objects.filter(email__endswith="@bench.livc.test").delete()
    Organisation.objects.filter(name__startswith="Bench ").delete()
    CellMunicipality.objects.filter(cell__name__startswith="Bench ").delete()
    Cell.objects.filter(name__startswith="Bench ").delete()


@transaction.atomic
def _registry(log) -> None:
    municipalities = list(Municipality.objects.filter(valid_until__isnull=True).order_by("pk"))
    cells = Cell.objects.bulk_create(
        Cell(name=f"Bench cell {i:03d}", code=_code(i)) for i in range(CELLS)
    )
    organisations, users, memberships = [], [], []
    for i, cell in enumerate(cells):
        for kind, (org_type, _role) in KINDS.items():
            organisations.append(
                Organisation(name=f"Bench {kind} {cell.code}", type=org_type,
                             municipality=municipalities[i % len(municipalities)])
            )  # fmt: skip
            users.append(User(email=f"{kind}.{cell.code.lower()}@bench.livc.test",
                              full_name=f"Bench {kind} {cell.code}", password="!"))  # fmt: skip
    organisations = Organisation.objects.bulk_create(organisations)
    users = User.objects.bulk_create(users)
    rows = []
    for n, (organisation, user) in enumerate(zip(organisations, users, strict=True)):
        cell = cells[n // len(KINDS)]
        kind = list(KINDS)[n % len(KINDS)]
        memberships.append(Membership(user=user, cell=cell, organisation=organisation,
                                      role=KINDS[kind][1]))  # fmt: skip
        rows.append((cell.pk, kind, organisation.pk, user.pk))
    Membership.objects.bulk_create(memberships)
    _sql("DROP TABLE IF EXISTS bench_orgs")
    _sql("CREATE TABLE bench_orgs (cell_id bigint, kind text, org_id bigint, user_id bigint)")
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO bench_orgs VALUES (%s, %s, %s, %s)", rows)
    _sql("CREATE INDEX ON bench_orgs (cell_id, kind)")
    monitoring.areas(log)
    log(f"registry: {len(cells)} cells, {len(organisations)} organisations, {len(users)} users")


def _cases(n: int, log) -> None:
    first, last, birth = encrypt("Bench"), encrypt("Subject"), encrypt("2001-01-01")
    cell_ids = list(Cell.objects.filter(name__startswith="Bench ").values_list("pk", flat=True))
    municipality = Municipality.objects.order_by("pk").values_list("pk", flat=True).first()
    subject, case = _table("cases.Subject"), _table("cases.Case")
    participant, member = _table("cases.Participant"), _table("cases.ParticipantMember")
    steps = [
        ("subjects", f"""
            INSERT INTO {subject} (cell_id, first_name, last_name, birth_date, national_number,
                municipality_id, name_index, national_number_index, created_at)
            SELECT (%s::bigint[])[1 + g %% {len(cell_ids)}], %s, %s, %s, '', %s, md5(g::text),
                '', now()
            FROM generate_series(1, %s) g""", [cell_ids, first, last, birth, municipality, n]),
        ("cases", f"""
            INSERT INTO {case} (cell_id, code, subject_id, phase, phenomenon, prevention_level,
                consent, consent_by_guardian, not_informed_reason, closure_reason,
                closure_outcome, opened_on, version, updated_at)
            SELECT s.cell_id, 'BENCH-' || s.id, s.id,
                (ARRAY{list(PHASES)})[1 + s.id %% 5],
                (ARRAY['jihadist','right_wing','left_wing','polarisation'])[1 + s.id %% 4],
                (ARRAY['primary','secondary','tertiary'])[1 + s.id %% 3],
                '', false, '', '', '', current_date - (s.id %% 1500)::int, 1, now()
            FROM {subject} s""", []),
        ("participants", f"""
            INSERT INTO {participant} (case_id, organisation_id, status, decline_reason,
                invited_at)
            SELECT c.id, o.org_id, 'participating', '', now()
            FROM {case} c JOIN bench_orgs o ON o.cell_id = c.cell_id AND (
                o.kind = 'police'
                OR o.kind = (ARRAY{list(PARTNER_KINDS)})[1 + c.id %% 3]
                OR o.kind = (ARRAY{list(PARTNER_KINDS)})[1 + (c.id + 1) %% 3])""", []),
        ("named members", f"""
            INSERT INTO {member} (participant_id, user_id)
            SELECT p.id, o.user_id FROM {participant} p
            JOIN bench_orgs o ON o.org_id = p.organisation_id""", []),
        ("access log", f"""
            INSERT INTO {_table("audit.AccessLogEntry")} (at, user_id, role, organisation_id,
                cell_id, action, object_type, object_id, object_ref, case_id, reason,
                prev_hash, hash)
            SELECT now() - (k || ' days')::interval, o.user_id, 'partner', o.org_id, c.cell_id,
                'view', 'case', c.id, c.code, c.id, '', '', ''
            FROM {case} c JOIN bench_orgs o ON o.cell_id = c.cell_id AND o.kind = 'caw'
            CROSS JOIN generate_series(1, 10) k""", []),
    ]  # fmt: skip
    steps += _extra_steps(case)
    for label, statement, params in steps:
        started = time.monotonic()
        with transaction.atomic():
            _sql(statement, params)
        log(f"{label}: {time.monotonic() - started:.1f} s")


def _extra_steps(case_table: str) -> list:
    """Plan actions (~5 per case) and open signals, when those apps define them."""
    from livc.bench import extra

    return extra.steps(case_table, timezone.localdate())
