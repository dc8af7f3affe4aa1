"""Who may search subjects, export what the platform holds and handle requests.

The coordinator of a cell does all of it for the subjects of that cell, once they have
accepted the cell's charters (the charter gate). The cell's DPO sees the list of requests
(kind, dates, decision) to check that they are answered in time, never what was asked
nor the person. Everybody else: absence (404).
"""

from django.db.models import Q, QuerySet

from livc.access.actor import cleared_cells_with_role
from livc.access.errors import NotFound
from livc.cases.models import Subject
from livc.organisations.models import Role
from livc.organisations.selectors import cells_with_role

from .models import SubjectRequest


def coordinator_cells(user) -> set[int]:
    """Cells the user coordinates (for navigation: no charter query on every page)."""
    return cells_with_role(user, Role.COORDINATOR)


def handled_cells(user) -> set[int]:
    """Cells whose subjects and requests the user handles: those they coordinate and whose
    charters they accepted (the charter gate)."""
    return cleared_cells_with_role(user, Role.COORDINATOR)


def can_search(user) -> bool:
    return bool(coordinator_cells(user))


def searchable_subjects(user) -> QuerySet[Subject]:
    """Subjects the user may look up and export: those of the cells they coordinate."""
    return Subject.objects.filter(cell__in=handled_cells(user))


def access_subject(user, subject_id: int) -> Subject:
    """The subject if the user coordinates its cell, else 404 (whether or not it exists)."""
    subject = searchable_subjects(user).select_related("cell").filter(pk=subject_id).first()
    if subject is None:
        raise NotFound
    return subject


def can_list_requests(user) -> bool:
    return bool(cells_with_role(user, Role.COORDINATOR, Role.DPO))


def visible_requests(user) -> QuerySet[SubjectRequest]:
    """Requests listed to the user: those of the cells they coordinate, and (kind, dates and
    decision only) those of the cells whose DPO they are."""
    return SubjectRequest.objects.filter(
        Q(cell__in=handled_cells(user)) | Q(cell__in=cells_with_role(user, Role.DPO))
    )


def can_read_request(user, subject_request: SubjectRequest) -> bool:
    """What was asked and why it was decided so: the coordinator of the request's cell."""
    return subject_request.cell_id in handled_cells(user)


def access_request(user, request_id: int) -> SubjectRequest:
    """The request with its content, for the coordinator of its cell; else 404."""
    subject_request = (
        SubjectRequest.objects.filter(cell__in=handled_cells(user), pk=request_id)
        .select_related("cell", "subject", "decided_by", "handled_by")
        .first()
    )
    if subject_request is None:
        raise NotFound
    return subject_request


def linkable_request_cells(user) -> set[int]:
    """Cells whose requests the list links to (the pages with their content)."""
    return handled_cells(user)


def can_answer_with_export(user, subject_request: SubjectRequest) -> bool:
    """An access request about a person the cell holds is answered with an export."""
    return (
        subject_request.kind == SubjectRequest.Kind.ACCESS
        and subject_request.subject_id is not None
        and can_read_request(user, subject_request)
    )


def can_decide(user, subject_request: SubjectRequest) -> bool:
    """The decision is recorded once, by the coordinator of the request's cell."""
    return subject_request.is_pending and can_read_request(user, subject_request)
