"""Key rotation without downtime: old keys keep working until the rotation has finished."""

import datetime
import io
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from livc.audit.models import AccessLogEntry
from livc.cases.models import Subject
from livc.intake import selectors as intake_selectors
from livc.intake import services as intake_services
from livc.privacy import crypto

from ..casework import build_world, register_signal

KEY_A = "a" * 40
KEY_B = "b" * 40
NUMBER = "85073003328"
IDENTITY = intake_services.Identity(
    "Émile", "Van den Broeck", datetime.date(1985, 7, 30), NUMBER, None
)


@pytest.fixture
def index_keys(settings):
    """Set the blind-index keys for the rest of the test, newest first."""

    def use(*keys, single=""):
        settings.LIVC_BLIND_INDEX_KEYS = list(keys)
        settings.LIVC_BLIND_INDEX_KEY = single
        crypto.reset_key_cache()

    yield use
    settings.LIVC_BLIND_INDEX_KEYS, settings.LIVC_BLIND_INDEX_KEY = [], ""
    crypto.reset_key_cache()


@pytest.fixture
def encryption_keys(settings):
    def use(*keys):
        settings.LIVC_ENCRYPTION_KEYS = list(keys)
        crypto.reset_key_cache()

    yield use
    settings.LIVC_ENCRYPTION_KEYS = []
    crypto.reset_key_cache()


def _rotate(command="rotate_blind_index_key", *args) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def _found(signal) -> list[str]:
    return [hit["ref"] for hit in intake_selectors.known_matches(signal=signal).same_cell]


def test_blind_index_writes_with_the_newest_key_and_looks_up_under_all(index_keys):
    index_keys(KEY_A)
    under_a = crypto.blind_index("Jan")
    index_keys(KEY_B)
    under_b = crypto.blind_index("Jan")
    index_keys(KEY_B, KEY_A)
    assert under_a != under_b
    assert crypto.blind_index("Jan") == under_b
    assert crypto.blind_indexes("jan ") == [under_b, under_a]


def test_single_key_setting_still_works_and_must_be_listed_when_both_are_set(index_keys):
    index_keys(single=KEY_A)
    under_a = crypto.blind_index("Jan")
    index_keys(KEY_A)
    assert crypto.blind_index("Jan") == under_a
    index_keys(KEY_B, KEY_A, single=KEY_A)
    assert crypto.blind_indexes("Jan")[1] == under_a
    index_keys(KEY_B, single=KEY_A)
    with pytest.raises(ImproperlyConfigured):
        crypto.blind_index("Jan")


@pytest.mark.django_db
def test_blind_index_rotation_round_trip_keeps_finding_re_signals(index_keys):
    index_keys(KEY_A)
    world = build_world()
    first = register_signal(world, world.users["partner"], world.caw, identity=IDENTITY)
    old_name_index = first.subject.name_index

    # A new key is prepended: new signals are indexed under B, older ones still under A.
    index_keys(KEY_B, KEY_A)
    again = register_signal(world, world.users["partner"], world.caw, identity=IDENTITY)
    assert again.subject.name_index != old_name_index
    assert _found(again) == [first.reference]
    assert "2 of" in _rotate("rotate_blind_index_key", "--dry-run")
    assert Subject.objects.get(pk=first.subject_id).name_index == old_name_index

    output = _rotate()
    assert "Re-indexed 2 of 3 subjects" in output  # the world's subject, and `first`
    assert "0 of 3" in _rotate("rotate_blind_index_key", "--dry-run")  # idempotent
    logged = AccessLogEntry.objects.filter(
        object_type="subject", object_id=first.subject_id, reason="blind-index key rotation"
    )
    assert logged.count() == 1 and logged.get().user_id is None

    # The old key is dropped: everything is still found, by name and by number.
    index_keys(KEY_B)
    assert _found(again) == [first.reference]
    by_number = intake_services.Identity("Emile", "Other", datetime.date(1985, 7, 30), NUMBER, None)
    third = register_signal(world, world.users["partner"], world.caw, identity=by_number)
    assert set(_found(third)) == {first.reference, again.reference}


@pytest.mark.django_db
def test_blind_index_rotation_resumes_in_batches(index_keys):
    index_keys(KEY_A)
    world = build_world()
    for _ in range(4):
        register_signal(world, world.users["partner"], world.caw, identity=IDENTITY)
    index_keys(KEY_B, KEY_A)
    # A first run that rewrote only part of the rows (as if interrupted) ...
    Subject.objects.filter(pk=world.case.subject_id).update(
        name_index=crypto.blind_index("Jan", "Peeters", "2005-03-14")
    )
    output = _rotate("rotate_blind_index_key", "--batch-size", "2")
    # ... is finished by the next one, which leaves the rows already done alone.
    assert "Re-indexed 4 of 5 subjects" in output
    assert "0 of 5" in _rotate("rotate_blind_index_key", "--dry-run")


@pytest.mark.django_db
def test_encryption_key_rotation_round_trip(encryption_keys):
    key_a, key_b = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    encryption_keys(key_a)
    world = build_world()
    encryption_keys(key_b, key_a)
    # Written under B meanwhile; read while both keys are configured.
    newer = register_signal(world, world.users["partner"], world.caw, identity=IDENTITY)
    assert Subject.objects.get(pk=world.case.subject_id).first_name == "Jan"
    assert "would be re-encrypted" in _rotate("rotate_encryption_keys", "--dry-run")

    output = _rotate("rotate_encryption_keys", "--batch-size", "3")
    assert "cases_subject" in output and "intake_signal" in output
    assert "0 values would be" in _rotate("rotate_encryption_keys", "--dry-run")

    encryption_keys(key_b)  # the old key is gone
    subject = Subject.objects.get(pk=world.case.subject_id)
    assert (subject.first_name, subject.last_name) == ("Jan", "Peeters")
    assert Subject.objects.get(pk=newer.subject_id).last_name == "Van den Broeck"
    signal = type(world.signal).objects.get(pk=world.signal.pk)
    assert signal.observation == "Talks about violence at school."

    encryption_keys(key_a)  # and B alone really was needed
    with pytest.raises(ImproperlyConfigured):
        Subject.objects.get(pk=world.case.subject_id)


def test_every_encrypted_field_is_covered_by_the_rotation():
    from django.apps import apps

    from livc.privacy.fields import EncryptedTextField
    from livc.privacy.management.commands.rotate_encryption_keys import encrypted_tables

    expected = {
        (model._meta.db_table, field.column)
        for model in apps.get_models()
        for field in model._meta.local_fields
        if isinstance(field, EncryptedTextField)
    }
    covered = {(table, column) for table, _pk, columns in encrypted_tables() for column in columns}
    assert covered == expected
    assert ("cases_assessmentnote", "text") in covered
    assert ("conferences_minutes", "decisions") in covered


SNIPPET = "import django; django.setup()"


def _production(**env):
    environment = {
        "DJANGO_SETTINGS_MODULE": "livc.config.settings",
        "LIVC_PRODUCTION": "1",
        "LIVC_SECRET_KEY": "k" * 60,
        "LIVC_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "LIVC_AUDIT_KEYS": "a" * 40,
        "PATH": "/usr/bin:/bin",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", SNIPPET], env=environment, capture_output=True, text=True
    )


def test_production_accepts_a_key_list_and_refuses_short_or_missing_keys():
    assert _production(LIVC_BLIND_INDEX_KEYS=f"{KEY_B},{KEY_A}").returncode == 0
    assert _production(LIVC_BLIND_INDEX_KEY=KEY_A).returncode == 0
    assert "at least 32" in _production(LIVC_BLIND_INDEX_KEYS=f"{KEY_B},short").stderr
    assert "must be set in production" in _production().stderr


@pytest.mark.django_db
def test_blind_index_rotation_skips_rows_it_cannot_read(index_keys):
    index_keys(KEY_A)
    world = build_world()
    Subject.objects.filter(pk=world.case.subject_id).update(birth_date=crypto.encrypt("unknown"))
    index_keys(KEY_B, KEY_A)
    out, err = io.StringIO(), io.StringIO()
    call_command("rotate_blind_index_key", stdout=out, stderr=err)
    assert f"without a valid birth date: {world.case.subject_id}" in err.getvalue()
    assert "can be removed" not in out.getvalue()
