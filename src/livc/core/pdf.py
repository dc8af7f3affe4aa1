"""HTML to PDF with WeasyPrint and the system's fonts, for every PDF the platform makes.

Nothing is fetched while rendering (closed municipal network, DESIGN.md principle 8):
templates carry their own styles and the URL fetcher only accepts `data:` URLs.

Every PDF is tagged PDF/UA-1, so screen readers can read it: WeasyPrint writes the
structure tree from the HTML (headings, paragraphs, lists, tables with their header
cells, pictures with their `alt`), MarkInfo /Marked and /DisplayDocTitle. The title and
the language come from the HTML: `<title>` and `<html lang="…">`, which every PDF template
sets from the active language. A template that lacks either still gives a PDF, but not a
conforming one, and the error is logged (tests/core/test_pdf_ua.py fails on it).
"""

import logging

# WeasyPrint reports every rendering step at INFO level; the root logger would print them.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

logger = logging.getLogger(__name__)

# PDF 1.7, tagged, with pdfuaid:part=1 in the XMP metadata.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(html: str) -> bytes:
    # Imported here: loading WeasyPrint (Pango, fonts) costs time no other page should pay.
    from weasyprint import HTML, URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
    missing = [
        what
        for what, value in (
            ("<title>", document.metadata.title),
            ("<html lang>", document.metadata.lang),
        )
        if not (value or "").strip()
    ]
    if missing:
        logger.error("PDF is not PDF/UA: its HTML has no %s", " and no ".join(missing))
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
