"""What each indicator means, written out: shown in the UI next to every figure and in
reports, so that a reader knows exactly what was counted.

An indicator has a code (stable: reports, exports and trends refer to it), a title, a
written definition, a unit (count, share or days) and the dimension of its breakdown.
`additive` says whether the breakdown rows add up to the figure's total (suppression then
protects the total against differencing); when they do not, each row counts some of what
the total counts (a row is at most the total). `numerator` names the rows a share counts.

What a reader can infer from the definitions alone, which the suppression audit assumes
they do (audit_model.py): figures with the same `population` count the same things (equal
totals per cell and period); a figure's total is at most that of the figure it is `within`,
and each of its rows at most the same row of `rows_within`. Counts are *flows* (a year is
its quarters added up) unless `stock`: counted on one day, the period's last (or today for
a period not over yet), so a year and its last quarter give the same number.

Purged records: every count also reads the tombstones purges leave (`retention.Tombstone`)
so that a purge does not change the history. What tombstones do not keep is stated in
the definition of the indicators concerned.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    COUNT = "count", _("number")
    SHARE = "share", _("share")
    DAYS = "days", _("days")


@dataclass(frozen=True)
class Theme:
    code: str
    title: Promise


THEMES = (
    Theme("signals", _("Signals and screening")),
    Theme("cases", _("Cases")),
    Theme("cooperation", _("Case conferences and cooperation")),
    Theme("followup", _("Actions and aftercare")),
)


@dataclass(frozen=True)
class Definition:
    code: str
    theme: str
    title: Promise
    text: Promise
    unit: str = Unit.COUNT
    dimension: Promise | str = ""
    additive: bool = True
    numerator: tuple[str, ...] = ()
    population: str = ""
    within: str = ""
    rows_within: str = ""
    stock: bool = False


DEFINITIONS: dict[str, Definition] = {
    d.code: d
    for d in (
        Definition(
            "signals_by_source",
            "signals",
            _("Signals received, by who reported them"),
            _(
                "Signals with a signal date in the period, counted by the type of the "
                "reporting organisation; signals from a citizen or family member and "
                "signals that started as an anonymous consultation have their own rows. "
                "Purged signals count through their tombstones."
            ),
            dimension=_("reported by"),
            population="signals",
        ),
        Definition(
            "signals_by_phenomenon",
            "signals",
            _("Signals received, by phenomenon"),
            _(
                "Signals with a signal date in the period, by the phenomenon recorded on the "
                "signal. Purged signals count through their tombstones."
            ),
            dimension=_("phenomenon"),
            population="signals",
        ),
        Definition(
            "signals_by_level",
            "signals",
            _("Signals received, by prevention level"),
            _(
                "Signals with a signal date in the period, by the prevention level recorded "
                "on the signal. Purged signals count through their tombstones."
            ),
            dimension=_("prevention level"),
            population="signals",
        ),
        Definition(
            "signals_screened_in_time",
            "signals",
            _("Signals screened within the deadline"),
            _(
                "Of the signals with a signal date in the period whose screening deadline has "
                "passed (or that were screened), the share screened on or before the "
                "deadline. Late: screened after it; overdue: still not screened. A purged "
                "signal's deadline is recomputed from its signal date with the current "
                "number of working days (the tombstone does not keep it)."
            ),
            unit=Unit.SHARE,
            dimension=_("screening"),
            numerator=("in_time",),
            within="signals_by_source",
        ),
        Definition(
            "signals_to_case",
            "signals",
            _("Signals leading to a case"),
            _(
                "Of the signals with a signal date in the period that have been screened, the "
                "share whose outcome was to open a case (or add the signal to a case). "
                "Signals not yet screened are left out. Purged signals count through their "
                "tombstones."
            ),
            unit=Unit.SHARE,
            dimension=_("screening outcome"),
            numerator=("case_opened",),
            within="signals_by_source",
        ),
        Definition(
            "consultations",
            "signals",
            _("Anonymous consultations"),
            _(
                "Questions for advice about a person who is not named, asked in the period, "
                "by the type of the asking organisation. Purged consultations count through "
                "their tombstones."
            ),
            dimension=_("organisation type"),
        ),
        Definition(
            "cases_opened",
            "cases",
            _("Cases opened, by phenomenon"),
            _(
                "Cases with an opening date in the period, by phenomenon. A reopened case is "
                "not counted again. Purged cases count through their tombstones."
            ),
            dimension=_("phenomenon"),
            population="cases_opened",
        ),
        Definition(
            "cases_opened_by_level",
            "cases",
            _("Cases opened, by prevention level"),
            _(
                "Cases with an opening date in the period, by prevention level. Purged cases "
                "count through their tombstones."
            ),
            dimension=_("prevention level"),
            population="cases_opened",
        ),
        Definition(
            "cases_active_at_end",
            "cases",
            _("Cases under way at the end of the period, by phase"),
            _(
                "Cases opened on or before the last day of the period and not closed on that "
                "day, by the phase they were in then (read from the dated phase changes, so "
                "a later change does not rewrite the past). For a period not over yet: the "
                "cases open today, by their current phase. Purged cases count through the "
                "phase history their tombstone keeps."
            ),
            dimension=_("phase"),
            stock=True,
        ),
        Definition(
            "cases_closed_by_reason",
            "cases",
            _("Cases closed, by reason"),
            _(
                "Cases whose closing date falls in the period, by closure reason. A case "
                "reopened since then is not counted (it is no longer closed). Purged cases "
                "count through their tombstones."
            ),
            dimension=_("closure reason"),
            population="cases_closed",
        ),
        Definition(
            "cases_closed_by_outcome",
            "cases",
            _("Cases closed, by outcome"),
            _(
                "Cases whose closing date falls in the period, by the outcome recorded at "
                "closure. Purged cases count through their tombstones."
            ),
            dimension=_("outcome"),
            population="cases_closed",
        ),
        Definition(
            "days_signal_to_conference",
            "cases",
            _("Days from signal to first case conference (median)"),
            _(
                "For the cases whose first case conference took place in the period, the "
                "median number of days between the date of the case's first signal (its "
                "opening date if it was opened without a signal) and the first held "
                "conference that had the case on its agenda. For purged cases the "
                "tombstone's first conference date is used, which may be a conference that "
                "was planned but not held."
            ),
            unit=Unit.DAYS,
        ),
        Definition(
            "case_duration",
            "cases",
            _("Duration of closed cases (median days)"),
            _(
                "For the cases closed in the period, the median number of days from opening "
                "to closing. Purged cases count through their tombstones."
            ),
            unit=Unit.DAYS,
            population="cases_closed",
        ),
        Definition(
            "resignal_within_year",
            "cases",
            _("Re-signal within 12 months after closure"),
            _(
                "Of the cases closed in the period (closed because the person died left "
                "out), the share whose person was signalled again within 365 days after the "
                "closing date, in this cell or in another one. A person is recognised only "
                "by the blind index of their name and birth date or of their national "
                "register number (nothing is decrypted). This is a proxy for recidivism, "
                "not a measure of it. The figure is provisional until 365 days after the "
                "end of the period. Purged cases and purged signals keep no index and are "
                "left out."
            ),
            unit=Unit.SHARE,
            dimension=_("re-signal"),
            numerator=("same_cell", "other_cell"),
            within="cases_closed_by_reason",
        ),
        Definition(
            "conferences_held",
            "cooperation",
            _("Case conferences held and who attended"),
            _(
                "Case conferences of the cell that took place in the period (held, or with "
                "approved minutes). Per organisation type: the number of these conferences "
                "attended by at least one member of that type (the organisation the "
                "attendee attested for, else their organisation in the cell); a conference "
                "counts once for each type present, so the rows do not add up. Conferences "
                "stay when cases are purged."
            ),
            dimension=_("organisation type present"),
            additive=False,
        ),
        Definition(
            "participation_invited",
            "cooperation",
            _("Organisations invited to take part in a case"),
            _(
                "Invitations of an organisation to take part in a case, made in the period, "
                "by organisation type. For purged cases the tombstone keeps the organisations "
                "but not the invitation date: they count in the period the case was opened."
            ),
            dimension=_("organisation type"),
        ),
        Definition(
            "participation_declined",
            "cooperation",
            _("Organisations declining to take part"),
            _(
                "Of the invitations made in the period, those the organisation declined "
                "(Flemish decree of 21 May 2021: taking part is a right, not a duty), by "
                "organisation type. Purged cases count as for invitations."
            ),
            dimension=_("organisation type"),
            rows_within="participation_invited",
        ),
        Definition(
            "actions_on_time",
            "followup",
            _("Actions completed on time"),
            _(
                "Of the plan actions due in the period that were completed or are past their "
                "due date (cancelled actions left out), the share completed on or before the "
                "due date. Late: completed after it; overdue: still open after it. Actions "
                "are not kept in tombstones: for periods older than the retention period "
                "only the actions of cases still held count."
            ),
            unit=Unit.SHARE,
            dimension=_("completion"),
            numerator=("on_time",),
        ),
        Definition(
            "checkins_on_time",
            "followup",
            _("Aftercare check-ins done on time"),
            _(
                "Of the aftercare check-ins due in the period that were done or are past due, "
                "the share done on or before the due date. Late: done after it; missed: not "
                "done and past due. Check-ins are not kept in tombstones, like actions."
            ),
            unit=Unit.SHARE,
            dimension=_("check-in"),
            numerator=("on_time",),
        ),
    )
}


def themed() -> list[tuple[Theme, list[Definition]]]:
    """The definitions grouped by theme, in display order."""
    return [(theme, [d for d in DEFINITIONS.values() if d.theme == theme.code]) for theme in THEMES]
