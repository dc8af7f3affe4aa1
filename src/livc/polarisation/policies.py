"""Who reads and who changes polarisation situations. Refusal looks like absence (404).

- Read: the members of the cell who read its case work (coordinator, chair, information
  officer, partners), once they accepted the cell's charters. Never the DPO, supervisors,
  administrators or members of other cells: situations hold no personal data, but they are
  the cell's working material.
- Create, edit, change the state, plan interventions, record reviews: the coordinator.
  (Partners report situations to the coordinator; recording them stays with the
  coordinator, who screens what reaches the cell, as for signals.)
- Add a diagnosis contribution on behalf of their organisation in that cell: coordinator,
  information officer and partners; the chair reads.
Nothing is changed on a closed situation but its reopening.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from livc.access.actor import ROLE_PRECEDENCE, cleared_cells_with_role
from livc.access.errors import NotFound
from livc.organisations.models import Role
from livc.organisations.selectors import cell_memberships, cells_with_role

from . import workflow
from .models import Intervention, Situation

READERS = (Role.COORDINATOR, Role.CHAIR, Role.INFORMATION_OFFICER, Role.PARTNER)
CONTRIBUTORS = (Role.COORDINATOR, Role.INFORMATION_OFFICER, Role.PARTNER)
MANAGERS = (Role.COORDINATOR,)


def reader_cells(user) -> set[int]:
    return cleared_cells_with_role(user, *READERS)


def manager_cells(user) -> set[int]:
    return cleared_cells_with_role(user, *MANAGERS)


def in_menu(user) -> bool:
    """The navigation link: every member with a reading role (no query beyond the cached
    memberships; a member with charters to accept is sent to them by the list page)."""
    return bool(cells_with_role(user, *READERS))


def must_accept_charters(user) -> bool:
    """A reader in some cell who reads nowhere yet: their charters are pending."""
    return in_menu(user) and not reader_cells(user)


def can_list(user) -> bool:
    return bool(reader_cells(user))


def visible_situations(user) -> QuerySet[Situation]:
    return Situation.objects.filter(cell__in=reader_cells(user))


def access_situation(user, situation_id: int) -> Situation:
    """The situation if the user may read it, else NotFound (whether or not it exists)."""
    situation = (
        visible_situations(user)
        .select_related("cell", "municipality__region", "created_by")
        .filter(pk=situation_id)
        .first()
    )
    if situation is None:
        raise NotFound
    return situation


def ensure_visible(user, situation: Situation) -> Situation:
    """NotFound unless the user may read `situation` (no query: memberships are cached)."""
    if situation.cell_id not in reader_cells(user):
        raise NotFound
    return situation


def access_intervention(user, intervention_id: int) -> Intervention:
    intervention = (
        Intervention.objects.filter(pk=intervention_id, situation__cell__in=reader_cells(user))
        .select_related("situation__cell", "situation__municipality__region", "organisation")
        .first()
    )
    if intervention is None:
        raise NotFound
    return intervention


# What a reader may do ---------------------------------------------------------------------


def can_create(user, cell_id: int | None) -> bool:
    return cell_id in manager_cells(user)


def can_manage(user, situation: Situation) -> bool:
    return can_create(user, situation.cell_id)


def can_edit(user, situation: Situation) -> bool:
    return can_manage(user, situation) and workflow.is_open(situation.state)


def can_move_to(user, situation: Situation, to_state: str) -> bool:
    return can_manage(user, situation) and to_state in workflow.targets(situation.state)


def is_contributor(user, cell_id: int) -> bool:
    """Writes diagnosis contributions in the cell, on behalf of their organisation."""
    return cell_id in cleared_cells_with_role(user, *CONTRIBUTORS)


def can_contribute(user, situation: Situation) -> bool:
    return is_contributor(user, situation.cell_id) and workflow.is_open(situation.state)


def contributor_organisation(user, cell_id: int) -> int | None:
    """The organisation a contributor writes for in the cell: that of their contributing
    membership (the coordinator's before the information officer's before a partner's)."""
    memberships = sorted(
        (m for m in cell_memberships(user) if m.cell_id == cell_id and m.role in CONTRIBUTORS),
        key=lambda m: ROLE_PRECEDENCE.index(m.role),
    )
    return memberships[0].organisation_id if memberships else None


def can_plan_interventions(user, situation: Situation) -> bool:
    return can_edit(user, situation)


def can_edit_intervention(user, intervention: Intervention) -> bool:
    return can_edit(user, intervention.situation)


def can_record_review(user, situation: Situation) -> bool:
    return can_edit(user, situation)


@dataclass(frozen=True)
class Move:
    """A change of state the page offers: where to, and whether a reason is required."""

    to_state: str
    label: str
    needs_reason: bool
    reopens: bool
    closes: bool


@dataclass(frozen=True)
class SituationActions:
    """What the user may do with one situation: the page offers exactly these."""

    edit: bool
    contribute: bool
    plan_interventions: bool
    record_review: bool
    moves: list[Move] = field(default_factory=list)


def moves(user, situation: Situation) -> list[Move]:
    if not can_manage(user, situation):
        return []
    return [
        Move(
            to,
            str(Situation.State(to).label),
            workflow.needs_reason(situation.state, to),
            workflow.is_reopening(situation.state, to),
            workflow.is_closed(to),
        )
        for to in workflow.targets(situation.state)
    ]


def situation_actions(user, situation: Situation) -> SituationActions:
    """For a reader of `situation`; no queries beyond the cached memberships and charters."""
    return SituationActions(
        edit=can_edit(user, situation),
        contribute=can_contribute(user, situation),
        plan_interventions=can_plan_interventions(user, situation),
        record_review=can_record_review(user, situation),
        moves=moves(user, situation),
    )
