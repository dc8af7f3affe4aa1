"""The head of the chain, appended to a file the database cannot reach."""

import json
import logging
from pathlib import Path

import pytest

from livc.audit import checker
from livc.audit.anchors import Anchor, write_anchor
from livc.audit.chain import sealing_key
from livc.audit.models import AccessLogEntry, ChainHead
from livc.audit.services import seal, verify_chain

from .conftest import NOW, entries

pytestmark = pytest.mark.django_db


def anchors(settings) -> list[dict]:
    return [
        json.loads(line) for line in Path(settings.LIVC_AUDIT_ANCHOR_FILE).read_text().splitlines()
    ]


def test_each_sealed_batch_appends_its_head(audit_settings, caplog):
    entries(5, sealed=False)
    with caplog.at_level(logging.INFO, logger="livc.audit.anchor"):
        assert seal(grace=NOW, batch=2) == 5
    head = ChainHead.objects.get()
    lines = anchors(audit_settings)
    assert [line["id"] for line in lines] == list(
        AccessLogEntry.objects.values_list("id", flat=True)
    )[1::2] + [head.last_id]
    assert (lines[-1]["hash"], lines[-1]["key_id"]) == (head.last_hash, sealing_key().id)
    assert len([r for r in caplog.records if r.name == "livc.audit.anchor"]) == 3
    assert seal(grace=NOW) == 0 and len(anchors(audit_settings)) == 3  # nothing new, no line
    assert verify_chain().anchored_id == head.last_id


def test_a_line_written_late_by_an_overlapping_seal_still_counts(audit_settings):
    made = entries(3)
    write_anchor(Anchor(made[0].pk, made[0].hash, made[0].key_id))  # after the newer head
    assert verify_chain().intact
    write_anchor(Anchor(made[1].pk, "f" * 64, made[1].key_id))
    report = verify_chain()
    assert (report.problem, report.first_broken_id) == (checker.ANCHOR_DIFFERS, made[1].pk)


def test_a_line_cut_short_by_a_crash_is_skipped(audit_settings):
    made = entries(3)
    with open(audit_settings.LIVC_AUDIT_ANCHOR_FILE, "a") as file:
        file.write('{"sealed_at":"2026-')
    report = verify_chain()
    assert report.intact and report.anchored_id == made[-1].pk


def test_an_anchor_that_cannot_be_written_fails_the_run_but_keeps_the_seal(
    audit_settings, tmp_path
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    audit_settings.LIVC_AUDIT_ANCHOR_FILE = str(blocker / "anchors.log")
    entries(2, sealed=False)
    with pytest.raises(OSError):
        seal(grace=NOW)
    assert not AccessLogEntry.objects.filter(hash="").exists()  # committed before anchoring
