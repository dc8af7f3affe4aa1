"""What the subject access export covers, declared once and checked by tests.

Every model of the platform that holds personal data about a subject (an encrypted field,
or a foreign-key path to a subject, case, signal or consultation) must appear in
`COVERED` (model label → where its rows appear in the export, as a path into the JSON)
or in `EXCLUDED` (model label → why it is left out). `tests/subjectaccess/test_coverage.py`
walks the models and fails when a new one is in neither, so a new kind of personal data
cannot silently escape the export. The paths are also checked against a real export.
"""

COVERED: dict[str, str] = {
    "cases.Subject": "identity",
    "intake.Signal": "signals",
    "intake.SignalTransition": "signals[].transitions",
    "intake.Consultation": "signals[].consultation",
    "cases.Case": "cases",
    "cases.PhaseChange": "cases[].phases",
    "cases.Participant": "cases[].participants",
    "cases.ParticipantMember": "cases[].participants[].members",
    "cases.AssessmentNote": "cases[].assessments",
    "cases.AftercareCheckin": "cases[].aftercare_checkins",
    "conferences.AgendaItem": "cases[].conference_items",
    "conferences.Invitation": "cases[].conference_items[].invitations",
    "conferences.Minutes": "cases[].conference_items[].minutes",
    "conferences.AgreedAction": "cases[].conference_items[].agreed_actions",
    "trajectories.Plan": "cases[].plan",
    "trajectories.Goal": "cases[].plan.goals",
    "trajectories.Action": "cases[].plan.actions",
    "trajectories.ActionStatusChange": "cases[].plan.actions[].status_changes",
    "trajectories.ProgressNote": "cases[].plan.actions[].progress_notes",
    "trajectories.Review": "cases[].plan.reviews",
    "subjectaccess.SubjectRequest": "requests",
    "retention.LegalHold": "legal_holds",
    # Tombstones hold no identifier and no foreign key to the purged record; those that
    # stand for or link to one of the subject's live records are listed all the same.
    "retention.Tombstone": "tombstones",
    # Not found by the model walk (plain ids, no foreign keys) but exported all the same:
    # entries whose case or record is one of the subject's.
    "audit.AccessLogEntry": "access_log",
}

EXCLUDED: dict[str, str] = {}
