import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from livc.cases.models import Subject
from livc.privacy import crypto
from livc.privacy.national_number import validate_national_number

from ..casework import build_world

# 85.07.30-033.28: a classic valid example (born 1985); 2000s numbers use the "2" prefix.
VALID_1985 = "85073003328"


def _born_2001_number() -> str:
    body = "010203001"
    return body + f"{97 - int('2' + body) % 97:02d}"


def test_valid_national_numbers():
    assert validate_national_number("85.07.30-033.28") == VALID_1985
    assert validate_national_number(VALID_1985, datetime.date(1985, 7, 30)) == VALID_1985
    number = _born_2001_number()
    assert validate_national_number(number, datetime.date(2001, 2, 3)) == number


@pytest.mark.parametrize(
    ("value", "birth", "code"),
    [
        ("8507300332", None, "format"),
        ("85073003329", None, "checksum"),
        ("85073003328", datetime.date(1985, 7, 31), "birth_date"),
    ],
)
def test_invalid_national_numbers(value, birth, code):
    with pytest.raises(ValidationError) as error:
        validate_national_number(value, birth)
    assert error.value.code == code


def test_blind_index_ignores_case_accents_and_spacing():
    assert crypto.blind_index("Émile", "Van den Broeck") == crypto.blind_index(
        "emile", "van-den  broeck"
    )
    assert crypto.blind_index("Emile", "Broeck") != crypto.blind_index("Emile", "Broek")


@pytest.mark.django_db
def test_identity_is_encrypted_at_rest():
    world = build_world()
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, last_name, birth_date FROM cases_subject")
        row = cursor.fetchone()
    assert "Jan" not in "".join(row) and "Peeters" not in "".join(row)
    assert Subject.objects.get(pk=world.case.subject_id).last_name == "Peeters"


@pytest.mark.django_db
def test_key_rotation_keeps_data_readable(settings):
    world = build_world()
    new = Fernet.generate_key().decode()
    derived = crypto._derived_key("livc-encryption").decode()  # noqa: SLF001
    settings.LIVC_ENCRYPTION_KEYS = [new, derived]
    crypto.reset_key_cache()
    try:
        call_command("rotate_encryption_keys")
        settings.LIVC_ENCRYPTION_KEYS = [new]  # the old key is gone
        crypto.reset_key_cache()
        assert Subject.objects.get(pk=world.case.subject_id).first_name == "Jan"
    finally:
        settings.LIVC_ENCRYPTION_KEYS = []
        crypto.reset_key_cache()
