"""The case-work world of `tests/casework.py`, plus helpers to publish and accept charters."""

import pytest

from livc.charters import services
from livc.charters.models import CharterVersion

from ..casework import build_world

RULES = CharterVersion.Kind.INTERNAL_RULES
CONFIDENTIALITY = CharterVersion.Kind.CONFIDENTIALITY


@pytest.fixture
def world(db):
    return build_world()


def publish(world, kind=RULES, text=None, cell=None, by="coordinator", note="Clarified"):
    cell = cell or world.cell
    current = CharterVersion.objects.filter(cell=cell, kind=kind).order_by("-number").first()
    number = current.number if current else 0
    user = world.users[by]
    version = services.charter_publish(
        user=user,
        cell=cell,
        kind=kind,
        text=text or f"Paragraph one of {kind} {number + 1}.\n\nParagraph two.",
        change_note=note if current else "",
        based_on=number,
    )
    return version


def accept(world, who, *versions):
    return services.charters_accept(user=fresh(world.users[who]), versions=list(versions))


def fresh(user):
    """The same user without per-request caches (memberships, pending charters)."""
    return type(user).objects.get(pk=user.pk)
