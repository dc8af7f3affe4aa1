"""A polarisation situation never links to a case, signal, conference item or subject: no
model of the app has a relation, directly or through another model of the app, to the apps
that hold case work or to Subject."""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from livc.cases.models import Subject

# Apps whose records are about persons followed by the cell.
CASE_WORK_APPS = {"cases", "intake", "conferences", "trajectories", "subjectaccess", "retention"}


def _relations(model):
    """(field name, target model) of every relation of `model`: foreign keys, one-to-one
    and many-to-many, including those to the content-types framework (generic links)."""
    for field in model._meta.get_fields():
        direct = field.is_relation and (field.concrete or field.many_to_many)
        if direct and field.related_model is not None:
            yield field.name, field.related_model


def forbidden_links(app_label: str) -> list[str]:
    """Every path from a model of `app_label` to a case-work model, a subject or a content
    type, following relations through the app's own models."""
    found = []
    for start in apps.get_app_config(app_label).get_models():
        queue, seen = [(start, start.__name__)], {start}
        while queue:
            model, path = queue.pop()
            for name, target in _relations(model):
                step = f"{path}.{name} → {target._meta.label}"
                if (
                    target._meta.app_label in CASE_WORK_APPS
                    or target is Subject
                    or target is ContentType
                ):
                    found.append(step)
                elif target._meta.app_label == app_label and target not in seen:
                    seen.add(target)
                    queue.append((target, step))
    return found


def test_no_model_of_the_app_links_to_case_work():
    assert forbidden_links("polarisation") == []


def test_the_check_finds_such_links():
    """The walker is not blind: the case-work apps themselves are full of such links."""
    assert any("Subject" in step for step in forbidden_links("cases"))
    assert any("→ cases.Case" in step for step in forbidden_links("trajectories"))


def test_the_app_has_no_field_named_after_case_work():
    """No loose id either (a `case_id` integer would be a link the walker cannot see)."""
    loose = re.compile(
        r"^(case|signal|subject|conference|consultation|agenda_item|participant|person)"
        r"(_id|_ids|_code|_ref)?$"
    )
    names = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("polarisation").get_models()
        for field in model._meta.get_fields()
        if loose.match(field.name)
    ]
    assert names == []
