import pytest

from livc.site.demo import seed_demo
from livc.subjectaccess.demo import seed_subject_requests
from livc.subjectaccess.models import SubjectRequest

pytestmark = pytest.mark.django_db


def test_demo_request_is_seeded_once_in_mechelen():
    seed_demo()  # seeds the request once
    assert seed_subject_requests() == 0
    request = SubjectRequest.objects.get()
    assert request.cell.code == "MEC" and request.kind == "rectification"
    assert request.is_pending and not request.is_overdue
    assert request.subject.cell_id == request.cell_id
