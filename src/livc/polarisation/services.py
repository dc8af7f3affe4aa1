"""Writes on polarisation situations. Each service checks its own policy (NotFound when the
user may not read the situation, Refused when they may read it but not do this),
validates its input with the rules the forms show (ValidationError keyed by field),
refuses free text that identifies a person (`gate.py`), is atomic and appends to the
access log (codes only: the reference and the states, never the text)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.access.actor import actor_for
from livc.access.errors import NotFound, Refused
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.core.dates import date_problem
from livc.core.locking import save_if_unchanged
from livc.organisations.models import Cell

from . import policies, selectors, workflow
from .choices import Intensity, InterventionKind, TensionSignal, Theme
from .gate import identifier_errors
from .models import (
    SHORT_LENGTH,
    TEXT_LENGTH,
    Contribution,
    Intervention,
    InterventionChange,
    Review,
    Situation,
    SituationTheme,
    StateChange,
)

A = AccessLogEntry.Action
SITUATION = "polarisation_situation"
CONTRIBUTION = "polarisation_contribution"
INTERVENTION = "polarisation_intervention"
REVIEW = "polarisation_review"
TITLE_LENGTH = 120

EDITABLE = (
    "title",
    "municipality",
    "place",
    "groups",
    "description",
    "themes",
    "tension_signals",
    "tension_signal_other",
    "sources",
    "intensity",
    "reported_on",
    "next_review_on",
)
# Free text checked for identifiers, with the length each may have.
SITUATION_TEXTS = {
    "title": TITLE_LENGTH,
    "place": SHORT_LENGTH,
    "groups": TEXT_LENGTH,
    "description": TEXT_LENGTH,
    "tension_signal_other": SHORT_LENGTH,
    "sources": TEXT_LENGTH,
}
REQUIRED_TEXTS = ("title", "place", "groups", "description")
INTERVENTION_EDITABLE = ("kind", "description", "organisation", "starts_on", "ends_on", "status")


def _log(
    user,
    situation: Situation,
    action: str,
    *,
    object_type=SITUATION,
    object_id=None,
    reason: str = "",
):
    record(
        actor=actor_for(user, situation.cell_id),
        action=action,
        object_type=object_type,
        object_id=object_id or situation.pk,
        object_ref=situation.reference,
        reason=reason,
    )


# Checks shared by the services -----------------------------------------------------------


def _managed(user, situation: Situation) -> Situation:
    """The coordinator's services: NotFound for a non-reader, Refused for other readers."""
    policies.ensure_visible(user, situation)
    if not policies.can_manage(user, situation):
        raise Refused(_("Only the cell's coordinator can do this."))
    return situation


def _still_open(situation: Situation) -> None:
    if not workflow.is_open(situation.state):
        raise ValidationError(_("This situation is closed. Reopen it first."))


def _text(errors: dict, name: str, value, *, max_length: int, required: bool = False):
    value = value or ""
    if required and not value.strip():
        errors[name] = _("This field is required.")
    elif len(value) > max_length:
        errors[name] = _("Keep it to %(max)s characters.") % {"max": max_length}


def _date(
    errors: dict,
    name: str,
    day,
    *,
    today: datetime.date,
    future: bool = False,
    required: bool = False,
):
    if day is None:
        if required:
            errors[name] = _("Give the date.")
        return
    if not isinstance(day, datetime.date):
        errors[name] = _("Enter a valid date.")
        return
    problem = date_problem(day, today=today, future=future)
    if problem:
        errors[name] = problem


def _identifiers(errors: dict, texts: dict[str, str]) -> None:
    """Add the gate's findings for fields that have no other error yet."""
    clean = {name: text for name, text in texts.items() if name not in errors and text}
    errors.update(identifier_errors(clean))


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _choices(errors: dict, name: str, values, allowed, *, required: str = "") -> list[str]:
    values = list(dict.fromkeys(values or []))
    if any(v not in allowed for v in values):
        errors[name] = _("Select valid choices only.")
    elif required and not values:
        errors[name] = required
    return values


def _check_situation(situation: Situation | None, cell_id: int, values: dict, today) -> dict:
    """The rules of a situation's own data on the values it will have; returns the cleaned
    themes and signals (duplicates dropped)."""
    errors: dict = {}
    for name, max_length in SITUATION_TEXTS.items():
        _text(
            errors, name, values.get(name), max_length=max_length, required=name in REQUIRED_TEXTS
        )
    municipality = values.get("municipality")
    municipality_id = getattr(municipality, "pk", municipality)
    kept = situation is not None and municipality_id == situation.municipality_id
    if municipality_id is None:
        errors["municipality"] = _("Choose the municipality.")
    elif not kept and not (
        selectors.cell_municipalities(cell_id=cell_id).filter(pk=municipality_id).exists()
    ):
        errors["municipality"] = _("Choose one of the municipalities the cell serves.")
    themes = _choices(
        errors,
        "themes",
        values.get("themes"),
        Theme.values,
        required=_("Choose at least one theme."),
    )
    signals = _choices(
        errors, "tension_signals", values.get("tension_signals"), TensionSignal.values
    )
    other = (values.get("tension_signal_other") or "").strip()
    if TensionSignal.OTHER in signals and not other and "tension_signal_other" not in errors:
        errors["tension_signal_other"] = _("Say which other signal of tension.")
    elif other and TensionSignal.OTHER not in signals and "tension_signals" not in errors:
        errors["tension_signals"] = _("Tick “other” to describe another signal of tension.")
    if values.get("intensity") not in Intensity.values:
        errors["intensity"] = _("Choose the intensity on the scale of 1 to 4.")
    reported_on, next_review_on = values.get("reported_on"), values.get("next_review_on")
    _date(errors, "reported_on", reported_on, today=today, required=True)
    _date(errors, "next_review_on", next_review_on, today=today, future=True)
    if (
        "reported_on" not in errors
        and "next_review_on" not in errors
        and next_review_on is not None
        and next_review_on < reported_on
    ):
        errors["next_review_on"] = _("The review cannot be before the report.")
    return {"errors": errors, "themes": themes, "tension_signals": signals}


# Situations -------------------------------------------------------------------------------


@transaction.atomic
def situation_create(
    *,
    user,
    cell: Cell,
    title: str,
    municipality,
    place: str,
    groups: str,
    description: str,
    themes,
    intensity: int,
    tension_signals=(),
    tension_signal_other: str = "",
    sources: str = "",
    reported_on: datetime.date | None = None,
    next_review_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Situation:
    """Record a situation reported to the cell; it starts `reported`, numbered per cell."""
    if cell.pk not in policies.reader_cells(user):
        raise NotFound
    if not policies.can_create(user, cell.pk):
        raise Refused(_("Only the cell's coordinator records situations."))
    today = today or timezone.localdate()
    values = {
        "title": title,
        "municipality": municipality,
        "place": place,
        "groups": groups,
        "description": description,
        "themes": themes,
        "intensity": intensity,
        "tension_signals": tension_signals,
        "tension_signal_other": tension_signal_other,
        "sources": sources,
        "reported_on": reported_on or today,
        "next_review_on": next_review_on,
    }
    checked = _check_situation(None, cell.pk, values, today)
    errors = checked["errors"]
    _identifiers(errors, {name: values[name] for name in SITUATION_TEXTS})
    _raise(errors)
    # The cell's row lock serialises creators, so numbers follow each other without gaps.
    Cell.objects.select_for_update().filter(pk=cell.pk).first()
    last = Situation.objects.filter(cell=cell).order_by("-number").first()
    situation = Situation.objects.create(
        cell=cell,
        number=(last.number if last else 0) + 1,
        municipality_id=getattr(municipality, "pk", municipality),
        tension_signals=checked["tension_signals"],
        created_by=user,
        state=workflow.INITIAL,
        **{
            name: values[name]
            for name in (*SITUATION_TEXTS, "intensity", "reported_on", "next_review_on")
        },
    )
    situation.cell = cell
    SituationTheme.objects.bulk_create(
        SituationTheme(situation=situation, theme=theme) for theme in checked["themes"]
    )
    StateChange.objects.create(
        situation=situation, to_state=situation.state, at=timezone.now(), by=user
    )
    _log(user, situation, A.CREATE)
    return situation


@transaction.atomic
def situation_update(
    *, user, situation: Situation, version: int, today: datetime.date | None = None, **fields
) -> Situation:
    """Change the situation's data (any of `EDITABLE`); optimistic locking on `version`."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    _managed(user, situation)
    _still_open(situation)
    today = today or timezone.localdate()
    current = {name: getattr(situation, name) for name in EDITABLE if name != "themes"}
    current["themes"] = list(situation.themes.values_list("theme", flat=True))
    values = {**current, **fields}
    checked = _check_situation(situation, situation.cell_id, values, today)
    errors = checked["errors"]
    _identifiers(errors, {name: fields[name] for name in SITUATION_TEXTS if name in fields})
    _raise(errors)
    columns = {name: value for name, value in fields.items() if name != "themes"}
    if "tension_signals" in fields:
        columns["tension_signals"] = checked["tension_signals"]
    if "municipality" in columns:
        columns["municipality_id"] = getattr(columns["municipality"], "pk", columns["municipality"])
        del columns["municipality"]
    save_if_unchanged(
        situation,
        version,
        message=_(
            "Someone else changed this situation while you were editing. Reload it and redo "
            "your change; nothing was saved."
        ),
        **columns,
    )
    if "themes" in fields:
        situation.themes.exclude(theme__in=checked["themes"]).delete()
        have = set(situation.themes.values_list("theme", flat=True))
        SituationTheme.objects.bulk_create(
            SituationTheme(situation=situation, theme=t) for t in checked["themes"] if t not in have
        )
    _log(user, situation, A.UPDATE)
    return situation


@transaction.atomic
def situation_transition(
    *,
    user,
    situation: Situation,
    to_state: str,
    version: int,
    reason: str = "",
    today: datetime.date | None = None,
) -> Situation:
    """Move the situation along `workflow.SITUATION`. Closing and reopening (closed →
    monitoring) need a reason; diagnosed needs a contribution, in treatment an intervention."""
    _managed(user, situation)
    if to_state not in Situation.State.values:
        raise ValidationError({"to_state": _("Choose a state.")})
    from_state = situation.state
    workflow.SITUATION.check(from_state, to_state)
    errors: dict = {}
    if workflow.needs_reason(from_state, to_state):
        _text(errors, "reason", reason, max_length=SHORT_LENGTH, required=True)
        if errors:
            errors["reason"] = (
                _("Say why the situation is reopened.")
                if workflow.is_reopening(from_state, to_state)
                else _("Say why the situation is closed.")
            )
    else:
        _text(errors, "reason", reason, max_length=SHORT_LENGTH)
    _identifiers(errors, {"reason": reason})
    if workflow.needs_contribution(to_state) and not situation.contributions.exists():
        errors["to_state"] = _(
            "A situation is diagnosed once at least one organisation has added its analysis."
        )
    if (
        workflow.needs_intervention(to_state)
        and not situation.interventions.filter(
            status__in=workflow.LIVE_INTERVENTION_STATUSES
        ).exists()
    ):
        errors["to_state"] = _("Plan at least one intervention before the treatment starts.")
    _raise(errors)
    closed_on = (today or timezone.localdate()) if workflow.is_closed(to_state) else None
    save_if_unchanged(
        situation,
        version,
        message=_(
            "Someone else changed this situation meanwhile. Reload it and try again; nothing "
            "was saved."
        ),
        state=to_state,
        closed_on=closed_on,
    )
    StateChange.objects.create(
        situation=situation,
        from_state=from_state,
        to_state=to_state,
        at=timezone.now(),
        by=user,
        reason=reason.strip(),
    )
    _log(user, situation, A.TRANSITION, reason=f"{from_state}→{to_state}")
    return situation


# Diagnosis --------------------------------------------------------------------------------


@transaction.atomic
def contribution_add(
    *,
    user,
    situation: Situation,
    analysis: str,
    contributed_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Contribution:
    """An organisation's analysis, signed by the user on behalf of their organisation in
    the situation's cell."""
    policies.ensure_visible(user, situation)
    if not policies.is_contributor(user, situation.cell_id):
        raise Refused(
            _("Only the coordinator, the information officer and partners add a diagnosis.")
        )
    _still_open(situation)
    today = today or timezone.localdate()
    contributed_on = contributed_on or today
    errors: dict = {}
    _text(errors, "analysis", analysis, max_length=TEXT_LENGTH, required=True)
    _date(errors, "contributed_on", contributed_on, today=today)
    if "contributed_on" not in errors and contributed_on < situation.reported_on:
        errors["contributed_on"] = _("The date cannot be before the situation was reported.")
    _identifiers(errors, {"analysis": analysis})
    _raise(errors)
    contribution = Contribution.objects.create(
        situation=situation,
        organisation_id=policies.contributor_organisation(user, situation.cell_id),
        author=user,
        contributed_on=contributed_on,
        analysis=analysis.strip(),
    )
    _log(user, situation, A.CREATE, object_type=CONTRIBUTION, object_id=contribution.pk)
    return contribution


# Interventions ----------------------------------------------------------------------------


def _check_intervention(errors: dict, cell_id: int, values: dict, today, *, kept_owner=None):
    if values.get("kind") not in InterventionKind.values:
        errors["kind"] = _("Choose the type of intervention.")
    _text(errors, "description", values.get("description"), max_length=TEXT_LENGTH, required=True)
    owner = values.get("organisation")
    owner_id = getattr(owner, "pk", owner)
    if owner_id is None:
        errors["organisation"] = _("Choose the organisation that carries it out.")
    elif owner_id != kept_owner and not (
        selectors.cell_organisations(cell_id=cell_id).filter(pk=owner_id).exists()
    ):
        errors["organisation"] = _("Choose an organisation with members in the cell.")
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    _date(errors, "starts_on", starts_on, today=today, future=True, required=True)
    _date(errors, "ends_on", ends_on, today=today, future=True)
    if "starts_on" not in errors and "ends_on" not in errors and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end cannot be before the start.")
    _identifiers(errors, {"description": values.get("description") or ""})


@transaction.atomic
def intervention_plan(
    *,
    user,
    situation: Situation,
    kind: str,
    description: str,
    organisation,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Intervention:
    """Plan an intervention carried out by an organisation of the cell."""
    _managed(user, situation)
    _still_open(situation)
    values = {
        "kind": kind,
        "description": description,
        "organisation": organisation,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    errors: dict = {}
    _check_intervention(errors, situation.cell_id, values, today or timezone.localdate())
    _raise(errors)
    intervention = Intervention.objects.create(
        situation=situation,
        kind=kind,
        description=description.strip(),
        organisation_id=getattr(organisation, "pk", organisation),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=user,
    )
    InterventionChange.objects.create(
        intervention=intervention, to_state=intervention.status, at=timezone.now(), by=user
    )
    _log(user, situation, A.CREATE, object_type=INTERVENTION, object_id=intervention.pk)
    return intervention


@transaction.atomic
def intervention_update(
    *,
    user,
    intervention: Intervention,
    version: int,
    today: datetime.date | None = None,
    **fields,
) -> Intervention:
    """Change an intervention (any of `INTERVENTION_EDITABLE`); a new status follows
    `workflow.INTERVENTION` and leaves a dated row."""
    unknown = set(fields) - set(INTERVENTION_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    situation = intervention.situation
    _managed(user, situation)
    _still_open(situation)
    values = {name: getattr(intervention, name) for name in INTERVENTION_EDITABLE}
    values["organisation"] = intervention.organisation_id
    values.update(fields)
    errors: dict = {}
    _check_intervention(
        errors,
        situation.cell_id,
        values,
        today or timezone.localdate(),
        kept_owner=intervention.organisation_id,
    )
    from_status, to_status = intervention.status, values["status"]
    if to_status != from_status:
        try:
            workflow.INTERVENTION.check(from_status, to_status)
        except ValidationError as error:
            errors["status"] = error.messages[0]
    _raise(errors)
    columns = dict(fields)
    if "organisation" in columns:
        columns["organisation_id"] = getattr(columns["organisation"], "pk", columns["organisation"])
        del columns["organisation"]
    if "description" in columns:
        columns["description"] = columns["description"].strip()
    save_if_unchanged(
        intervention,
        version,
        message=_(
            "Someone else changed this intervention while you were editing. Reload it and redo "
            "your change; nothing was saved."
        ),
        **columns,
    )
    if to_status != from_status:
        InterventionChange.objects.create(
            intervention=intervention,
            from_state=from_status,
            to_state=to_status,
            at=timezone.now(),
            by=user,
        )
    _log(
        user,
        situation,
        A.UPDATE,
        object_type=INTERVENTION,
        object_id=intervention.pk,
        reason=f"{from_status}→{to_status}" if to_status != from_status else "",
    )
    return intervention


# Reviews ----------------------------------------------------------------------------------


@transaction.atomic
def review_record(
    *,
    user,
    situation: Situation,
    version: int,
    held_on: datetime.date,
    note: str,
    next_review_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Review:
    """A review held, with its conclusions and the next review date (set on the situation)."""
    _managed(user, situation)
    _still_open(situation)
    today = today or timezone.localdate()
    errors: dict = {}
    _date(errors, "held_on", held_on, today=today, required=True)
    if "held_on" not in errors and held_on < situation.reported_on:
        errors["held_on"] = _("The date cannot be before the situation was reported.")
    _date(errors, "next_review_on", next_review_on, today=today, future=True)
    if (
        "held_on" not in errors
        and "next_review_on" not in errors
        and next_review_on is not None
        and next_review_on <= held_on
    ):
        errors["next_review_on"] = _("The next review comes after this one.")
    _text(errors, "note", note, max_length=TEXT_LENGTH, required=True)
    _identifiers(errors, {"note": note})
    _raise(errors)
    save_if_unchanged(
        situation,
        version,
        message=_(
            "Someone else changed this situation meanwhile. Reload it and try again; nothing "
            "was saved."
        ),
        next_review_on=next_review_on,
    )
    review = Review.objects.create(
        situation=situation,
        held_on=held_on,
        note=note.strip(),
        next_review_on=next_review_on,
        by=user,
    )
    _log(user, situation, A.CREATE, object_type=REVIEW, object_id=review.pk)
    return review
