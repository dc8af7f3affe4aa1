"""The deletion plan is read from the models: every foreign key pointing at a purged row
is followed, cleared or known to stay within the record."""

from livc.cases.models import Case, Subject
from livc.intake.models import Signal
from livc.retention import deletion


def walk(node, seen=None):
    seen = set() if seen is None else seen
    seen.add(node.model._meta.label)
    for _fk, child in node.children:
        walk(child, seen)
    return seen


def test_the_case_plan_holds_everything_the_case_owns():
    labels = walk(deletion.plan(Case))
    assert {
        "cases.PhaseChange", "cases.Participant", "cases.ParticipantMember",
        "cases.AssessmentNote", "cases.AftercareCheckin", "trajectories.Plan",
        "trajectories.Goal", "trajectories.Action", "trajectories.ActionStatusChange",
        "trajectories.ProgressNote", "trajectories.Review", "conferences.AgendaItem",
        "conferences.Invitation", "conferences.Minutes", "conferences.AgreedAction",
        "intake.Signal", "intake.SignalTransition", "intake.Consultation",
        "retention.LegalHold",
    } <= labels  # fmt: skip
    assert not labels & deletion.KEEP
    assert "conferences.Conference" not in labels  # meetings stay


def test_every_foreign_key_into_a_purged_model_is_handled():
    def handled(node):
        for fk in deletion.referrers(node.model):
            key = (fk.model._meta.label, fk.name)
            followed = any(child_fk is fk for child_fk, _child in node.children)
            assert followed or fk in node.nullify or key in deletion.SAME_RECORD, key
        for _fk, child in node.children:
            handled(child)

    for model in (Case, Signal):
        handled(deletion.plan(model))


def test_subjects_are_deleted_without_the_records_that_protect_them():
    plan = deletion.plan(Subject, walk_protected=False)
    assert "cases.Case" not in walk(plan) and "intake.Signal" not in walk(plan)
    assert {fk.model for fk in deletion.protectors(Subject)} >= {Case, Signal}
