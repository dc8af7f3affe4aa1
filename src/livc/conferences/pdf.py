"""Minutes as PDF: one attendee's items rendered by the shared WeasyPrint helper."""

from django.template.loader import render_to_string
from django.utils import timezone

from livc.core.pdf import render_pdf

from .models import AgendaItem, Conference


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


def minutes_pdf(*, conference: Conference, attendee, items: list[AgendaItem]) -> bytes:
    return render_pdf(minutes_html(conference=conference, attendee=attendee, items=items))
