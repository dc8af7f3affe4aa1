"""The demo's retention: an override, a hold and a tombstone; running it twice adds none."""

import pytest

from livc.retention.demo import seed_retention
from livc.retention.models import LegalHold, RetentionOverride, Tombstone
from livc.site import demo

pytestmark = pytest.mark.django_db


def test_seed_retention_is_idempotent():
    demo.seed_demo()
    seed_retention()
    counts = (
        RetentionOverride.objects.count(),
        LegalHold.objects.count(),
        Tombstone.objects.filter(record_type="case").count(),
    )
    assert counts == (1, 1, 1)  # the old case (the monitoring history adds signal tombstones)
    assert RetentionOverride.objects.get().cell.code == "VMZ"
    assert LegalHold.objects.get().case.phase == "closed"
    seed_retention()
    assert counts == (
        RetentionOverride.objects.count(),
        LegalHold.objects.count(),
        Tombstone.objects.filter(record_type="case").count(),
    )
