"""A world (tests/casework.build_world: members of every role) and the library as migrated
(the seeded texts), plus one entry, issuer and relation created by the administrator."""

import datetime

import pytest

from livc.library import services
from livc.library.models import Entry, Issuer

from ..casework import build_world
from ..factories import UserFactory

TODAY = datetime.date(2026, 12, 4)


def versions(**changes) -> dict:
    """Dutch and French versions; `changes` like title_nl="..." replace one field."""
    result = {
        "nl": {
            "title": "Omzendbrief over de werking van de LIVC-R",
            "summary": "Legt uit hoe de cel samenkomt en wie deelneemt aan het casusoverleg.",
        },
        "fr": {
            "title": "Circulaire sur le fonctionnement des CSIL-R",
            "summary": "Explique comment la cellule se réunit et qui participe à la concertation.",
        },
    }
    for name, value in changes.items():
        field, language = name.rsplit("_", 1)
        result.setdefault(language, {})[field] = value
    return result


def entry_data(**changes) -> dict:
    data = {
        "kind": "circular",
        "level": "federal",
        "issuer": Issuer.objects.get(key="federal-government"),
        "licence": "official",
        "themes": ["cells"],
        "issued_on": datetime.date(2019, 6, 1),
        "date_precision": "day",
        "versions": versions(),
    }
    data.update(changes)
    return data


def add_entry(world, **changes) -> Entry:
    return services.entry_create(
        user=world.users["administrator"], today=TODAY, **entry_data(**changes)
    )


@pytest.fixture
def world(db):
    world = build_world()
    world.users["superuser"] = UserFactory(is_superuser=True)
    world.users["no_role"] = UserFactory()  # signed in, without any membership
    world.law = Entry.objects.get(key="be-law-2018-07-30-livc")
    world.entry = add_entry(world)
    world.issuer = services.issuer_create(
        user=world.users["administrator"],
        name_nl="Provincie Antwerpen",
        name_fr="Province d'Anvers",
    )
    world.relation = services.relation_add(
        user=world.users["administrator"], source=world.entry, target=world.law, kind="implements"
    )
    world.retired = add_entry(world, versions=versions(title_nl="Oude omzendbrief"))
    world.retired = services.entry_retire(
        user=world.users["administrator"],
        entry=world.retired,
        version=world.retired.version,
        retired_on=datetime.date(2024, 1, 1),
        note="Opgeheven.",
        today=TODAY,
    )
    world.entry.refresh_from_db()
    return world
