"""Fictional demonstration data: three cells, their organisations and one user per role.

Idempotent: running it again updates the same records (keyed on codes, names and e-mails)
and resets the demo passwords. Never run against production data (the command refuses).
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from livc.accounts.models import User
from livc.charters.demo import seed_charters
from livc.core.totp import DEMO_TOTP_SECRET
from livc.dpo.demo import seed_dpo
from livc.library.demo import seed_library
from livc.monitoring.demo import seed_monitoring_history
from livc.organisations.models import (
    Cell,
    CellMunicipality,
    Membership,
    Municipality,
    Organisation,
    Region,
    Role,
)
from livc.polarisation.demo import seed_polarisation
from livc.policy.demo import ADMINISTRATIONS, seed_policy
from livc.retention.demo import seed_retention
from livc.site.demo_casework import seed_all
from livc.site.demo_privacy import seed_deidentification_examples
from livc.subjectaccess.demo import seed_subject_requests

DEMO_PASSWORD = "LIVC-demo-2026!"  # noqa: S105 - documented demo credential

DEMO_DOMAIN = "demo.livc.test"

T = Organisation.Type
# cell code, name, language, NIS codes, organisations (key, name, type, NIS), users
CELLS = [
    {
        "code": "MEC",
        "name": "LIVC-R Mechelen",
        "language": Cell.Language.DUTCH,
        "municipalities": ["12025"],
        "organisations": {
            "city": ("Stad Mechelen – Kabinet van de burgemeester", T.OTHER, "12025"),
            "prevention": ("Stad Mechelen – Preventiedienst", T.PREVENTION, "12025"),
            "police": ("Politiezone Mechelen-Willebroek", T.POLICE, "12025"),
            "caw": ("CAW Boom Mechelen Lier", T.CAW, "12025"),
            "clb": ("Vrij CLB Mechelen", T.CLB, "12025"),
        },
        "users": [
            (Role.CHAIR, "city", "Hilde Van den Broeck", "nl"),
            (Role.COORDINATOR, "prevention", "Pieter Claes", "nl"),
            (Role.INFORMATION_OFFICER, "police", "Sofie Janssens", "nl"),
            (Role.PARTNER, "caw", "Karim Benali", "nl"),
            (Role.PARTNER, "clb", "Lotte Wouters", "nl"),
            (Role.DPO, "city", "Bart Mertens", "nl"),
        ],
    },
    {
        "code": "VMZ",
        "name": "LIVC-R Vilvoorde-Machelen-Zaventem",
        "language": Cell.Language.DUTCH,
        "municipalities": ["23088", "23047", "23094"],
        "organisations": {
            "city": ("Stad Vilvoorde – Kabinet van de burgemeester", T.OTHER, "23088"),
            "prevention": ("Intergemeentelijke Preventiedienst Vilvoorde", T.PREVENTION, "23088"),
            "police": ("Politiezone Vilvoorde-Machelen", T.POLICE, "23088"),
            "ocmw": ("OCMW Zaventem", T.OCMW, "23094"),
            "youth": ("Jeugdhuis De Schakel Machelen", T.YOUTH_WORK, "23047"),
        },
        "users": [
            (Role.CHAIR, "city", "Marc De Smedt", "nl"),
            (Role.COORDINATOR, "prevention", "Ines Vermeulen", "nl"),
            (Role.INFORMATION_OFFICER, "police", "Tom Goossens", "nl"),
            (Role.PARTNER, "ocmw", "Nadia El Amrani", "nl"),
            (Role.PARTNER, "youth", "Jonas Maes", "nl"),
            (Role.DPO, "city", "Els Jacobs", "nl"),
        ],
    },
    {
        "code": "VER",
        "name": "CSIL-R Verviers",
        "language": Cell.Language.FRENCH,
        "municipalities": ["63079"],
        "organisations": {
            "city": ("Ville de Verviers – Cabinet du bourgmestre", T.OTHER, "63079"),
            "prevention": ("Ville de Verviers – Service de prévention", T.PREVENTION, "63079"),
            "police": ("Zone de police Vesdre", T.POLICE, "63079"),
            "cpas": ("CPAS de Verviers", T.OCMW, "63079"),
            "justice": ("Maison de justice de Verviers", T.JUSTICE_HOUSE, "63079"),
        },
        "users": [
            (Role.CHAIR, "city", "Claire Dubois", "fr"),
            (Role.COORDINATOR, "prevention", "Julien Lambert", "fr"),
            (Role.INFORMATION_OFFICER, "police", "Nathalie Renard", "fr"),
            (Role.PARTNER, "cpas", "Youssef Haddad", "fr"),
            (Role.PARTNER, "justice", "Sarah Leclercq", "fr"),
            (Role.DPO, "city", "Michel Collard", "fr"),
        ],
    },
]
GLOBAL_USERS = [
    (Role.SUPERVISOR, "02000", "Griet Aerts", "nl"),
    (Role.ADMINISTRATOR, None, "Admin Istrator", "en"),
]
# Roles above the cells: role, region (NIS) or None for federal, administration (key of
# policy.demo.ADMINISTRATIONS) for measure owners, e-mail suffix, name, language.
ABOVE_CELL_USERS = [
    (Role.POLICY_OFFICER, "02000", None, "vl", "Leen Vandamme", "nl"),
    (Role.POLICY_OFFICER, None, None, "fed", "Olivier Lejeune", "fr"),
    (Role.MEASURE_OWNER, None, "wvg", "wvg", "Wim De Clercq", "nl"),
    (Role.MEASURE_OWNER, None, "onderwijs", "onv", "Eva Claeys", "nl"),
    (Role.MEASURE_OWNER, None, "abb", "abb", "Koen Baert", "nl"),
    (Role.MOBILE_TEAM_EXPERT, None, None, "fed", "Amélie Dumont", "fr"),
    (Role.GRANT_OFFICER, None, None, "fed", "Thomas Willems", "nl"),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Role
    cell: str
    organisation: str


def _email(role: Role, suffix: str, taken: set[str]) -> str:
    base = f"{role.value.replace('_', '-')}.{suffix.lower()}"
    email, number = f"{base}@{DEMO_DOMAIN}", 2
    while email in taken:
        email, number = f"{base}{number}@{DEMO_DOMAIN}", number + 1
    taken.add(email)
    return email


def _user(email: str, full_name: str, language: str) -> User:
    user, _created = User.objects.update_or_create(
        email=email, defaults={"full_name": full_name, "language": language, "is_active": True}
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)
    return user


@transaction.atomic
def seed_demo() -> list[DemoAccount]:
    accounts: list[DemoAccount] = []
    taken: set[str] = set()
    for spec in CELLS:
        cell, _created = Cell.objects.update_or_create(
            code=spec["code"],
            defaults={"name": spec["name"], "language": spec["language"], "is_active": True},
        )
        for nis_code in spec["municipalities"]:
            CellMunicipality.objects.update_or_create(
                cell=cell,
                municipality=Municipality.objects.get(nis_code=nis_code),
                defaults={"is_active": True},
            )
        organisations = {}
        for key, (name, org_type, nis_code) in spec["organisations"].items():
            organisations[key], _created = Organisation.objects.update_or_create(
                name=name,
                municipality=Municipality.objects.get(nis_code=nis_code),
                defaults={"type": org_type, "is_active": True},
            )
        for role, org_key, full_name, language in spec["users"]:
            user = _user(_email(role, spec["code"], taken), full_name, language)
            organisation = organisations[org_key]
            Membership.objects.get_or_create(
                user=user, role=role, cell=cell, organisation=organisation, is_active=True
            )
            accounts.append(DemoAccount(user.email, full_name, role, cell.name, organisation.name))
    for role, region_code, full_name, language in GLOBAL_USERS:
        user = _user(_email(role, "demo", taken), full_name, language)
        region = Region.objects.get(nis_code=region_code) if region_code else None
        Membership.objects.get_or_create(user=user, role=role, region=region, is_active=True)
        accounts.append(
            DemoAccount(user.email, full_name, role, region.name_nl if region else "—", "—")
        )
    for role, region_code, key, suffix, full_name, language in ABOVE_CELL_USERS:
        user = _user(_email(role, suffix, taken), full_name, language)
        region = Region.objects.get(nis_code=region_code) if region_code else None
        organisation = None
        if key:
            name, nis_code = ADMINISTRATIONS[key]
            organisation, _created = Organisation.objects.update_or_create(
                name=name,
                municipality=Municipality.objects.get(nis_code=nis_code),
                defaults={"type": T.OTHER, "is_active": True},
            )
        Membership.objects.get_or_create(
            user=user, role=role, region=region, organisation=organisation, is_active=True
        )
        area = region.name_nl if region else "—"
        accounts.append(
            DemoAccount(user.email, full_name, role, area, organisation.name if key else "—")
        )
    seed_all()
    seed_charters()
    seed_retention()
    seed_subject_requests()
    seed_deidentification_examples()
    seed_monitoring_history()
    seed_polarisation()  # after the charters: its services need them accepted
    seed_policy()  # the Flemish action plans, by the demo policy officer and owners
    seed_library()  # the real texts come from its migration; this adds a local example
    seed_dpo()  # last: seals the access log the seeding wrote and verifies it
    return accounts
