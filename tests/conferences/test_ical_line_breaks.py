"""The calendar file escapes every line break and control character (RFC 5545 TEXT)."""

import pytest
from django.urls import reverse

from livc.conferences.ical import _fold, _text, ics

from ..casework import build_world
from .helpers import plan

BREAKS = ["\r\n", "\r", "\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def _content_lines(body: str) -> list[str]:
    """Physical lines; the file must hold no CR or LF except the CRLF line ends."""
    assert body.endswith("\r\n")
    lines = body[:-2].split("\r\n")
    for line in lines:
        assert "\r" not in line and "\n" not in line, repr(line)
    return lines


def _unfold(body: str) -> list[str]:
    return body[:-2].replace("\r\n ", "").split("\r\n")


@pytest.mark.parametrize("brk", BREAKS, ids=[f"U+{ord(b[0]):04X}{len(b)}" for b in BREAKS])
def test_every_line_break_becomes_an_escaped_newline(brk):
    assert _text(f"Town hall{brk}room 2") == "Town hall\\nroom 2"


def test_crlf_is_one_break_and_lone_crs_each_count():
    assert _text("a\r\nb\r\rc\n\rd") == "a\\nb\\n\\nc\\n\\nd"


def test_other_control_characters_are_dropped_but_tab_stays():
    assert _text("a\x00b\x07c\x1bd\x7fe\tf") == "abcde\tf"


def test_escaping_order_keeps_backslashes_apart_from_newlines():
    assert _text("C:\\temp\rx;y,z") == "C:\\\\temp\\nx\\;y\\,z"


@pytest.mark.django_db
def test_location_with_a_lone_cr_cannot_inject_a_property():
    world = build_world()
    conference = plan(
        world,
        cases=[world.case],
        invite={world.case: ["partner"]},
        place="Town hall\rATTENDEE:mailto:x@example.org\u2028room\x852",
    )
    body = ics(conference)
    lines = _content_lines(body)
    assert all(len(line.encode()) <= 75 for line in lines)
    logical = _unfold(body)
    assert "LOCATION:Town hall\\nATTENDEE:mailto:x@example.org\\nroom\\n2" in logical
    assert not any(line.startswith("ATTENDEE") for line in logical)


@pytest.mark.django_db
def test_downloaded_file_has_only_crlf_line_ends(client):
    world = build_world()
    conference = plan(
        world, cases=[world.case], invite={world.case: ["partner"]}, place="Hall\r\rB"
    )
    client.force_login(world.users["partner"])
    response = client.get(reverse("conferences:ics", args=[conference.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    _content_lines(body)
    assert "LOCATION:Hall\\n\\nB" in _unfold(body)


def test_long_escaped_value_folds_at_75_octets_without_splitting_characters():
    value = _text("é€😀\r," * 40)
    folded = _fold("LOCATION:" + value)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == "LOCATION:" + value
