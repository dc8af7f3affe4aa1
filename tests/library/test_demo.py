"""The demo adds a fictional local protocol in two versions through the services: the old
one no longer in force and replaced by the new one. Idempotent."""

import pytest

from livc.library.demo import NEW_KEY, OLD_KEY, seed_library
from livc.library.models import Entry, Relation
from livc.site.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_local_text_replaced_by_a_newer_one():
    seed_demo()  # calls seed_library
    old, new = Entry.objects.get(key=OLD_KEY), Entry.objects.get(key=NEW_KEY)
    assert old.level == new.level == "local"
    assert not old.in_force and new.in_force
    assert Relation.objects.filter(source=new, target=old, kind="replaces").exists()
    assert Relation.objects.filter(source=new, target__key="be-law-2018-07-30-livc").exists()
    assert "fictief" in new.versions.get(language="nl").title
    assert seed_library() == 0
    assert Entry.objects.filter(key__startswith="demo-").count() == 2


def test_a_flushed_database_gets_the_reference_texts_back_through_the_services():
    """Transactional (browser) tests flush what data migrations loaded."""
    from livc.library.models import Issuer

    seed_demo()
    Entry.objects.all().delete()
    Issuer.objects.all().delete()
    assert seed_library() == 29  # the 27 reference texts and the 2 demo ones
    assert Entry.objects.get(key="icpd-model-ethical-charter-2016").is_charter_template
    assert Relation.objects.filter(source__key="be-law-2018-07-30-livc").count() == 1
    assert seed_library() == 0
