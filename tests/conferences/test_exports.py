"""The minutes PDF per attendee and the calendar file."""

import datetime
import io

import pypdf
import pytest
from django.urls import reverse

from livc.conferences import pdf, policies, selectors
from livc.conferences.ical import _fold, _text

from ..casework import build_world
from .helpers import approve, attest, hold, plan, second_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """An approved conference about case A (CAW, police) and case B (CLB)."""
    world = build_world()
    world.case_b = second_case(world)
    world.conference = plan(
        world,
        cases=[world.case, world.case_b],
        invite={world.case: ["partner"], world.case_b: ["other_partner"]},
    )
    attest(world, world.conference, "partner", "other_partner")
    hold(world, world.conference, decisions="Decision about {code}")
    approve(world, world.conference, ["coordinator", "partner", "other_partner"])
    return world


def _pdf_text(client, world, who) -> str:
    client.force_login(world.users[who])
    response = client.get(reverse("conferences:pdf", args=[world.conference.pk]))
    assert response.status_code == 200, who
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="minutes-{world.conference.pk}.pdf"'
    )
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_pdf_holds_only_the_attendees_items(client, world):
    a, b = world.case.code, world.case_b.code
    partner = _pdf_text(client, world, "partner")
    assert f"Decision about {a}" in partner and b not in partner
    other = _pdf_text(client, world, "other_partner")
    assert f"Decision about {b}" in other and a not in other
    coordinator = _pdf_text(client, world, "coordinator")
    assert a in coordinator and b in coordinator


def test_pdf_html_is_built_from_the_attendees_items_only(world):
    partner = world.users["partner"]
    items = selectors.with_minutes(policies.readable_items(partner, world.conference))
    html = pdf.minutes_html(conference=world.conference, attendee=partner, items=items)
    assert world.case.code in html and world.case_b.code not in html
    assert "Follow up" in html  # the agreed action
    assert "art. 458ter" in html


def test_pdf_only_after_approval(client, world):
    conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
    hold(world, conference)
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("conferences:pdf", args=[conference.pk]))
    assert response.status_code == 400
    assert "once the coordinator has approved them" in response.content.decode()


def test_pdf_needs_attendance(client, world):
    """Invited but not recorded as present: no minutes (refusal looks like absence)."""
    conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
    attest(world, conference, "partner")
    hold(world, conference)
    approve(world, conference, ["coordinator"])
    client.force_login(world.users["partner"])
    assert client.get(reverse("conferences:pdf", args=[conference.pk])).status_code == 404


def test_pdf_needs_the_attestation(client, world):
    conference = plan(world, cases=[world.case], invite={world.case: ["partner"]})
    hold(world, conference)
    approve(world, conference, ["coordinator", "partner"])
    client.force_login(world.users["partner"])
    response = client.get(reverse("conferences:pdf", args=[conference.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("conferences:detail", args=[conference.pk])
    assert "Record your attestation before you download the minutes." in (response.content.decode())


def test_pdf_renders_offline():
    """The URL fetcher refuses anything but data: URLs, so nothing leaves the network."""
    html = (
        '<img src="http://example.invalid/x.png">'
        '<link rel="stylesheet" href="file:///etc/passwd"><p>ok</p>'
    )
    assert pdf.render_pdf(html).startswith(b"%PDF")


def test_calendar_file_has_time_and_place_but_no_names_or_case_codes(client, world):
    client.force_login(world.users["partner"])
    response = client.get(reverse("conferences:ics", args=[world.conference.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:LIVC-R case conference\r\n" in body
    assert "LOCATION:Town hall\\, room 2\r\n" in body
    start = world.conference.starts_at.astimezone(datetime.UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in body
    forbidden = [world.case.code, world.case_b.code, world.cell.name, "Jan", "Peeters", "Mira"]
    forbidden += [u.full_name for u in world.users.values()]
    forbidden += [u.email for u in world.users.values()]
    for text in forbidden:
        assert text not in body, text
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_calendar_lines_are_folded_and_escaped():
    folded = _fold("LOCATION:" + "é" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "LOCATION:" + "é" * 80
    assert _text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
