"""Who may search subjects, export what the platform holds and handle requests.

The coordinator of a cell does all of it for the subjects of that cell. The cell's DPO
sees the list of requests (kind, dates, decision) to check that they are answered in
time, never what was asked nor the person. Everybody else: absence (404).
"""

from django.db.models import QuerySet
from django.http import Http404

from livc.cases.models import Subject
from livc.organisations.models import Role
from livc.organisations.selectors import cells_with_role

from .models import SubjectRequest


def coordinator_cells(user) -> set[int]:
    return cells_with_role(user, Role.COORDINATOR)


def can_search(user) -> bool:
    return bool(coordinator_cells(user))


def searchable_subjects(user) -> QuerySet[Subject]:
    """Subjects the user may look up and export: those of the cells they coordinate."""
    return Subject.objects.filter(cell__in=coordinator_cells(user))


def access_subject(user, subject_id: int) -> Subject:
    """The subject if the user coordinates its cell, else 404 (whether or not it exists)."""
    subject = searchable_subjects(user).select_related("cell").filter(pk=subject_id).first()
    if subject is None:
        raise Http404
    return subject


def can_list_requests(user) -> bool:
    return bool(cells_with_role(user, Role.COORDINATOR, Role.DPO))


def visible_requests(user) -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.filter(cell__in=cells_with_role(user, Role.COORDINATOR, Role.DPO))


def can_read_request(user, subject_request: SubjectRequest) -> bool:
    """What was asked and why it was decided so: the coordinator of the request's cell."""
    return subject_request.cell_id in coordinator_cells(user)


def access_request(user, request_id: int) -> SubjectRequest:
    """The request with its content, for the coordinator of its cell; else 404."""
    subject_request = (
        SubjectRequest.objects.filter(cell__in=coordinator_cells(user), pk=request_id)
        .select_related("cell", "subject", "decided_by", "handled_by")
        .first()
    )
    if subject_request is None:
        raise Http404
    return subject_request
