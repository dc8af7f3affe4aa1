"""Demo library content. The real texts come from the data migration (every install has
them); a database flushed since (transactional browser tests) gets them back here, from the
migration's own list. The demo then adds a fictional local text in two versions, so it
shows the local level, a text no longer in force and what replaced it. Everything goes
through the services (policy, validation, access log) as the demo administrator.
Idempotent (keyed entries)."""

import datetime
from importlib import import_module

from django.db import transaction

from livc.organisations.models import Membership, Role

from . import services
from .models import Entry, Issuer

ISSUER_KEY = "demo-city-mechelen"
OLD_KEY, NEW_KEY = "demo-mec-cooperation-protocol-2019", "demo-mec-cooperation-protocol-2024"


def _protocol(year: int, extra_nl: str, extra_fr: str) -> dict:
    return {
        "nl": {
            "title": f"Samenwerkingsprotocol LIVC-R Mechelen {year} (fictief voorbeeld)",
            "title_is_official": False,
            "summary": "Fictief voorbeeld voor de demo: afspraken tussen de stad, de politiezone "
            "en de partners over de deelname aan het casusoverleg. " + extra_nl,
        },
        "fr": {
            "title": f"Protocole de collaboration CSIL-R Malines {year} (exemple fictif)",
            "title_is_official": False,
            "summary": "Exemple fictif pour la démo : accords entre la ville, la zone de police "
            "et les partenaires sur la participation à la concertation de cas. " + extra_fr,
        },
    }


def _restore_reference_texts(user) -> int:
    """The migration's texts missing from the database, created through the services."""
    seed = import_module("livc.library.migrations.0002_seed_texts")
    issuers = {issuer.key: issuer for issuer in Issuer.objects.filter(key__in=seed.ISSUERS)}
    for key, (name_nl, name_fr, name_en) in seed.ISSUERS.items():
        if key not in issuers:
            issuers[key] = services.issuer_create(
                user=user, name_nl=name_nl, name_fr=name_fr, name_en=name_en, key=key
            )
    have = set(
        Entry.objects.filter(key__in=[row[0] for row in seed.ENTRIES]).values_list("key", flat=True)
    )
    created = 0
    for row in seed.ENTRIES:
        key, kind, level, issuer, day, precision, reference, publication, licence = row[:9]
        template, themes, versions = row[9:]
        if key in have:
            continue
        services.entry_create(
            user=user,
            key=key,
            kind=kind,
            level=level,
            issuer=issuers[issuer],
            issued_on=datetime.date.fromisoformat(day) if day else None,
            date_precision=precision,
            official_reference=reference,
            publication=publication,
            licence=licence,
            is_charter_template=template,
            themes=themes,
            versions={
                language: {
                    "title": title,
                    "title_is_official": official,
                    "summary": summary,
                    "url": url,
                    "template_text": rest[0] if rest else "",
                }
                for language, (title, official, summary, url, *rest) in versions.items()
            },
        )
        created += 1
    entries = {e.key: e for e in Entry.objects.filter(key__in=[r[0] for r in seed.ENTRIES])}
    for source, kind, target in seed.RELATIONS:
        if not entries[source].relations_out.filter(target=entries[target], kind=kind).exists():
            services.relation_add(
                user=user, source=entries[source], target=entries[target], kind=kind
            )
    return created


@transaction.atomic
def seed_library() -> int:
    """Restore missing reference texts and add the demo texts if missing; returns how many
    entries were created."""
    admin = (
        Membership.objects.filter(role=Role.ADMINISTRATOR, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("id")
        .first()
    )
    if admin is None:
        return 0
    user = admin.user
    created = _restore_reference_texts(user)
    if Entry.objects.filter(key__in=(OLD_KEY, NEW_KEY)).count() == 2:
        return created
    issuer = Issuer.objects.filter(key=ISSUER_KEY).first() or services.issuer_create(
        user=user, name_nl="Stad Mechelen", name_fr="Ville de Malines", key=ISSUER_KEY
    )
    law = Entry.objects.get(key="be-law-2018-07-30-livc")
    common = {
        "kind": "guideline",
        "level": "local",
        "issuer": issuer,
        "licence": "link_only",
        "themes": ["cells", "cooperation", "secrecy"],
        "date_precision": "day",
    }
    old = Entry.objects.filter(key=OLD_KEY).first()
    if old is None:
        old = services.entry_create(
            user=user,
            key=OLD_KEY,
            issued_on=datetime.date(2019, 3, 18),
            versions=_protocol(2019, "Eerste versie.", "Première version."),
            **common,
        )
        old = services.entry_retire(
            user=user,
            entry=old,
            version=old.version,
            retired_on=datetime.date(2024, 1, 15),
            note="Vervangen door het protocol van 2024.",
        )
        created += 1
    new = Entry.objects.filter(key=NEW_KEY).first()
    if new is None:
        new = services.entry_create(
            user=user,
            key=NEW_KEY,
            issued_on=datetime.date(2024, 1, 15),
            versions=_protocol(
                2024,
                "Voegt de weigering met redenen en de jaarlijkse evaluatie toe.",
                "Ajoute le refus motivé et l'évaluation annuelle.",
            ),
            **common,
        )
        services.relation_add(user=user, source=new, target=old, kind="replaces")
        services.relation_add(user=user, source=new, target=law, kind="implements")
        created += 1
    return created
