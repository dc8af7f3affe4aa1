"""HTML to PDF with WeasyPrint and the system's fonts, for every PDF the platform makes.

Nothing is fetched while rendering (closed municipal network, DESIGN.md principle 8):
templates carry their own styles and the URL fetcher only accepts `data:` URLs.
"""

import logging

# WeasyPrint reports every rendering step at INFO level; the root logger would print them.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(html: str) -> bytes:
    # Imported here: loading WeasyPrint (Pango, fonts) costs time no other page should pay.
    from weasyprint import HTML, URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
