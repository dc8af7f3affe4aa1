"""Dataset steps for plans, actions, aftercare check-ins and open signals."""

from livc.privacy.crypto import encrypt

from .dataset import _table


def steps(case_table: str, today) -> list:
    """One plan per case (a review planned for active cases), ~5 actions per case spread
    over the participating organisations (half of them open, due dates around today),
    2 aftercare check-ins per aftercare case and ~1 open signal per 100 cases."""
    plan, action = _table("trajectories.Plan"), _table("trajectories.Action")
    participant, signal = _table("cases.Participant"), _table("intake.Signal")
    checkin = _table("cases.AftercareCheckin")
    return [
        ("plans", f"""
            INSERT INTO {plan} (case_id, cell_id, next_review_on, version, created_at, updated_at)
            SELECT c.id, c.cell_id,
                CASE WHEN c.phase = 'active' THEN %s::date + (c.id %% 90 - 30)::int END,
                1, now(), now()
            FROM {case_table} c""", [today]),
        ("actions", f"""
            INSERT INTO {action} (plan_id, cell_id, organisation_id, owner_id, description,
                due_on, status, created_at, version, updated_at)
            SELECT p.case_id, c.cell_id, p.organisation_id, o.user_id, %s,
                %s::date + ((p.id * 7 + k) %% 120 - 60)::int,
                (ARRAY['open','in_progress','done','cancelled'])[1 + (p.id + k) %% 4],
                now() - interval '90 days', 1, now()
            FROM {participant} p JOIN {case_table} c ON c.id = p.case_id
            JOIN bench_orgs o ON o.org_id = p.organisation_id
            CROSS JOIN LATERAL generate_series(1, CASE WHEN o.kind = 'police' THEN 1 ELSE 2 END) k
            """, [encrypt("Bench action"), today]),
        ("check-ins", f"""
            INSERT INTO {checkin} (case_id, due_on, done_on, note)
            SELECT c.id, %s::date + (c.id %% 400 - 100)::int + m * 30, NULL, ''
            FROM {case_table} c CROSS JOIN generate_series(0, 1) m
            WHERE c.phase = 'aftercare'""", [today]),
        ("open signals", f"""
            INSERT INTO {signal} (cell_id, reference, reported_by_id, reporter_type,
                reporting_organisation_id, received_on, observation, behaviours,
                behaviour_other, phenomenon, prevention_level, urgency, subject_id, status,
                screening_due, screening_reason, created_at)
            SELECT c.cell_id, 'BS-' || c.id, o.user_id, 'organisation', o.org_id,
                %s::date - (c.id %% 20)::int, %s, '[]', '', c.phenomenon, c.prevention_level,
                'normal', c.subject_id,
                (ARRAY['received','in_screening'])[1 + c.id %% 2],
                %s::date + (c.id %% 20 - 8)::int, '', now()
            FROM {case_table} c JOIN bench_orgs o ON o.cell_id = c.cell_id AND o.kind = 'caw'
            WHERE c.id %% 100 = 0""", [today, encrypt("Bench observation"), today]),
    ]  # fmt: skip
