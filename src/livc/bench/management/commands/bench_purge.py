"""Benchmark of `purge_expired` on PostgreSQL: N closed, expired cases with realistic
children, built set-based, then purged; prints cases per second.

    createdb -h 127.0.0.1 -U postgres livc_purgebench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/livc_purgebench
    python manage.py migrate && python manage.py bench_purge --cases 50000

Each case: its subject, 3 phase changes, 2 participants with a named member each, 2
assessment notes, a plan with 2 goals and 3 actions (one status change each), 1 agenda
item with an invitation and minutes, 1 signal (2 transitions). It wipes the case-work
tables first, so it refuses a database whose name does not end in "bench".
"""

import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from livc.accounts.models import User
from livc.audit.maintenance import log_maintenance
from livc.organisations.models import Cell, Membership, Municipality, Organisation, Role
from livc.privacy.crypto import encrypt
from livc.retention import purge

CELLS = 20
KINDS = (
    ("city", Organisation.Type.PREVENTION, Role.COORDINATOR),
    ("police", Organisation.Type.POLICE, Role.INFORMATION_OFFICER),
    ("caw", Organisation.Type.CAW, Role.PARTNER),
)
WIPED = [
    "retention.Tombstone", "retention.PurgeBatch", "retention.LegalHold",
    "audit.AccessLogEntry", "conferences.Minutes", "conferences.Invitation",
    "conferences.AgreedAction", "conferences.AgendaItem", "conferences.StatusChange",
    "conferences.Conference", "trajectories.ProgressNote", "trajectories.ActionStatusChange",
    "trajectories.Action", "trajectories.Goal", "trajectories.Review", "trajectories.Plan",
    "intake.SignalTransition", "intake.Consultation", "intake.Signal",
    "cases.ParticipantMember", "cases.Participant", "cases.PhaseChange",
    "cases.AssessmentNote", "cases.AftercareCheckin", "cases.Case", "cases.CaseCounter",
    "cases.Subject",
]  # fmt: skip


def _table(label: str) -> str:
    return apps.get_model(label)._meta.db_table


def _sql(statement: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))
        return cursor.rowcount


def _insert(label: str, values: dict, source: str, params=()) -> int:
    """INSERT INTO <label> (...) SELECT ... FROM <source>. `values` maps a column to SQL, or
    to (SQL, params); other columns get their field's default, so a field added later does
    not break the bench. `params` are those of `source`."""
    model = apps.get_model(label)
    columns, expressions, ordered = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.column not in values:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.column in values:
            value = values[field.column]
            sql, value_params = value if isinstance(value, tuple) else (value, [])
            expressions.append(sql)
            ordered.extend(value_params)
        elif field.has_default() or field.null or field.blank:
            default = field.get_default() if field.has_default() else (None if field.null else "")
            expressions.append("%s")
            ordered.append(field.get_db_prep_save(default, connection))
        else:
            raise CommandError(f"bench_purge: no value for {label}.{field.column}")
    statement = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(expressions)} FROM {source}"
    )
    return _sql(statement, [*ordered, *params])


class Command(BaseCommand):
    help = "Benchmark purge_expired on a synthetic PostgreSQL dataset (wipes case work)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=50000)
        parser.add_argument("--batch-size", type=int, default=purge.DEFAULT_BATCH_SIZE)
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args, **options):
        name = connection.settings_dict["NAME"] or ""
        if connection.vendor != "postgresql" or not name.endswith("bench"):
            raise CommandError("Run on a PostgreSQL database whose name ends in 'bench'.")
        n = options["cases"]
        started = time.monotonic()
        self._build(n)
        self.stderr.write(f"built {n} cases in {time.monotonic() - started:.1f} s")
        rows = {label: apps.get_model(label).objects.count() for label in WIPED}
        self.stderr.write(f"rows before: {sum(rows.values())}")
        started = time.monotonic()
        result = purge.purge_expired(
            batch_size=options["batch_size"], triggered_by="bench", workers=options["workers"]
        )
        seconds = time.monotonic() - started
        batch = result.batch
        if batch.cases != n:
            raise CommandError(f"purged {batch.cases} of {n} cases")
        self.stdout.write(
            f"purged {batch.cases} cases, {batch.signals} signals, {batch.subjects} subjects, "
            f"{batch.rows} rows in {seconds:.2f} s (batch size {options['batch_size']}, "
            f"{options['workers']} workers): "
            f"{batch.cases / seconds:,.0f} cases/s"
        )

    def _build(self, n: int) -> None:
        with log_maintenance():  # the owner rebuilding a benchmark database
            _sql(f"TRUNCATE {', '.join(_table(label) for label in WIPED)} CASCADE")
        with transaction.atomic():
            self._registry()
        text = encrypt("Synthetic text for the purge benchmark.")
        first, last, birth = encrypt("Bench"), encrypt("Subject"), encrypt("2001-01-01")
        steps = self._steps(n, text, first, last, birth)
        for label, values, source, params in steps:
            started = time.monotonic()
            with transaction.atomic():
                count = _insert(label, values, source, params)
            self.stderr.write(f"{label}: {count} rows, {time.monotonic() - started:.1f} s")
        _sql("ANALYZE")

    def _registry(self) -> None:
        Membership.objects.filter(cell__code__startswith="PB").delete()
        User.objects.filter(email__endswith="@purgebench.livc.test").delete()
        Organisation.objects.filter(name__startswith="Purgebench ").delete()
        Cell.objects.filter(code__startswith="PB").delete()
        municipality = Municipality.objects.order_by("pk").first()
        _sql("DROP TABLE IF EXISTS purgebench_orgs")
        _sql(
            "CREATE TABLE purgebench_orgs "
            "(cell_id bigint, kind text, org_id bigint, user_id bigint)"
        )
        self.cells = []
        for i in range(CELLS):
            cell = Cell.objects.create(
                name=f"Purgebench cell {i:02d}", code="PB" + chr(65 + i // 26) + chr(65 + i % 26)
            )
            self.cells.append(cell.pk)
            for kind, org_type, role in KINDS:
                organisation = Organisation.objects.create(
                    name=f"Purgebench {kind} {cell.code}", type=org_type, municipality=municipality
                )
                user = User.objects.create(
                    email=f"{kind}.{cell.code.lower()}@purgebench.livc.test",
                    full_name=f"Purgebench {kind}",
                    password="!",
                )
                Membership.objects.create(
                    user=user, cell=cell, organisation=organisation, role=role
                )
                _sql(
                    "INSERT INTO purgebench_orgs VALUES (%s, %s, %s, %s)",
                    [cell.pk, kind, organisation.pk, user.pk],
                )
        _sql("CREATE INDEX ON purgebench_orgs (cell_id, kind)")
        self.municipality = municipality.pk

    def _steps(self, n, text, first, last, birth) -> list:
        t = _table

        def of(kind: str, column: str = "org_id", cell: str = "x.cell_id") -> str:
            return (
                f"(SELECT {column} FROM purgebench_orgs o "
                f"WHERE o.cell_id = {cell} AND o.kind = '{kind}')"
            )

        cases = f"{t('cases.Case')} x"
        closed = "(DATE '2012-01-01' + (x.id %% 1500)::int)"
        coordinator = "(SELECT min(user_id) FROM purgebench_orgs WHERE kind = 'city')"
        return [
            ("cases.Subject", {
                "cell_id": ("(%s::bigint[])[1 + g %% " + str(CELLS) + "]", [self.cells]),
                "first_name": ("%s", [first]), "last_name": ("%s", [last]),
                "birth_date": ("%s", [birth]), "national_number": "''",
                "municipality_id": ("%s", [self.municipality]), "name_index": "md5(g::text)",
                "national_number_index": "''", "created_at": "now()",
            }, "generate_series(1, %s) g", [n]),
            ("cases.Case", {
                "cell_id": "s.cell_id", "code": "'PB-' || s.id", "subject_id": "s.id",
                "phase": "'closed'", "phenomenon": "'right_wing'",
                "prevention_level": "'secondary'", "closure_reason": "'goals_reached'",
                "closure_outcome": "'improved'",
                "opened_on": "DATE '2011-01-01' + (s.id %% 300)::int",
                "closed_on": "DATE '2012-01-01' + (s.id %% 1500)::int", "version": "1",
                "updated_at": "now()",
            }, f"{t('cases.Subject')} s", []),
            ("cases.PhaseChange", {
                "case_id": "x.id", "from_phase": "(ARRAY['', 'preparation', 'active'])[k]",
                "to_phase": "(ARRAY['preparation', 'active', 'closed'])[k]",
                "at": f"{closed}::timestamptz - (3 - k) * interval '30 days'",
                "reason": "''",
            }, f"{cases} CROSS JOIN generate_series(1, 3) k", []),
            ("cases.Participant", {
                "case_id": "x.id", "organisation_id": "o.org_id", "status": "'participating'",
                "decline_reason": "''", "invited_at": "now()",
            }, f"{cases} JOIN purgebench_orgs o ON o.cell_id = x.cell_id "
               "AND o.kind IN ('police', 'caw')", []),
            ("cases.ParticipantMember", {"participant_id": "p.id", "user_id": "o.user_id"},
             f"{t('cases.Participant')} p JOIN purgebench_orgs o ON o.org_id = p.organisation_id",
             []),
            ("cases.AssessmentNote", {
                "case_id": "x.id", "author_id": of("caw", "user_id"),
                "organisation_id": of("caw"), "written_at": "now()", "text": ("%s", [text]),
            }, f"{cases} CROSS JOIN generate_series(1, 2) k", []),
            ("trajectories.Plan", {
                "case_id": "x.id", "cell_id": "x.cell_id", "version": "1",
                "created_at": "now()", "updated_at": "now()",
            }, cases, []),
            ("trajectories.Goal", {
                "plan_id": "x.id", "description": ("%s", [text]), "created_at": "now()",
            }, f"{cases} CROSS JOIN generate_series(1, 2) k", []),
            ("trajectories.Action", {
                "plan_id": "x.id", "cell_id": "x.cell_id",
                "goal_id": f"(SELECT min(id) FROM {t('trajectories.Goal')} g "
                           "WHERE g.plan_id = x.id)",
                "organisation_id": of("caw"), "description": ("%s", [text]),
                "due_on": "DATE '2013-01-01'", "status": "'done'", "created_at": "now()",
                "version": "1", "updated_at": "now()",
            }, f"{cases} CROSS JOIN generate_series(1, 3) k", []),
            ("trajectories.ActionStatusChange", {
                "action_id": "a.id", "from_status": "''", "to_status": "'open'", "at": "now()",
            }, f"{t('trajectories.Action')} a", []),
            ("conferences.Conference", {
                "cell_id": "c.id", "starts_at": "TIMESTAMPTZ '2011-06-01 14:00+02'",
                "ends_at": "TIMESTAMPTZ '2011-06-01 16:00+02'", "place": "'Hall'",
                "status": "'minutes_approved'", "created_at": "now()",
            }, f"{t('organisations.Cell')} c WHERE c.code LIKE 'PB%%'", []),
            ("conferences.AgendaItem", {
                "conference_id": f"(SELECT min(id) FROM {t('conferences.Conference')} f "
                                 "WHERE f.cell_id = x.cell_id)",
                "case_id": "x.id", "position": "1",
            }, cases, []),
            ("conferences.Invitation", {
                "item_id": "i.id", "user_id": of("caw", "user_id"), "invited_at": "now()",
            }, f"{t('conferences.AgendaItem')} i JOIN {cases} ON x.id = i.case_id", []),
            ("conferences.Minutes", {
                "item_id": "i.id", "decisions": ("%s", [text]), "written_by_id": coordinator,
                "updated_at": "now()",
            }, f"{t('conferences.AgendaItem')} i", []),
            ("intake.Signal", {
                "cell_id": "x.cell_id", "reference": "'S-PB-' || x.id",
                "reported_by_id": of("caw", "user_id"), "reporter_type": "'organisation'",
                "reporting_organisation_id": of("caw"), "received_on": "x.opened_on - 10",
                "observation": ("%s", [text]), "behaviours": """'["us_vs_them"]'::jsonb""",
                "behaviour_other": "''", "phenomenon": "x.phenomenon",
                "prevention_level": "x.prevention_level", "urgency": "'normal'",
                "subject_id": "x.subject_id", "status": "'case_opened'",
                "screening_due": "x.opened_on", "screening_reason": ("%s", [text]),
                "screened_at": "x.opened_on::timestamptz", "case_id": "x.id",
                "created_at": "now()",
            }, cases, []),
            ("intake.SignalTransition", {
                "signal_id": "s.id", "from_status": "(ARRAY['', 'received'])[k]",
                "to_status": "(ARRAY['received', 'case_opened'])[k]", "at": "now()",
                "by_id": "s.reported_by_id",
            }, f"{t('intake.Signal')} s CROSS JOIN generate_series(1, 2) k", []),
        ]  # fmt: skip
