"""Minutes as PDF: an HTML template rendered by WeasyPrint with the system's fonts.

Nothing is fetched while rendering (closed municipal network, DESIGN.md principle 8):
the template carries its own styles and the URL fetcher only accepts `data:` URLs.
"""

import logging

from django.template.loader import render_to_string
from django.utils import timezone

from .models import AgendaItem, Conference

# WeasyPrint reports every rendering step at INFO level; the root logger would print them.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def minutes_html(*, conference: Conference, attendee, items: list[AgendaItem]) -> str:
    """The HTML of one attendee's minutes: `items` must already be limited to theirs."""
    approval = conference.status_changes.filter(to_status=Conference.Status.MINUTES_APPROVED)
    return render_to_string(
        "conferences/minutes_pdf.html",
        {
            "conference": conference,
            "attendee": attendee,
            "items": items,
            "approval": approval.select_related("by").last(),
            "generated_at": timezone.localtime(),
        },
    )


def render_pdf(html: str) -> bytes:
    # Imported here: loading WeasyPrint (Pango, fonts) costs time no other page should pay.
    from weasyprint import HTML, URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


def minutes_pdf(*, conference: Conference, attendee, items: list[AgendaItem]) -> bytes:
    return render_pdf(minutes_html(conference=conference, attendee=attendee, items=items))
