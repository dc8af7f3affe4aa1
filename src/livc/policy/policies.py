"""Who reads and who changes action plans. Refusal looks like absence (404).

- Policy officers manage the plans of their area: a federal officer (membership without a
  region) the federal plans, a regional officer the plans of their region (the Flemish,
  Walloon or Brussels government's, the communities' they belong to, the provinces' and
  municipalities' of that region). They create plans of their area, edit them, import
  their structure, add axes, objectives and measures, change statuses and record
  recommendations.
- Measure owners read the plans that contain a measure they own, and write the progress
  updates of their own measures only (and may change the status of those measures).
- Supervisors read the plans of their area (federal: all plans; regional: their region's).
- Everyone else, superusers included, gets a 404; none of these roles reaches case work.
Nothing changes on a closed plan but its reopening.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from livc.access.errors import NotFound
from livc.organisations.models import Membership, Organisation, Role
from livc.organisations.selectors import above_cell_memberships

from . import progress, workflow
from .models import Measure, Plan, Recommendation

OFFICER = Role.POLICY_OFFICER
OWNER = Role.MEASURE_OWNER
READER_ROLES = (Role.POLICY_OFFICER, Role.MEASURE_OWNER, Role.SUPERVISOR)
# The capacity recorded in the access log when one user holds several of these roles.
CAPACITY_PRECEDENCE = (Role.POLICY_OFFICER, Role.MEASURE_OWNER, Role.SUPERVISOR)


@dataclass(frozen=True)
class Area:
    """The plans a role covers: the federal ones and/or those of some regions. For
    supervisors `everything` (a federal supervisor) covers every plan."""

    federal: bool = False
    region_ids: frozenset[int] = field(default_factory=frozenset)
    everything: bool = False

    def __bool__(self) -> bool:
        return self.federal or bool(self.region_ids) or self.everything

    def covers(self, region_id: int | None) -> bool:
        if self.everything:
            return True
        return self.federal if region_id is None else region_id in self.region_ids

    def q(self) -> Q:
        """The plans of the area (not for `everything`: callers take all plans then)."""
        condition = Q(region__in=sorted(self.region_ids))
        if self.federal:
            condition |= Q(region__isnull=True)
        return condition


def _memberships(user, role):
    return [m for m in above_cell_memberships(user) if m.role == role]


def officer_area(user) -> Area:
    regions = [m.region_id for m in _memberships(user, OFFICER)]
    return Area(federal=None in regions, region_ids=frozenset(r for r in regions if r is not None))


def supervisor_area(user) -> Area:
    regions = [m.region_id for m in _memberships(user, Role.SUPERVISOR)]
    return Area(
        everything=None in regions, region_ids=frozenset(r for r in regions if r is not None)
    )


def is_officer(user) -> bool:
    return bool(_memberships(user, OFFICER))


def is_measure_owner(user) -> bool:
    return bool(_memberships(user, OWNER))


def owner_organisation_ids(user) -> set[int]:
    return {m.organisation_id for m in _memberships(user, OWNER)}


def capacity(user):
    """The membership in whose capacity the user acts on plans (for the access log)."""
    for role in CAPACITY_PRECEDENCE:
        memberships = _memberships(user, role)
        if memberships:
            return memberships[0]
    return None


def in_menu(user) -> bool:
    """The navigation link (no query beyond the cached memberships)."""
    return any(m.role in READER_ROLES for m in above_cell_memberships(user))


# Reading ----------------------------------------------------------------------------------


def _plans(areas: list[Area], extra: Q | None = None) -> QuerySet[Plan]:
    """Plans covered by any of `areas` (or matching `extra`), in one query."""
    if any(area.everything for area in areas):
        return Plan.objects.all()
    conditions = [area.q() for area in areas if area]
    if extra is not None:
        conditions.append(extra)
    if not conditions:
        return Plan.objects.none()
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return Plan.objects.filter(condition)


def visible_plans(user) -> QuerySet[Plan]:
    owned = None
    if is_measure_owner(user):
        owned = Q(pk__in=Measure.objects.filter(owner=user).values("plan_id"))
    return _plans([officer_area(user), supervisor_area(user)], owned)


def can_list(user) -> bool:
    return in_menu(user)


def access_plan(user, plan_id: int) -> Plan:
    """The plan if the user may read it, else NotFound (whether or not it exists)."""
    plan = (
        visible_plans(user)
        .select_related("region", "province", "municipality", "created_by")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise NotFound
    return plan


def can_read_plan(user, plan: Plan) -> bool:
    if officer_area(user).covers(plan.region_id) or supervisor_area(user).covers(plan.region_id):
        return True
    return is_measure_owner(user) and plan.measures.filter(owner=user).exists()


def ensure_visible(user, plan: Plan) -> Plan:
    if not can_read_plan(user, plan):
        raise NotFound
    return plan


def access_measure(user, measure_id: int) -> Measure:
    measure = (
        Measure.objects.filter(pk=measure_id, plan__in=visible_plans(user))
        .select_related("plan__region", "plan__province", "plan__municipality", "objective__parent")
        .select_related("owner", "owner_organisation")
        .first()
    )
    if measure is None:
        raise NotFound
    return measure


def access_recommendation(user, recommendation_id: int) -> Recommendation:
    recommendation = (
        Recommendation.objects.filter(pk=recommendation_id, plan__in=visible_plans(user))
        .select_related("plan__region", "plan__province", "plan__municipality")
        .first()
    )
    if recommendation is None:
        raise NotFound
    return recommendation


# Changing ---------------------------------------------------------------------------------


def can_create_plans(user) -> bool:
    return is_officer(user)


def can_manage(user, plan: Plan) -> bool:
    """A policy officer of the plan's area (no query)."""
    return officer_area(user).covers(plan.region_id)


def can_edit(user, plan: Plan) -> bool:
    return can_manage(user, plan) and workflow.plan_is_open(plan.status)


def can_move_plan(user, plan: Plan, to_status: str) -> bool:
    return can_manage(user, plan) and to_status in workflow.plan_targets(plan.status)


def can_list_overdue(user) -> bool:
    """The list of late updates across plans: policy officers and supervisors."""
    return bool(officer_area(user)) or bool(supervisor_area(user))


def overdue_plans(user) -> QuerySet[Plan]:
    """The plans whose late updates the user follows (their area's)."""
    return _plans([officer_area(user), supervisor_area(user)])


def owns(user, measure: Measure) -> bool:
    return measure.owner_id == getattr(user, "pk", None) and is_measure_owner(user)


def can_edit_measure(user, measure: Measure) -> bool:
    return can_edit(user, measure.plan)


def can_move_measure(user, measure: Measure, to_status: str) -> bool:
    return (
        (can_manage(user, measure.plan) or owns(user, measure))
        and workflow.plan_is_open(measure.plan.status)
        and to_status in workflow.measure_targets(measure.status)
    )


def can_write_updates(user, measure: Measure) -> bool:
    """The owner writes the half-yearly updates of their own measures, while the plan is
    adopted."""
    return owns(user, measure) and workflow.plan_takes_updates(measure.plan.status)


def can_write_update_for(user, measure: Measure, period, today) -> bool:
    """The owner may write the update of `period`: it is owed and not written yet."""
    return (
        can_write_updates(user, measure)
        and progress.can_be_written(measure, measure.plan, period, today)
        and not measure.updates.filter(year=period.year, half=period.half).exists()
    )


def can_manage_recommendations(user, plan: Plan) -> bool:
    return can_edit(user, plan)


def can_edit_recommendation(user, recommendation: Recommendation) -> bool:
    return can_edit(user, recommendation.plan)


def is_my_measures_user(user) -> bool:
    return is_measure_owner(user)


# What the pages offer ---------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """A change of status the page offers: where to, and whether a reason is required."""

    to_status: str
    label: str
    needs_reason: bool


@dataclass(frozen=True)
class PlanActions:
    edit: bool
    import_structure: bool
    add_structure: bool
    recommend: bool
    moves: list[Move] = field(default_factory=list)


def plan_moves(user, plan: Plan) -> list[Move]:
    if not can_manage(user, plan):
        return []
    return [
        Move(to, str(Plan.Status(to).label), workflow.plan_needs_reason(plan.status, to))
        for to in workflow.plan_targets(plan.status)
    ]


def plan_actions(user, plan: Plan) -> PlanActions:
    editable = can_edit(user, plan)
    return PlanActions(
        edit=editable,
        import_structure=editable,
        add_structure=editable,
        recommend=can_manage_recommendations(user, plan),
        moves=plan_moves(user, plan),
    )


@dataclass(frozen=True)
class MeasureActions:
    edit: bool
    write_updates: bool
    moves: list[Move] = field(default_factory=list)


def measure_moves(user, measure: Measure) -> list[Move]:
    return [
        Move(to, str(Measure.Status(to).label), workflow.measure_needs_reason(to))
        for to in workflow.measure_targets(measure.status)
        if can_move_measure(user, measure, to)
    ]


def measure_actions(user, measure: Measure) -> MeasureActions:
    return MeasureActions(
        edit=can_edit_measure(user, measure),
        write_updates=can_write_updates(user, measure),
        moves=measure_moves(user, measure),
    )


# Who may own measures -------------------------------------------------------------------


def measure_owner_users():
    """Users who may own a measure: those with an active measure-owner membership."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__role=OWNER, memberships__is_active=True)
        .distinct()
        .order_by("full_name", "pk")
    )


def owner_organisations(keep: int | None = None):
    """The administrations measure owners work for (and `keep`, the one a measure has)."""
    owners = Membership.objects.filter(role=OWNER, is_active=True).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=owners, is_active=True) | Q(pk=keep)).order_by(
        "name"
    )


@dataclass(frozen=True)
class Tabs:
    """The tabs of the action-plan pages."""

    own_measures: bool
    overdue: bool


def tabs(user) -> Tabs:
    return Tabs(own_measures=is_my_measures_user(user), overdue=can_list_overdue(user))
