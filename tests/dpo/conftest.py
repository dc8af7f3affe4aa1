"""A living cell (tests/casework.build_world) and a hand-built access log for DPO tests."""

import datetime

import pytest
from django.utils import timezone

from livc.audit.models import AccessLogEntry
from livc.audit.services import Actor

from ..casework import build_world


@pytest.fixture
def world(db):
    return build_world()


def monday(weeks_ago: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday() + 7 * weeks_ago)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def log(actor: Actor, when: datetime.datetime, *, action="view", case_id=None, ref="", n=1):
    """Insert `n` entries at a chosen time (the service stamps "now"; tests need the past)."""
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            at=when,
            user_id=actor.user_id,
            role=actor.role,
            organisation_id=actor.organisation_id,
            cell_id=actor.cell_id,
            action=action,
            object_type="case",
            object_id=case_id or 0,
            object_ref=ref,
            case_id=case_id,
        )
        for _ in range(n)
    )
