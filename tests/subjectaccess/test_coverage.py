"""A new model holding personal data must be covered by the subject access export.

Personal data, for this test: an encrypted field, or a chain of foreign keys leading to a
subject, case, signal or consultation. Each such model of the platform's apps must be in
`coverage.COVERED` (and then appear in a real export, see test_export.py) or in
`coverage.EXCLUDED` with a reason.
"""

from django.apps import apps
from django.db import models

from livc.privacy.fields import EncryptedTextField
from livc.subjectaccess.coverage import COVERED, EXCLUDED

ROOTS = {"cases.Subject", "cases.Case", "intake.Signal", "intake.Consultation"}


def platform_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("livc.")]


def _forward_relations(model) -> set[str]:
    return {
        field.related_model._meta.label
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is not None
    }


def personal_data_models() -> set[str]:
    encrypted = {
        model._meta.label
        for model in platform_models()
        if any(isinstance(f, EncryptedTextField) for f in model._meta.get_fields())
    }
    linked, relations = (
        set(ROOTS),
        {m._meta.label: _forward_relations(m) for m in platform_models()},
    )
    grew = True
    while grew:  # models whose foreign keys reach a root, however many steps away
        grew = False
        for label, targets in relations.items():
            if label not in linked and targets & linked:
                linked.add(label)
                grew = True
    return linked | encrypted


def test_every_model_with_personal_data_is_exported_or_excluded_with_a_reason():
    uncovered = personal_data_models() - set(COVERED) - set(EXCLUDED)
    assert not uncovered, (
        f"Models holding personal data that the subject access export does not cover: "
        f"{sorted(uncovered)}. Export them (subjectaccess/export.py) and declare them in "
        f"subjectaccess/coverage.py, or list them in EXCLUDED with the reason."
    )


def test_declarations_name_real_models_and_give_reasons():
    labels = {m._meta.label for m in platform_models()}
    assert set(COVERED) <= labels
    assert set(EXCLUDED) <= labels
    assert not set(COVERED) & set(EXCLUDED)
    assert all(reason.strip() for reason in EXCLUDED.values())


def test_the_walk_finds_the_known_personal_data_models():
    """Guard the detector itself: a few models it must find, and one it must not."""
    found = personal_data_models()
    assert {"cases.ParticipantMember", "conferences.Invitation", "trajectories.ProgressNote",
            "subjectaccess.SubjectRequest", "intake.SignalTransition"} <= found  # fmt: skip
    assert "conferences.Attestation" not in found
    assert "organisations.Cell" not in found
