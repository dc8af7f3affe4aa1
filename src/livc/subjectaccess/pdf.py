"""The subject access export as PDF, rendered from the same data as the JSON export."""

from django.template.loader import render_to_string

from livc.core.pdf import render_pdf


def export_html(*, data: dict) -> str:
    return render_to_string("subjectaccess/export_pdf.html", {"data": data})


def export_pdf(*, data: dict) -> bytes:
    return render_pdf(export_html(data=data))
