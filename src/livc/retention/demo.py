"""Retention in the demo: Vilvoorde-Machelen-Zaventem keeps closed cases 36 months and
out-of-scope records 6; Mechelen holds one closed case for a complaint procedure, has a
signal screened out of scope eleven months ago (in the retention queue) and shows the
tombstone of an old case the purge already removed.

Runs through the real services (access log, locks, purge). Idempotent: what exists is
left alone. Call it after the case work is seeded (`seed_all`).
"""

import datetime

from django.utils import timezone

from livc.cases import services as cases
from livc.cases.models import Case
from livc.intake import services as intake
from livc.intake.models import Signal
from livc.organisations.models import Cell, Membership, Municipality, Role

from . import purge, services
from .models import LegalHold, RetentionOverride, Tombstone


def _user(cell: Cell, role: Role) -> Membership | None:
    return (
        Membership.objects.filter(cell=cell, role=role, is_active=True)
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
    )


def seed_retention() -> None:
    cells = {cell.code: cell for cell in Cell.objects.filter(code__in=["MEC", "VMZ"])}
    if "VMZ" in cells:
        RetentionOverride.objects.get_or_create(
            cell=cells["VMZ"], defaults={"closed_case_months": 36, "out_of_scope_months": 6}
        )
    mec = cells.get("MEC")
    coordinator = mec and _user(mec, Role.COORDINATOR)
    if coordinator is None:
        return
    closed = Case.objects.filter(cell=mec, phase=Case.Phase.CLOSED).order_by("pk").first()
    if closed and not LegalHold.objects.filter(case=closed).exists():
        services.legal_hold_place(
            user=coordinator.user,
            case=closed,
            reason="Complaint to the supervisory authority (demo)",
            until=timezone.localdate() + datetime.timedelta(days=180),
        )
    if not mec.signals.filter(status="advised").exists():
        _out_of_scope_signal(mec, coordinator, days_ago=335)
    if not Tombstone.objects.filter(cell=mec).exists():
        _purged_case(mec, coordinator)


def _register(cell: Cell, days_ago: int, first: str, last: str, text: str):
    reporter = _user(cell, Role.PARTNER) or _user(cell, Role.COORDINATOR)
    return intake.signal_register(
        user=reporter.user,
        cell=cell,
        organisation=reporter.organisation,
        identity=intake.Identity(
            first,
            last,
            datetime.date(1995, 1, 1),
            "",
            Municipality.objects.get(pk=cell.areas.values("municipality")[:1]),
        ),
        received_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        observation=text,
        behaviours=["us_vs_them"],
        behaviour_other="",
        phenomenon="polarisation",
        prevention_level="primary",
        urgency="normal",
    )


def _backdate(signal, days_ago: int) -> None:
    Signal.objects.filter(pk=signal.pk).update(
        screened_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def _out_of_scope_signal(cell: Cell, coordinator: Membership, days_ago: int) -> None:
    signal = _register(
        cell, days_ago + 5, "Jonas", "Peeters", "Ruzie op school, geen radicalisering."
    )
    signal = intake.signal_screen(
        user=coordinator.user,
        signal=signal,
        outcome="advised",
        reason="Advice given to the school; no case needed.",
    )
    _backdate(signal, days_ago)


def _purged_case(cell: Cell, coordinator: Membership) -> None:
    """An old case, closed over five years ago, then purged: only its tombstone stays."""
    today = timezone.localdate()
    signal = _register(cell, 7 * 365, "Oud", "Dossier", "Demo record, purged at retention.")
    signal = intake.signal_screen(
        user=coordinator.user, signal=signal, outcome="case_opened", reason="Demo"
    )
    _backdate(signal, 7 * 365 - 3)
    case = signal.case
    cases.case_close(
        user=coordinator.user,
        case=case,
        version=case.version,
        reason="goals_reached",
        outcome="improved",
    )
    Case.objects.filter(pk=case.pk).update(
        opened_on=today - datetime.timedelta(days=7 * 365 - 3),
        closed_on=today - datetime.timedelta(days=6 * 365),
    )
    purge.purge_expired(triggered_by="demo")
