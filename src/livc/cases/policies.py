"""Need-to-know access to cases (DESIGN.md → Access model). Refusal looks like absence.

Two kinds of questions live here, and only here:
- who may read a case (`visible_cases`, `access_case`, `ensure_visible`): a "no" is a 404;
- what a reader may do with it (`can_<verb>`): role and workflow state together, so the
  page that offers a form and the service that does the work ask the same question.
`case_actions` answers all of the second kind at once for the case page.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from livc.access.actor import cleared_cells_with_role, gated_cells, has_role
from livc.access.errors import NotFound
from livc.organisations.models import Role
from livc.organisations.selectors import cell_memberships, cells_with_role

from . import workflow
from .models import AssessmentNote, Case, Participant, ParticipantMember

FULL_ACCESS = (Role.COORDINATOR, Role.CHAIR)
# Roles whose members can be named on a case (and so lead it as case director).
NAMEABLE = (Role.PARTNER, Role.INFORMATION_OFFICER)
# Set on a case fetched through `visible_cases` for one user: a service handed that very
# object for the same user needs no second query to know the user may read it.
_READER = "_livc_readable_by"


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


def mark_readable(user, case: Case) -> Case:
    """Record on `case` that `user` may read it. Only for a case just fetched through
    `visible_cases(user)` (here, or in another app's `access_<thing>`)."""
    setattr(case, _READER, getattr(user, "pk", None))
    return case


def access_case(user, case_id: int) -> Case:
    """The case if the user may read it, else NotFound (whether or not it exists)."""
    case = visible_cases(user).select_related("cell", "subject").filter(pk=case_id).first()
    if case is None:
        raise NotFound
    return mark_readable(user, case)


def ensure_visible(user, case: Case) -> Case:
    """NotFound unless the user may read `case`. Free when `case` came from `access_case`
    for this user; one query otherwise (a service called directly)."""
    reader = getattr(user, "pk", None)
    if reader is not None and getattr(case, _READER, None) == reader:
        return case
    if not visible_cases(user).filter(pk=case.pk).exists():
        raise NotFound
    return mark_readable(user, case)


# What a reader may do -------------------------------------------------------------------


def can_open(user, cell_id: int) -> bool:
    """Open a case in a cell: its coordinator."""
    return has_role(user, cell_id, Role.COORDINATOR)


def can_manage(user, case: Case) -> bool:
    """Change the phase, close, reopen, invite, record check-ins: the cell's coordinator."""
    return has_role(user, case.cell_id, Role.COORDINATOR)


def can_edit(user, case: Case) -> bool:
    """The case's data (phenomenon, consent, informed, director): the coordinator and the
    case director."""
    return can_manage(user, case) or (
        case.case_director_id is not None and case.case_director_id == getattr(user, "pk", None)
    )


def can_change_phase(user, case: Case) -> bool:
    return can_manage(user, case) and bool(workflow.phase_change_targets(case.phase))


def can_close(user, case: Case) -> bool:
    return can_manage(user, case) and workflow.can_close(case.phase)


def can_reopen(user, case: Case) -> bool:
    return can_manage(user, case) and workflow.can_reopen(case.phase)


def can_invite(user, case: Case) -> bool:
    """Invite an organisation: the coordinator, and never to a closed case."""
    return can_manage(user, case) and workflow.takes_participants(case.phase)


def can_record_checkin(user, case: Case) -> bool:
    return can_manage(user, case)


def can_add_note(user, case: Case) -> bool:
    """Every reader of the case writes signed assessments (checked by `ensure_visible`);
    only a member of the cell can sign one on behalf of an organisation."""
    return any(m.cell_id == case.cell_id for m in cell_memberships(user))


def acts_for(user, case: Case, organisation) -> bool:
    """The user is a member of `organisation` in the case's cell (signs on its behalf)."""
    return any(
        m.cell_id == case.cell_id and m.organisation_id == organisation.pk
        for m in cell_memberships(user)
    )


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


def can_list_cases(user) -> bool:
    """The case list is for every member of a cell (it may well be empty)."""
    return bool(cell_memberships(user))


# Participations ---------------------------------------------------------------------------


def speaks_for(user, participant: Participant) -> bool:
    """A member of the invited organisation in that cell answers the invitation on its
    behalf (named or not)."""
    return any(
        m.organisation_id == participant.organisation_id and m.cell_id == participant.case.cell_id
        for m in cell_memberships(user)
    )


def can_decline(user, participant: Participant) -> bool:
    return speaks_for(user, participant) and participant.status in Participant.ACTIVE


def can_accept(user, participant: Participant) -> bool:
    return speaks_for(user, participant) and participant.status == Participant.Status.INVITED


@dataclass(frozen=True)
class OwnParticipation:
    """An invitation the user answers for their organisation, with what they may do."""

    participant: Participant
    accept: bool
    decline: bool


def own_participations(user, participants) -> list[OwnParticipation]:
    """The participations among `participants` the user answers for and may still act on."""
    own = (OwnParticipation(p, can_accept(user, p), can_decline(user, p)) for p in participants)
    return [o for o in own if o.accept or o.decline]


# The case page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseActions:
    """What the user may do with one case: the page offers exactly these forms and links."""

    edit: bool
    manage: bool
    change_phase: bool
    close: bool
    reopen: bool
    invite: bool
    record_checkin: bool
    record_ltf: bool
    see_ltf: bool
    view_log: bool
    add_note: bool


def case_actions(user, case: Case) -> CaseActions:
    """For a reader of `case` (the caller used `access_case`). No queries: memberships are
    cached on the user."""
    return CaseActions(
        edit=can_edit(user, case),
        manage=can_manage(user, case),
        change_phase=can_change_phase(user, case),
        close=can_close(user, case),
        reopen=can_reopen(user, case),
        invite=can_invite(user, case),
        record_checkin=can_record_checkin(user, case),
        record_ltf=can_record_ltf(user, case),
        see_ltf=can_see_ltf(user, case) or can_record_ltf(user, case),
        view_log=can_view_access_log(user, case),
        add_note=can_add_note(user, case),
    )


def access_assessment_note(user, note_id: int) -> AssessmentNote:
    """The note if the user may read its case (as `access_case`), else 404."""
    note = (
        AssessmentNote.objects.filter(pk=note_id, case__in=visible_cases(user))
        .select_related("case__cell", "case__subject__municipality")
        .first()
    )
    if note is None:
        raise NotFound
    return note
