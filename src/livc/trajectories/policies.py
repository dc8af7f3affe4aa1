"""Who may read and edit plans (DESIGN.md → Access model). Refusal looks like absence.

Readers of a plan are the readers of its case (`visible_cases`). The cell's coordinator and
the case director edit the whole plan; an information officer or partner edits the actions
of their own organisation only. Every check is per cell. Services ask these same
questions, so a page offers exactly what its service accepts.
"""

from django.db.models import QuerySet

from livc.access.actor import has_role
from livc.access.errors import NotFound
from livc.cases.models import Case, Participant
from livc.cases.policies import mark_readable, visible_cases
from livc.organisations.models import Organisation, Role
from livc.organisations.selectors import cell_memberships, cells_with_role

from .models import Action, ProgressNote

ACTION_EDITOR_ROLES = (Role.INFORMATION_OFFICER, Role.PARTNER)


def can_edit_plan(user, case: Case) -> bool:
    """Goals, reviews, the review date and every action. The caller has already checked
    that the user sees the case (`access_case`)."""
    if has_role(user, case.cell_id, Role.COORDINATOR):
        return True
    return case.case_director_id is not None and case.case_director_id == user.pk


def own_organisations(user, case: Case) -> set[int]:
    """Organisations on whose behalf the user edits actions in the case's cell."""
    return {
        m.organisation_id
        for m in cell_memberships(user)
        if m.cell_id == case.cell_id and m.role in ACTION_EDITOR_ROLES
    }


def can_edit_action(user, action: Action, case: Case) -> bool:
    """Change, move along the workflow, write progress notes: plan editors, and the
    action's own organisation."""
    return can_edit_plan(user, case) or action.organisation_id in own_organisations(user, case)


def may_give_actions(user, case: Case) -> bool:
    """Give actions at all: plan editors, and members of an organisation that could take
    part (whether it does is the service's data check, keyed on the organisation)."""
    return can_edit_plan(user, case) or bool(own_organisations(user, case))


def may_give_action_to(user, case: Case, organisation_id: int) -> bool:
    return can_edit_plan(user, case) or organisation_id in own_organisations(user, case)


def action_organisations(user, case: Case) -> QuerySet[Organisation]:
    """Organisations the user may give an action to: the case's active participants, all of
    them for plan editors, their own otherwise."""
    organisations = Organisation.objects.filter(
        participations__case=case, participations__status__in=Participant.ACTIVE
    ).order_by("name")
    if can_edit_plan(user, case):
        return organisations
    return organisations.filter(pk__in=own_organisations(user, case))


def access_action(user, action_id: int) -> Action:
    """The action if the user may read its case, else 404 (whether or not it exists)."""
    action = (
        Action.objects.filter(pk=action_id, plan_id__in=visible_cases(user).values("pk"))
        .select_related("plan__case__cell", "organisation", "owner", "goal")
        .first()
    )
    if action is None:
        raise NotFound
    mark_readable(user, action.plan.case)
    return action


def access_editable_action(user, action_id: int) -> Action:
    action = access_action(user, action_id)
    if not can_edit_action(user, action, action.plan.case):
        raise NotFound
    return action


def dashboard_cells(user) -> set[int]:
    """Cells whose dashboard the user sees: those where they are coordinator."""
    return cells_with_role(user, Role.COORDINATOR)


def access_dashboard_cell(user, cell_id: int | None) -> int:
    """The requested cell if the user coordinates it, else their first; 404 if none."""
    cells = dashboard_cells(user)
    if not cells or (cell_id is not None and cell_id not in cells):
        raise NotFound
    return cell_id if cell_id is not None else min(cells)


def can_list_actions(user) -> bool:
    """'My actions' is for every member of a cell (it may well be empty)."""
    return bool(cell_memberships(user))


def access_progress_note(user, note_id: int) -> ProgressNote:
    """The note if the user may read the action's case (as `access_action`), else 404."""
    note = (
        ProgressNote.objects.filter(
            pk=note_id, action__plan_id__in=visible_cases(user).values("pk")
        )
        .select_related("action__plan__case__cell", "action__plan__case__subject__municipality")
        .first()
    )
    if note is None:
        raise NotFound
    return note
