"""Allowed changes of status of plans, measures and recommendations, as data (DESIGN.md →
Workflows), and the questions about a status that pages and services ask (never a status
literal outside this module and the models).

Measure: `planned → ongoing → implemented | delayed | abandoned`. Decided here:
- a delayed measure goes back to `ongoing` when it catches up, or is abandoned; it is not
  marked implemented straight from `delayed` (it resumes first, so the history shows it);
- a planned measure may be `delayed` (its start slipped) or `abandoned` (dropped before it
  started) without passing through `ongoing`;
- `implemented` and `abandoned` are final: a measure taken up again is a new measure;
- `delayed` and `abandoned` need a written reason.
Plan: `draft → adopted → closed`; a closed plan is reopened to `adopted` with a reason.
Updates are due only while a plan is adopted; a closed plan takes no change but reopening.
Recommendation follow-up: `open → being followed up → followed | not followed` (open may
go straight to either end); `not followed` needs a reason; both ends are final.
"""

from livc.core.workflow import Workflow

from .models import Measure, Plan, Recommendation

P = Plan.Status
PLAN = Workflow(
    P,
    {
        P.DRAFT: {P.ADOPTED},
        P.ADOPTED: {P.CLOSED},
        P.CLOSED: {P.ADOPTED},  # reopening, with a reason
    },
)
INITIAL_PLAN = P.DRAFT

M = Measure.Status
MEASURE = Workflow(
    M,
    {
        M.PLANNED: {M.ONGOING, M.DELAYED, M.ABANDONED},
        M.ONGOING: {M.IMPLEMENTED, M.DELAYED, M.ABANDONED},
        M.DELAYED: {M.ONGOING, M.ABANDONED},
    },
)
INITIAL_MEASURE = M.PLANNED
MEASURE_STATUSES = list(M.values)

R = Recommendation.FollowUp
RECOMMENDATION = Workflow(
    R,
    {
        R.OPEN: {R.IN_PROGRESS, R.FOLLOWED, R.NOT_FOLLOWED},
        R.IN_PROGRESS: {R.FOLLOWED, R.NOT_FOLLOWED},
    },
)
INITIAL_RECOMMENDATION = R.OPEN


# Plans ------------------------------------------------------------------------------------


def plan_targets(status: str) -> list[str]:
    return [s for s in P.values if PLAN.is_allowed(status, s)]


def plan_is_closed(status: str) -> bool:
    return status == P.CLOSED


def plan_is_open(status: str) -> bool:
    """A draft or adopted plan takes edits, structure and recommendations."""
    return not plan_is_closed(status)


def plan_takes_updates(status: str) -> bool:
    """Progress updates are written, and are due, while the plan is adopted."""
    return status == P.ADOPTED


def plan_needs_approval_date(status: str) -> bool:
    """Adopted and closed plans were approved: they keep their approval date."""
    return status != P.DRAFT


def plan_needs_reason(from_status: str, to_status: str) -> bool:
    return plan_is_closed(from_status)


def plan_needs_approval(to_status: str) -> bool:
    return to_status == P.ADOPTED


def plan_is_reopening(from_status: str, to_status: str) -> bool:
    return plan_is_closed(from_status) and not plan_is_closed(to_status)


ADOPTED_PLAN_STATUSES = [P.ADOPTED]


# Measures ---------------------------------------------------------------------------------


def measure_targets(status: str) -> list[str]:
    return [s for s in M.values if MEASURE.is_allowed(status, s)]


def measure_needs_reason(to_status: str) -> bool:
    return to_status in (M.DELAYED, M.ABANDONED)


def measure_is_final(status: str) -> bool:
    return MEASURE.is_final(status)


def measure_is_late(status: str) -> bool:
    return status == M.DELAYED


# Recommendations --------------------------------------------------------------------------


def recommendation_targets(follow_up: str) -> list[str]:
    return [s for s in R.values if RECOMMENDATION.is_allowed(follow_up, s)]


def recommendation_needs_reason(to_follow_up: str) -> bool:
    return to_follow_up == R.NOT_FOLLOWED


def recommendation_is_final(follow_up: str) -> bool:
    return RECOMMENDATION.is_final(follow_up)
