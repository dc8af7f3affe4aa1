import pytest
from django.utils import translation

from livc.organisations.models import Role

from .factories import CellFactory, member


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code outside a request speaks English (the source language) unless a test says so."""
    with translation.override("en"):
        yield


@pytest.fixture
def cell(db):
    return CellFactory(serves=["12025"])


@pytest.fixture
def role_users(cell):
    """One user per role; cell roles in `cell`."""
    return {role: member(role, cell) for role in Role}
