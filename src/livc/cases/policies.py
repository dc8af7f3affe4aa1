"""Need-to-know access to cases (DESIGN.md → Access model). Refusal looks like absence."""

from django.db.models import Q, QuerySet
from django.http import Http404

from livc.access.actor import cleared_cells_with_role, gated_cells, has_role
from livc.organisations.models import Role
from livc.organisations.selectors import cell_memberships, cells_with_role

from .models import Case, Participant, ParticipantMember

FULL_ACCESS = (Role.COORDINATOR, Role.CHAIR)


def visible_cases(user) -> QuerySet[Case]:
    """Cases the user may read: all of their cell for coordinator and chair; for the
    information officer those where their police organisation participates; for a partner
    those where their organisation participates and they are a named member. Nothing of a
    cell whose charters the user has not accepted yet (the charter gate)."""
    memberships = cell_memberships(user)
    if not memberships:
        return Case.objects.none()
    gated = gated_cells(user)
    condition = Q(cell__in=cleared_cells_with_role(user, *FULL_ACCESS))
    for membership in memberships:
        if membership.role == Role.INFORMATION_OFFICER and membership.cell_id not in gated:
            participating = Participant.objects.filter(
                status__in=Participant.ACTIVE, organisation=membership.organisation_id
            ).values("case_id")
            condition |= Q(cell=membership.cell_id, pk__in=participating)
    partner_cells = cleared_cells_with_role(user, Role.PARTNER)
    if partner_cells:
        named = ParticipantMember.objects.filter(
            user=user, participant__status__in=Participant.ACTIVE
        ).values("participant__case_id")
        condition |= Q(cell__in=partner_cells, pk__in=named)
    return Case.objects.filter(condition)


def access_case(user, case_id: int) -> Case:
    """The case if the user may read it, else 404 (whether or not it exists)."""
    case = visible_cases(user).select_related("cell", "subject").filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


def can_manage(user, case: Case) -> bool:
    """Open, close, reopen, change phase, invite: the coordinator of the cell."""
    return has_role(user, case.cell_id, Role.COORDINATOR)


def can_see_ltf(user, case: Case) -> bool:
    return has_role(user, case.cell_id, *FULL_ACCESS)


def can_record_ltf(user, case: Case) -> bool:
    return has_role(user, case.cell_id, Role.INFORMATION_OFFICER)


def can_view_access_log(user, case: Case) -> bool:
    return has_role(user, case.cell_id, Role.COORDINATOR, Role.CHAIR, Role.DPO)


def metadata_cases(user) -> QuerySet[Case]:
    """For the DPO: cases of their cells, to be shown as metadata only (code, dates, phase)."""
    return Case.objects.filter(cell__in=cells_with_role(user, Role.DPO))


def can_see_register(user) -> bool:
    return bool(cells_with_role(user, Role.DPO))


def can_decline(user, participant: Participant) -> bool:
    """A member of the invited organisation in that cell may decline on its behalf."""
    return any(
        m.organisation_id == participant.organisation_id and m.cell_id == participant.case.cell_id
        for m in cell_memberships(user)
    )
