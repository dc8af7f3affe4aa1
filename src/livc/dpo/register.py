"""The register of processing activities (GDPR art. 30) of one cell, built on demand.

Everything that can change is read, not written down: categories of data come from the
encrypted fields of the models (`_meta`), recipients from the cell's organisations and
actual participations, retention and security settings from configuration. The fixed
texts (purposes, legal bases) summarise the law of 30 July 2018 on the LIVC-R and the
Flemish decree of 21 May 2021; the controller and the DPO must check them before signing.
No personal data of subjects appear: staff names, counts and organisation types only.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from livc.audit.verification import latest_verification
from livc.cases.models import Participant, Subject
from livc.intake.models import Signal
from livc.organisations.models import Cell, Membership, Municipality, Organisation, Role
from livc.privacy.fields import EncryptedTextField

from .retention import retention_rows

PURPOSES = [
    _(
        "Case-by-case, individualised and multidisciplinary follow-up of persons showing "
        "signals of a process of radicalisation, extremism or terrorism, in order to prevent "
        "terrorist offences (law of 30 July 2018 creating the LIVC-R): receiving and screening "
        "signals, case conferences, plans of approach, aftercare."
    ),
    _(
        "Exchange of information between the members of the cell under shared professional "
        "secrecy, only for that follow-up (art. 458ter Criminal Code)."
    ),
    _(
        "Participation of Flemish services in the cell, voluntary and reasoned (Flemish decree "
        "of 21 May 2021)."
    ),
    _(
        "Accountability of the processing: access log, retention and purging, answers to data "
        "subject requests."
    ),
    _(
        "Monitoring and evaluation of the local approach with aggregated figures that identify "
        "nobody (small numbers suppressed)."
    ),
]

LEGAL_BASES = [
    _(
        "GDPR art. 6(1)(e): a task carried out in the public interest, laid down by the law of "
        "30 July 2018 creating local integrated security cells on radicalism, extremism and "
        "terrorism."
    ),
    _(
        "GDPR art. 9(2)(g): substantial public interest, on the basis of that law (data may "
        "reveal beliefs)."
    ),
    _(
        "GDPR art. 10 and the law of 30 July 2018 on the protection of natural persons with "
        "regard to the processing of personal data: data on offences only as far as the law "
        "allows."
    ),
    _("Art. 458ter Criminal Code: shared professional secrecy in a consultation organised by law."),
    _(
        "Flemish decree of 21 May 2021: participation of Flemish services, a right to speak and "
        "not a duty."
    ),
]

OTHER_DATA = [
    _(
        "Case metadata: code, phase, phenomenon, prevention level, dates, consent, closure "
        "reason and outcome."
    ),
    _("Observed behaviour from a fixed checklist; urgency; status of the signal."),
    _("Whether the person is known at the Local Task Force (hit / no-hit only)."),
    _("Participation of organisations in a case, named members, reasons for declining."),
    _("Attendance and confidentiality attestations at case conferences."),
    _(
        "Keyed blind indexes (HMAC) of name with birth date and of the national register "
        "number, for exact-match lookups without decrypting."
    ),
    _("Members of the cell: name, e-mail address, organisation, role, language."),
    _("Access log: who read or changed which record, when, in which role (ids and codes only)."),
]

TRANSFERS = _(
    "None outside the European Union. The platform runs in the municipality's own network and "
    "calls no external service; nothing is copied to or from the common database (GGB/BDC) of "
    "OCAM/OCAD: the information officer only reports hit / no-hit."
)

AGGREGATES = _(
    "Supervisors (regional or federal) receive aggregated figures only, with numbers below 5 "
    "suppressed: no personal data."
)


@dataclass
class DataCategory:
    record: str
    fields: list[str]


@dataclass
class RecipientType:
    label: str
    member_organisations: int = 0
    participating_organisations: int = 0
    cases: int = 0


@dataclass
class ProcessingRegister:
    cell: Cell
    municipalities: list[str]
    chairs: list[str]
    coordinators: list[str]
    dpos: list[tuple[str, str]]
    persons: list[tuple[str, int | None]]
    encrypted: list[DataCategory]
    recipients: list[RecipientType]
    retention: list[tuple[str, str]]
    security: list[str]
    generated_at: object = None
    purposes: list = field(default_factory=lambda: PURPOSES)
    legal_bases: list = field(default_factory=lambda: LEGAL_BASES)
    other_data: list = field(default_factory=lambda: OTHER_DATA)
    transfers: str = TRANSFERS
    aggregates: str = AGGREGATES


def encrypted_fields() -> list[DataCategory]:
    """Per model, the verbose names of its encrypted fields (all installed apps)."""
    categories = []
    for model in apps.get_models():
        fields = [
            capfirst(str(f.verbose_name))
            for f in model._meta.get_fields()
            if isinstance(f, EncryptedTextField)
        ]
        if fields:
            categories.append(DataCategory(capfirst(str(model._meta.verbose_name)), fields))
    return categories


def _members(cell: Cell) -> dict[str, list]:
    by_role: dict[str, list] = {}
    memberships = (
        Membership.objects.filter(cell=cell, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    )
    for m in memberships:
        by_role.setdefault(m.role, []).append(m.user)
    return by_role


def _recipients(cell: Cell) -> list[RecipientType]:
    rows = {value: RecipientType(str(label)) for value, label in Organisation.Type.choices}
    member_types = (
        Membership.objects.filter(cell=cell, is_active=True)
        .values("organisation__type")
        .annotate(n=Count("organisation", distinct=True))
        .order_by()
    )
    for row in member_types:
        rows[row["organisation__type"]].member_organisations = row["n"]
    participations = (
        Participant.objects.filter(case__cell=cell)
        .exclude(status=Participant.Status.DECLINED)
        .values("organisation__type")
        .annotate(n=Count("organisation", distinct=True), cases=Count("case", distinct=True))
        .order_by()
    )
    for row in participations:
        rows[row["organisation__type"]].participating_organisations = row["n"]
        rows[row["organisation__type"]].cases = row["cases"]
    return [r for r in rows.values() if r.member_organisations or r.participating_organisations]


def _security() -> list[str]:
    verification = latest_verification()
    checked = (
        _("last verified on %(date)s") % {"date": timezone.localtime(verification.at).date()}
        if verification
        else _("not verified yet")
    )
    return [
        _(
            "Identifying data of subjects and free text are encrypted at rest (Fernet: AES with "
            "HMAC) with rotatable keys kept outside the database."
        ),
        _(
            "Exact-match lookups and re-signal detection use keyed blind indexes, with a "
            "separate key, without decrypting."
        ),
        _(
            "Need-to-know: a case is visible only to the cell's coordinator and chair and to "
            "named members of organisations taking part; refusal looks like absence."
        ),
        _("Multi-factor authentication (TOTP) is mandatory for roles that see personal data."),
        _(
            "Sessions end after %(idle)d minutes without activity and after %(hours)d hours at "
            "most; a login is locked after %(failures)d failed attempts."
        )
        % {
            "idle": settings.LIVC_IDLE_TIMEOUT_MINUTES,
            "hours": settings.SESSION_COOKIE_AGE // 3600,
            "failures": settings.LIVC_LOGIN_FAILURES_ALLOWED,
        },
        _(
            "Every read and change of personal data is logged; the log is append-only and "
            "chained by hash (%(checked)s)."
        )
        % {"checked": checked},
        _(
            "The DPO and the administrators never see case content; technical administration "
            "and case access are separate."
        ),
        _(
            "Retention is enforced by the system: data past their term are purged and leave a "
            "tombstone; a legal hold blocks a purge, with a reason."
        ),
        _("Self-hosted, no external services, no content delivery networks."),
    ]


def processing_register(*, cell: Cell) -> ProcessingRegister:
    """The register for one cell (about ten queries, whatever the size of the cell)."""
    members = _members(cell)
    subjects = Subject.objects.filter(cell=cell).count()
    reporters = Signal.objects.filter(cell=cell).values("reported_by").distinct().order_by().count()
    return ProcessingRegister(
        cell=cell,
        municipalities=[
            str(m)
            for m in Municipality.objects.filter(
                cell_areas__cell=cell, cell_areas__is_active=True
            ).select_related("region")
        ],
        chairs=[str(u) for u in members.get(Role.CHAIR, [])],
        coordinators=[str(u) for u in members.get(Role.COORDINATOR, [])],
        dpos=[(str(u), u.email) for u in members.get(Role.DPO, [])],
        persons=[
            (_("Persons discussed (subjects of signals and cases)"), subjects),
            (_("Third parties mentioned in observations and notes (family, contacts)"), None),
            (_("Professionals who reported a signal"), reporters),
            (
                _("Members of the cell"),
                len({u.pk for users in members.values() for u in users}),
            ),
        ],
        encrypted=encrypted_fields(),
        recipients=_recipients(cell),
        retention=retention_rows(cell),
        security=_security(),
        generated_at=timezone.localtime(),
    )
