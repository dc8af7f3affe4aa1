"""Writes on action plans. Each service checks its own policy (NotFound when the user may
not read the plan, Refused when they may read it but not do this), validates its input
with the rules the forms show (ValidationError keyed by field), refuses free text that
identifies a person (the identifier gate of modules without personal data), is atomic and
appends to the access log (codes and statuses only, never the text)."""

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.access.actor import actor_for
from livc.access.errors import NotFound, Refused
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.core.dates import date_problem
from livc.core.locking import save_if_unchanged
from livc.organisations.models import Membership, Municipality, Organisation, Province, Region
from livc.polarisation.gate import identifier_errors

from . import imports, policies, progress, workflow
from .choices import LEVEL_REGIONS, Level, PolicyDomain, RecommendationSource, Structure
from .models import (
    CODE_LENGTH,
    SHORT_LENGTH,
    TEXT_LENGTH,
    TITLE_LENGTH,
    Measure,
    MeasureChange,
    Objective,
    Plan,
    PlanChange,
    ProgressUpdate,
    Recommendation,
    RecommendationChange,
)
from .periods import HalfYear

A = AccessLogEntry.Action
PLAN = "policy_plan"
OBJECTIVE = "policy_objective"
MEASURE = "policy_measure"
UPDATE = "policy_progress_update"
RECOMMENDATION = "policy_recommendation"
AMOUNT_DIGITS = 12  # before the decimal point (Decimal(14, 2))

PLAN_EDITABLE = (
    "level",
    "region",
    "province",
    "municipality",
    "title",
    "structure",
    "period_start",
    "period_end",
    "approved_on",
    "decision_reference",
    "responsible_body",
    "description",
)
MEASURE_EDITABLE = (
    "objective",
    "code",
    "title",
    "description",
    "policy_domain",
    "owner_organisation",
    "owner",
    "indicator",
    "indicator_unit",
    "baseline",
    "target",
    "budget",
    "starts_on",
    "ends_on",
)
RECOMMENDATION_EDITABLE = (
    "source",
    "source_reference",
    "text",
    "issued_on",
    "measures",
    "follow_up",
    "follow_up_note",
)
CHANGED_MEANWHILE = (
    "Someone else changed this while you were editing. Reload it and redo your change; "
    "nothing was saved."
)


# The access log ---------------------------------------------------------------------------


def _actor(user):
    """The user's capacity above the cells (no cell: `actor_for(user, None)`), with the role
    and organisation of the membership they act in."""
    actor = actor_for(user, None)
    membership = policies.capacity(user)
    if membership is None:
        return actor
    return replace(actor, role=membership.role, organisation_id=membership.organisation_id)


def _log(user, action: str, *, object_type: str, object_id: int, ref: str, reason: str = ""):
    record(
        actor=_actor(user),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_ref=ref[:40],
        reason=reason,
    )


def _at(today: datetime.date | None) -> datetime.datetime:
    """When a change happened: now, or noon of the `today` a caller (the demo) passes."""
    if today is None:
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))


# Checks shared by the services -----------------------------------------------------------


def _managed(user, plan: Plan) -> Plan:
    """Policy officers' services: NotFound for a non-reader, Refused for other readers."""
    policies.ensure_visible(user, plan)
    if not policies.can_manage(user, plan):
        raise Refused(_("Only a policy officer of the plan's area can do this."))
    return plan


def _still_open(plan: Plan) -> None:
    if not workflow.plan_is_open(plan.status):
        raise ValidationError(_("This plan is closed. Reopen it first."))


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _text(errors: dict, name: str, value, *, max_length: int, required: bool = False) -> str:
    value = value if isinstance(value, str) else ("" if value is None else str(value))
    if required and not value.strip():
        errors[name] = _("This field is required.")
    elif len(value) > max_length:
        errors[name] = _("Keep it to %(max)s characters.") % {"max": max_length}
    return value.strip()


def _date(errors: dict, name: str, day, *, today, future: bool = False, required: bool = False):
    if day is None:
        if required:
            errors[name] = _("Give the date.")
        return
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        errors[name] = _("Enter a valid date.")
        return
    problem = date_problem(day, today=today, future=future)
    if problem:
        errors[name] = problem


def _amount(errors: dict, name: str, value, *, positive: bool = False) -> Decimal | None:
    """A number with at most two decimals (Decimal, int or text with a dot or a comma)."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        value = value.strip().replace(" ", "")
        if value.count(",") == 1 and "." not in value:
            value = value.replace(",", ".")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        errors[name] = _("Enter a number, e.g. 1250 or 1250.50.")
        return None
    if not number.is_finite():
        errors[name] = _("Enter a number, e.g. 1250 or 1250.50.")
        return None
    if positive and number < 0:
        errors[name] = _("The amount cannot be negative.")
        return None
    if number != number.quantize(Decimal("0.01")) or abs(number) >= Decimal(10) ** AMOUNT_DIGITS:
        errors[name] = _("Use at most %(digits)s digits and two decimals.") % {
            "digits": AMOUNT_DIGITS
        }
        return None
    return number.quantize(Decimal("0.01"))


def _choice(errors: dict, name: str, value, allowed, message: str) -> str:
    if value not in allowed:
        errors[name] = message
    return value


def _identifiers(errors: dict, texts: dict[str, str]) -> None:
    """The gate's findings on fields that have no other error yet."""
    clean = {name: text for name, text in texts.items() if name not in errors and text}
    errors.update(identifier_errors(clean))


def _pk(value):
    return getattr(value, "pk", value)


def _save(obj, version: int, **fields) -> None:
    save_if_unchanged(obj, version, message=_(CHANGED_MEANWHILE), **fields)


# Plans ------------------------------------------------------------------------------------


def _resolve_area(errors: dict, values: dict):
    """The region, province and municipality of a plan of `values["level"]`."""
    level = values.get("level")
    region, province, municipality = (
        values.get("region"),
        values.get("province"),
        values.get("municipality"),
    )
    region = Region.objects.filter(pk=_pk(region)).first() if region else None
    province = Province.objects.filter(pk=_pk(province)).first() if province else None
    municipality = (
        Municipality.objects.filter(pk=_pk(municipality), valid_until__isnull=True)
        .select_related("region")
        .first()
        if municipality
        else None
    )
    if level != Level.PROVINCE and values.get("province"):
        errors["province"] = _("Only for a plan of a province.")
    if level != Level.MUNICIPALITY and values.get("municipality"):
        errors["municipality"] = _("Only for a plan of a municipality.")
    if level == Level.PROVINCE:
        if province is None:
            errors["province"] = _("Choose the province.")
            return None, None, None
        return province.region, province, None
    if level == Level.MUNICIPALITY:
        if municipality is None:
            errors["municipality"] = _("Choose the municipality.")
            return None, None, None
        return municipality.region, None, municipality
    allowed = LEVEL_REGIONS.get(level, ())
    if allowed == (None,):
        if values.get("region"):
            errors["region"] = _("A federal plan belongs to no region.")
        return None, None, None
    codes = [code for code in allowed if code]
    if region is None and len(codes) == 1:
        region = Region.objects.filter(nis_code=codes[0]).first()
    if region is None or region.nis_code not in codes:
        errors["region"] = _("Choose the region of this government's plans.")
        return None, None, None
    return region, None, None


def _check_plan(values: dict, today: datetime.date) -> tuple[dict, dict]:
    errors: dict = {}
    _choice(errors, "level", values.get("level"), Level.values, _("Choose the government level."))
    _choice(
        errors, "structure", values.get("structure"), Structure.values, _("Choose a structure.")
    )
    clean = {
        "title": _text(
            errors, "title", values.get("title"), max_length=TITLE_LENGTH, required=True
        ),
        "responsible_body": _text(
            errors,
            "responsible_body",
            values.get("responsible_body"),
            max_length=200,
            required=True,
        ),
        "decision_reference": _text(
            errors, "decision_reference", values.get("decision_reference"), max_length=100
        ),
        "description": _text(
            errors, "description", values.get("description"), max_length=TEXT_LENGTH
        ),
    }
    start, end = values.get("period_start"), values.get("period_end")
    _date(errors, "period_start", start, today=today, future=True, required=True)
    _date(errors, "period_end", end, today=today, future=True, required=True)
    if "period_start" not in errors and "period_end" not in errors and end < start:
        errors["period_end"] = _("The end cannot be before the start.")
    _date(errors, "approved_on", values.get("approved_on"), today=today)
    region, province, municipality = (None, None, None)
    if "level" not in errors:
        region, province, municipality = _resolve_area(errors, values)
    _identifiers(
        errors, {name: clean[name] for name in ("title", "responsible_body", "description")}
    )
    clean.update(region=region, province=province, municipality=municipality)
    return errors, clean


def _plan_columns(values: dict, clean: dict) -> dict:
    return {
        "level": values["level"],
        "structure": values["structure"],
        "period_start": values["period_start"],
        "period_end": values["period_end"],
        "approved_on": values.get("approved_on"),
        **clean,
    }


@transaction.atomic
def plan_create(
    *,
    user,
    level: str,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    responsible_body: str,
    structure: str = Structure.AXES,
    region=None,
    province=None,
    municipality=None,
    approved_on: datetime.date | None = None,
    decision_reference: str = "",
    description: str = "",
    today: datetime.date | None = None,
) -> Plan:
    """A new plan of the officer's area; it starts as a draft."""
    if not policies.can_create_plans(user):
        raise NotFound
    today = today or timezone.localdate()
    values = {
        "level": level,
        "title": title,
        "period_start": period_start,
        "period_end": period_end,
        "responsible_body": responsible_body,
        "structure": structure,
        "region": region,
        "province": province,
        "municipality": municipality,
        "approved_on": approved_on,
        "decision_reference": decision_reference,
        "description": description,
    }
    errors, clean = _check_plan(values, today)
    if not errors and not policies.officer_area(user).covers(_pk(clean["region"])):
        errors["level"] = _("You manage the plans of another area.")
    _raise(errors)
    plan = Plan.objects.create(
        created_by=user, status=workflow.INITIAL_PLAN, **_plan_columns(values, clean)
    )
    PlanChange.objects.create(plan=plan, to_state=plan.status, at=_at(today), by=user)
    _log(user, A.CREATE, object_type=PLAN, object_id=plan.pk, ref=plan.reference)
    return plan


@transaction.atomic
def plan_update(
    *, user, plan: Plan, version: int, today: datetime.date | None = None, **fields
) -> Plan:
    """Change a plan's data (any of `PLAN_EDITABLE`); optimistic locking on `version`."""
    unknown = set(fields) - set(PLAN_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    _managed(user, plan)
    _still_open(plan)
    today = today or timezone.localdate()
    values = {name: getattr(plan, name) for name in PLAN_EDITABLE}
    values.update(fields)
    errors, clean = _check_plan(values, today)
    if not errors and not policies.officer_area(user).covers(_pk(clean["region"])):
        errors["level"] = _("You manage the plans of another area.")
    if values["structure"] != plan.structure and plan.objectives.exists():
        errors["structure"] = _("The structure is fixed once the plan has axes or objectives.")
    if values.get("approved_on") is None and workflow.plan_needs_approval_date(plan.status):
        errors["approved_on"] = _("An adopted plan keeps its approval date.")
    _raise(errors)
    columns = _plan_columns(values, clean)
    _save(plan, version, **columns)
    _log(user, A.UPDATE, object_type=PLAN, object_id=plan.pk, ref=plan.reference)
    return plan


@transaction.atomic
def plan_transition(
    *,
    user,
    plan: Plan,
    to_status: str,
    version: int,
    reason: str = "",
    today: datetime.date | None = None,
) -> Plan:
    """Adopt (needs the approval date), close, or reopen (needs a reason) a plan."""
    _managed(user, plan)
    if to_status not in Plan.Status.values:
        raise ValidationError({"to_status": _("Choose a status.")})
    from_status = plan.status
    workflow.PLAN.check(from_status, to_status)
    errors: dict = {}
    reason = _text(
        errors,
        "reason",
        reason,
        max_length=SHORT_LENGTH,
        required=workflow.plan_needs_reason(from_status, to_status),
    )
    if "reason" in errors and workflow.plan_is_reopening(from_status, to_status):
        errors["reason"] = _("Say why the plan is reopened.")
    if workflow.plan_needs_approval(to_status) and plan.approved_on is None:
        errors["to_status"] = _("Record the approval date (edit the plan) before adopting it.")
    _identifiers(errors, {"reason": reason})
    _raise(errors)
    _save(plan, version, status=to_status)
    PlanChange.objects.create(
        plan=plan,
        from_state=from_status,
        to_state=to_status,
        at=_at(today),
        by=user,
        reason=reason,
    )
    _log(
        user,
        A.TRANSITION,
        object_type=PLAN,
        object_id=plan.pk,
        ref=plan.reference,
        reason=f"{from_status}→{to_status}",
    )
    return plan


# Structure --------------------------------------------------------------------------------

CODE_CHARACTERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_/")


def _code(errors: dict, name: str, value, taken) -> str:
    code = _text(errors, name, value, max_length=CODE_LENGTH, required=True)
    if name in errors:
        return code
    if not set(code) <= CODE_CHARACTERS:
        errors[name] = _("Use letters, digits and . - _ / only.")
    elif code in taken:
        errors[name] = _("The plan already has this code.")
    return code


def _check_objective(plan: Plan, values: dict, *, codes: dict[str, str]) -> tuple[dict, dict]:
    """An axis or objective of `plan`; `codes` maps the codes the plan already has (and
    those of earlier import rows) to their kind. Returns errors and cleaned values; the
    parent stays a code (resolved by the caller)."""
    errors: dict = {}
    kind = values.get("kind")
    if kind not in plan.objective_kinds():
        errors["kind"] = (
            _("A plan with axes takes axes only.")
            if plan.structure == Structure.AXES
            else _("A plan with objectives takes strategic and operational objectives.")
        )
    clean = {
        "kind": kind,
        "code": _code(errors, "code", values.get("code"), codes),
        "title": _text(
            errors, "title", values.get("title"), max_length=TITLE_LENGTH, required=True
        ),
        "description": _text(
            errors, "description", values.get("description"), max_length=TEXT_LENGTH
        ),
        "parent": (values.get("parent") or "").strip(),
    }
    if "kind" not in errors:
        if kind == Objective.Kind.OPERATIONAL:
            if not clean["parent"]:
                errors["parent"] = _("An operational objective belongs under a strategic one.")
            elif codes.get(clean["parent"]) != Objective.Kind.STRATEGIC:
                errors["parent"] = _(
                    "No strategic objective of the plan has the code “%(code)s”."
                ) % {"code": clean["parent"]}
        elif clean["parent"]:
            errors["parent"] = _("Only an operational objective has a parent.")
    _identifiers(errors, {"title": clean["title"], "description": clean["description"]})
    return errors, clean


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def objective_add(
    *,
    user,
    plan: Plan,
    kind: str,
    code: str,
    title: str,
    parent=None,
    description: str = "",
) -> Objective:
    """Add an axis, a strategic objective or an operational objective (under a strategic
    objective of the same plan) to the plan's structure."""
    _managed(user, plan)
    _still_open(plan)
    existing = {o.code: o for o in plan.objectives.all()}
    parent_code = ""
    if parent is not None:
        parent_obj = next((o for o in existing.values() if o.pk == _pk(parent)), None)
        parent_code = parent_obj.code if parent_obj else "\0"
    errors, clean = _check_objective(
        plan,
        {
            "kind": kind,
            "code": code,
            "title": title,
            "description": description,
            "parent": parent_code,
        },
        codes={c: o.kind for c, o in existing.items()},
    )
    if parent_code == "\0":
        errors["parent"] = _("Choose a strategic objective of this plan.")
    _raise(errors)
    objective = Objective.objects.create(
        plan=plan,
        kind=clean["kind"],
        code=clean["code"],
        title=clean["title"],
        description=clean["description"],
        parent=existing.get(clean["parent"]),
        position=_next_position(plan.objectives),
    )
    _log(user, A.CREATE, object_type=OBJECTIVE, object_id=objective.pk, ref=plan.reference)
    return objective


def _measure_owner(errors: dict, owner, organisation) -> tuple:
    """The owner (a user with an active measure-owner membership) and the organisation on
    whose behalf they own it (theirs; defaults to their membership's)."""
    owner_id, organisation_id = _pk(owner), _pk(organisation)
    if owner_id is None:
        if (
            organisation_id is not None
            and not Organisation.objects.filter(pk=organisation_id, is_active=True).exists()
        ):
            errors["owner_organisation"] = _("Choose an active organisation.")
        return None, organisation_id
    memberships = list(
        Membership.objects.filter(
            user_id=owner_id, role=policies.OWNER, is_active=True, user__is_active=True
        ).values_list("organisation_id", flat=True)
    )
    if not memberships:
        errors["owner"] = _("Choose a measure owner (a user with the measure owner role).")
        return None, organisation_id
    if organisation_id is None:
        return owner_id, memberships[0]
    if organisation_id not in memberships:
        errors["owner_organisation"] = _("The owner does not work for this organisation.")
    return owner_id, organisation_id


def _check_measure(plan: Plan, values: dict, today, *, codes) -> tuple[dict, dict]:
    """The rules of a measure of `plan`; `codes` are the measure codes already taken."""
    errors: dict = {}
    clean = {
        "code": _code(errors, "code", values.get("code"), codes),
        "title": _text(
            errors, "title", values.get("title"), max_length=TITLE_LENGTH, required=True
        ),
        "description": _text(
            errors, "description", values.get("description"), max_length=TEXT_LENGTH
        ),
        "indicator": _text(errors, "indicator", values.get("indicator"), max_length=TITLE_LENGTH),
        "indicator_unit": _text(
            errors, "indicator_unit", values.get("indicator_unit"), max_length=40
        ),
        "policy_domain": _choice(
            errors,
            "policy_domain",
            values.get("policy_domain"),
            PolicyDomain.values,
            _("Choose the policy domain."),
        ),
        "baseline": _amount(errors, "baseline", values.get("baseline")),
        "target": _amount(errors, "target", values.get("target")),
        "budget": _amount(errors, "budget", values.get("budget"), positive=True),
    }
    start, end = values.get("starts_on"), values.get("ends_on")
    _date(errors, "starts_on", start, today=today, future=True)
    _date(errors, "ends_on", end, today=today, future=True)
    for name, day in (("starts_on", start), ("ends_on", end)):
        if name not in errors and day and not plan.period_start <= day <= plan.period_end:
            errors[name] = _("Keep it within the plan's period.")
    if "starts_on" not in errors and "ends_on" not in errors and start and end and end < start:
        errors["ends_on"] = _("The end cannot be before the start.")
    clean["starts_on"], clean["ends_on"] = start, end
    owner, organisation = _measure_owner(
        errors, values.get("owner"), values.get("owner_organisation")
    )
    clean["owner_id"], clean["owner_organisation_id"] = owner, organisation
    _identifiers(
        errors,
        {name: clean[name] for name in ("title", "description", "indicator", "indicator_unit")},
    )
    return errors, clean


@transaction.atomic
def measure_add(
    *,
    user,
    plan: Plan,
    objective,
    code: str,
    title: str,
    policy_domain: str,
    description: str = "",
    owner_organisation=None,
    owner=None,
    indicator: str = "",
    indicator_unit: str = "",
    baseline=None,
    target=None,
    budget=None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Measure:
    """A measure under an axis or objective of the plan; it starts `planned`."""
    _managed(user, plan)
    _still_open(plan)
    today = today or timezone.localdate()
    values = {
        "code": code,
        "title": title,
        "description": description,
        "policy_domain": policy_domain,
        "owner_organisation": owner_organisation,
        "owner": owner,
        "indicator": indicator,
        "indicator_unit": indicator_unit,
        "baseline": baseline,
        "target": target,
        "budget": budget,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    errors, clean = _check_measure(
        plan, values, today, codes=set(plan.measures.values_list("code", flat=True))
    )
    parent = plan.objectives.filter(pk=_pk(objective)).first() if objective else None
    if parent is None:
        errors["objective"] = _("Choose an axis or objective of this plan.")
    _raise(errors)
    return _create_measure(user, plan, parent, clean, today)


def _create_measure(user, plan: Plan, objective: Objective, clean: dict, today) -> Measure:
    measure = Measure.objects.create(
        plan=plan,
        objective=objective,
        status=workflow.INITIAL_MEASURE,
        position=_next_position(plan.measures),
        **clean,
    )
    MeasureChange.objects.create(measure=measure, to_state=measure.status, at=_at(today), by=user)
    _log(user, A.CREATE, object_type=MEASURE, object_id=measure.pk, ref=measure.reference)
    return measure


@transaction.atomic
def measure_update(
    *, user, measure: Measure, version: int, today: datetime.date | None = None, **fields
) -> Measure:
    """Change a measure's data (any of `MEASURE_EDITABLE`); its status changes through
    `measure_transition` or a progress update."""
    unknown = set(fields) - set(MEASURE_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    plan = measure.plan
    _managed(user, plan)
    _still_open(plan)
    today = today or timezone.localdate()
    values = {name: getattr(measure, name) for name in MEASURE_EDITABLE}
    values.update(owner=measure.owner_id, owner_organisation=measure.owner_organisation_id)
    values["objective"] = measure.objective_id
    values.update(fields)
    taken = set(plan.measures.exclude(pk=measure.pk).values_list("code", flat=True))
    errors, clean = _check_measure(plan, values, today, codes=taken)
    objective = plan.objectives.filter(pk=_pk(values["objective"])).first()
    if objective is None:
        errors["objective"] = _("Choose an axis or objective of this plan.")
    _raise(errors)
    _save(measure, version, objective_id=objective.pk, **clean)
    _log(user, A.UPDATE, object_type=MEASURE, object_id=measure.pk, ref=measure.reference)
    return measure


def _move(user, measure: Measure, to_status: str, reason: str, version: int, today) -> None:
    """Move the measure along `workflow.MEASURE` (the caller validated the reason)."""
    from_status = measure.status
    closed_on = today if workflow.measure_is_final(to_status) else None
    _save(
        measure,
        version,
        status=to_status,
        status_reason=reason if workflow.measure_needs_reason(to_status) else "",
        closed_on=closed_on,
    )
    MeasureChange.objects.create(
        measure=measure,
        from_state=from_status,
        to_state=to_status,
        at=_at(today),
        by=user,
        reason=reason,
    )
    _log(
        user,
        A.TRANSITION,
        object_type=MEASURE,
        object_id=measure.pk,
        ref=measure.reference,
        reason=f"{from_status}→{to_status}",
    )


def _check_move(errors: dict, measure: Measure, to_status: str, reason: str, *, field="to_status"):
    try:
        workflow.MEASURE.check(measure.status, to_status)
    except ValidationError as error:
        errors[field] = error.messages[0]
        return
    if workflow.measure_needs_reason(to_status) and not reason:
        errors["reason"] = _("Say why the measure is %(status)s.") % {
            "status": Measure.Status(to_status).label
        }


def _measure_changer(user, measure: Measure) -> None:
    """The plan's policy officers and the measure's owner change its status."""
    policies.ensure_visible(user, measure.plan)
    if not (policies.can_manage(user, measure.plan) or policies.owns(user, measure)):
        raise Refused(_("Only the measure's owner or a policy officer can do this."))


@transaction.atomic
def measure_transition(
    *,
    user,
    measure: Measure,
    to_status: str,
    version: int,
    reason: str = "",
    today: datetime.date | None = None,
) -> Measure:
    """Move a measure along `workflow.MEASURE`; delayed and abandoned need a reason."""
    _measure_changer(user, measure)
    _still_open(measure.plan)
    if to_status not in Measure.Status.values:
        raise ValidationError({"to_status": _("Choose a status.")})
    errors: dict = {}
    reason = _text(errors, "reason", reason, max_length=SHORT_LENGTH)
    workflow.MEASURE.check(measure.status, to_status)
    _check_move(errors, measure, to_status, reason)
    _identifiers(errors, {"reason": reason})
    _raise(errors)
    _move(user, measure, to_status, reason, version, today or timezone.localdate())
    return measure


# Progress updates -------------------------------------------------------------------------


@transaction.atomic
def progress_update_submit(
    *,
    user,
    measure: Measure,
    period,
    status: str,
    narrative: str,
    indicator_value=None,
    spending=None,
    reason: str = "",
    version: int | None = None,
    today: datetime.date | None = None,
) -> ProgressUpdate:
    """The owner's update of a measure for one half-year (`HalfYear` or `2025-H1`): the
    status (the current one or one it may move to; the measure moves with it), the
    narrative, the indicator's value and the spending. One update per half-year; an update
    written after its due date is kept and marked late."""
    policies.ensure_visible(user, measure.plan)
    if not policies.owns(user, measure):
        raise Refused(_("Only the measure's owner writes its progress updates."))
    plan = measure.plan
    if not workflow.plan_takes_updates(plan.status):
        raise ValidationError(_("Progress updates are written while the plan is adopted."))
    today = today or timezone.localdate()
    errors: dict = {}
    period = period if isinstance(period, HalfYear) else HalfYear.parse(period)
    if period is None:
        errors["period"] = _("Choose a half-year.")
    elif not progress.can_be_written(measure, plan, period, today):
        errors["period"] = _("No update is owed for this half-year.")
    elif measure.updates.filter(year=period.year, half=period.half).exists():
        errors["period"] = _("The update for this half-year was already written.")
    narrative = _text(errors, "narrative", narrative, max_length=TEXT_LENGTH, required=True)
    reason = _text(errors, "reason", reason, max_length=SHORT_LENGTH)
    value = _amount(errors, "indicator_value", indicator_value)
    spent = _amount(errors, "spending", spending, positive=True)
    if status not in Measure.Status.values:
        errors["status"] = _("Choose a status.")
    elif status != measure.status:
        _check_move(errors, measure, status, reason, field="status")
    _identifiers(errors, {"narrative": narrative, "reason": reason})
    _raise(errors)
    update = ProgressUpdate.objects.create(
        measure=measure,
        year=period.year,
        half=period.half,
        status=status,
        narrative=narrative,
        indicator_value=value,
        spending=spent,
        due_on=period.due_on,
        submitted_on=today,
        submitted_by=user,
    )
    _log(
        user,
        A.CREATE,
        object_type=UPDATE,
        object_id=update.pk,
        ref=f"{measure.reference} {period.code}",
        reason="late" if update.is_late else "",
    )
    if status != measure.status:
        _move(user, measure, status, reason, measure.version if version is None else version, today)
    return update


# Recommendations --------------------------------------------------------------------------


def _check_recommendation(plan: Plan, values: dict, today) -> tuple[dict, dict]:
    errors: dict = {}
    clean = {
        "source": _choice(
            errors,
            "source",
            values.get("source"),
            RecommendationSource.values,
            _("Choose the source."),
        ),
        "source_reference": _text(
            errors,
            "source_reference",
            values.get("source_reference"),
            max_length=SHORT_LENGTH,
            required=True,
        ),
        "text": _text(errors, "text", values.get("text"), max_length=TEXT_LENGTH, required=True),
        "issued_on": values.get("issued_on"),
    }
    _date(errors, "issued_on", clean["issued_on"], today=today, required=True)
    measure_ids = {_pk(m) for m in values.get("measures") or ()}
    found = set(plan.measures.filter(pk__in=measure_ids).values_list("pk", flat=True))
    if measure_ids - found:
        errors["measures"] = _("Choose measures of this plan.")
    clean["measures"] = sorted(found)
    _identifiers(errors, {"source_reference": clean["source_reference"], "text": clean["text"]})
    return errors, clean


@transaction.atomic
def recommendation_add(
    *,
    user,
    plan: Plan,
    source: str,
    source_reference: str,
    text: str,
    issued_on: datetime.date,
    measures=(),
    today: datetime.date | None = None,
) -> Recommendation:
    """A recommendation the plan follows up, linked to the measures that answer it."""
    _managed(user, plan)
    _still_open(plan)
    today = today or timezone.localdate()
    values = {
        "source": source,
        "source_reference": source_reference,
        "text": text,
        "issued_on": issued_on,
        "measures": measures,
    }
    errors, clean = _check_recommendation(plan, values, today)
    _raise(errors)
    linked = clean.pop("measures")
    recommendation = Recommendation.objects.create(
        plan=plan, created_by=user, follow_up=workflow.INITIAL_RECOMMENDATION, **clean
    )
    recommendation.measures.set(linked)
    RecommendationChange.objects.create(
        recommendation=recommendation, to_state=recommendation.follow_up, at=_at(today), by=user
    )
    _log(
        user,
        A.CREATE,
        object_type=RECOMMENDATION,
        object_id=recommendation.pk,
        ref=plan.reference,
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    user,
    recommendation: Recommendation,
    version: int,
    today: datetime.date | None = None,
    **fields,
) -> Recommendation:
    """Change a recommendation (any of `RECOMMENDATION_EDITABLE`); a new follow-up follows
    `workflow.RECOMMENDATION` and leaves a dated row; `not followed` needs a note."""
    unknown = set(fields) - set(RECOMMENDATION_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    plan = recommendation.plan
    _managed(user, plan)
    _still_open(plan)
    today = today or timezone.localdate()
    values = {name: getattr(recommendation, name) for name in RECOMMENDATION_EDITABLE}
    values["measures"] = list(recommendation.measures.values_list("pk", flat=True))
    values.update(fields)
    errors, clean = _check_recommendation(plan, values, today)
    note = _text(errors, "follow_up_note", values.get("follow_up_note"), max_length=SHORT_LENGTH)
    from_follow_up, to_follow_up = recommendation.follow_up, values.get("follow_up")
    if to_follow_up not in Recommendation.FollowUp.values:
        errors["follow_up"] = _("Choose the follow-up.")
    elif to_follow_up != from_follow_up:
        try:
            workflow.RECOMMENDATION.check(from_follow_up, to_follow_up)
        except ValidationError as error:
            errors["follow_up"] = error.messages[0]
    if (
        "follow_up" not in errors
        and workflow.recommendation_needs_reason(to_follow_up)
        and not note
    ):
        errors["follow_up_note"] = _("Say why the recommendation is not followed.")
    _identifiers(errors, {"follow_up_note": note})
    _raise(errors)
    linked = clean.pop("measures")
    _save(recommendation, version, follow_up=to_follow_up, follow_up_note=note, **clean)
    recommendation.measures.set(linked)
    if to_follow_up != from_follow_up:
        RecommendationChange.objects.create(
            recommendation=recommendation,
            from_state=from_follow_up,
            to_state=to_follow_up,
            at=_at(today),
            by=user,
            reason=note,
        )
    _log(
        user,
        A.UPDATE,
        object_type=RECOMMENDATION,
        object_id=recommendation.pk,
        ref=plan.reference,
        reason=f"{from_follow_up}→{to_follow_up}" if to_follow_up != from_follow_up else "",
    )
    return recommendation


# Import of a plan's structure -------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    objectives: int
    measures: int


class ImportRejected(ValidationError):
    """The file was refused: nothing was written. `rows` lists every broken row."""

    def __init__(self, rows: list[imports.RowError]):
        self.rows = rows
        super().__init__(
            _("The file was not imported: %(count)s rows have problems. Nothing was written.")
            % {"count": len({row.row for row in rows})}
        )


def _row_errors(row: int, errors: dict) -> list[imports.RowError]:
    result = []
    for name, problem in errors.items():
        messages = problem.messages if isinstance(problem, ValidationError) else [str(problem)]
        column = imports.COLUMN_OF_FIELD.get(name, name)
        result.extend(imports.RowError(row, column, message) for message in messages)
    return result


@transaction.atomic
def plan_structure_import(
    *,
    user,
    plan: Plan,
    content: bytes,
    filename: str,
    today: datetime.date | None = None,
) -> ImportResult:
    """Add axes or objectives and their measures to the plan from a CSV or XLSX file (one
    row each; columns in `imports.COLUMNS`). Every row is checked with the rules of
    `objective_add` and `measure_add`; if any row is broken, ImportRejected lists every
    broken row with its number and reason, and nothing is written."""
    _managed(user, plan)
    _still_open(plan)
    today = today or timezone.localdate()
    try:
        rows = imports.read_rows(content, filename)
    except imports.FileProblem as problem:
        raise ImportRejected(problem.rows) from None
    codes = {o.code: o.kind for o in plan.objectives.all()}
    measure_codes = set(plan.measures.values_list("code", flat=True))
    owners = imports.owner_lookup(rows)
    problems: list[imports.RowError] = []
    planned_objectives, planned_measures = [], []
    for row in rows:
        values = row.values
        if values["kind"] == imports.MEASURE:
            values = {**values, **owners.resolve(values)}
            errors, clean = _check_measure(plan, values, today, codes=measure_codes)
            errors.update(owners.errors(values))
            parent = (values.get("parent") or "").strip()
            if not parent:
                errors["parent"] = _("Give the code of the axis or objective of this measure.")
            elif parent not in codes:
                errors["parent"] = _(
                    "No axis or objective of the plan has the code “%(code)s”."
                ) % {"code": parent}
            if "code" not in errors:
                measure_codes.add(clean["code"])
            planned_measures.append((row.number, parent, clean))
        else:
            errors, clean = _check_objective(plan, values, codes=codes)
            if "code" not in errors and "kind" not in errors:
                codes[clean["code"]] = clean["kind"]
            planned_objectives.append((row.number, clean))
        problems += _row_errors(row.number, {**errors, **row.errors})
    if not rows:
        problems.append(imports.RowError(1, "", _("The file has no rows below its header.")))
    if problems:
        raise ImportRejected(problems)
    created = {o.code: o for o in plan.objectives.all()}
    position = _next_position(plan.objectives)
    for _number, clean in planned_objectives:
        parent_code = clean.pop("parent")
        operational = clean["kind"] == Objective.Kind.OPERATIONAL
        created[clean["code"]] = Objective.objects.create(
            plan=plan,
            parent=created[parent_code] if operational else None,
            position=position,
            **clean,
        )
        position += 1
    position = _next_position(plan.measures)
    for _number, parent, clean in planned_measures:
        measure = Measure.objects.create(
            plan=plan,
            objective=created[parent],
            status=workflow.INITIAL_MEASURE,
            position=position,
            **clean,
        )
        position += 1
        MeasureChange.objects.create(
            measure=measure, to_state=measure.status, at=_at(today), by=user
        )
    result = ImportResult(len(planned_objectives), len(planned_measures))
    _log(
        user,
        A.UPDATE,
        object_type=PLAN,
        object_id=plan.pk,
        ref=plan.reference,
        reason=f"import: {result.objectives} axes or objectives, {result.measures} measures",
    )
    return result
