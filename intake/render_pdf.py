"""The report as a PDF for people (`--format pdf`): the HTML report laid out for A4 by WeasyPrint.

Nothing is fetched while laying out: every URL (http, file, data…) is refused, so no string of a
report can make the renderer read a local file or call a host.
"""

from __future__ import annotations

from typing import Any

from intake.i18n import Lang
from models.report import Report


def render_pdf(report: Report, lang: Lang = "ru") -> bytes:
    """PDF bytes of the report in `lang` (checklist table, findings by severity, reimbursement, documents)."""
    from weasyprint import HTML  # heavy import (pango); only when a PDF is asked for

    from intake.render_html import render_html

    return bytes(HTML(string=render_html(report, pdf=True, lang=lang), url_fetcher=_refuser()).write_pdf())


def _refuser() -> Any:
    from weasyprint.urls import URLFetcher, URLFetchingError

    class RefuseEveryFetch(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise URLFetchingError(f"fetching is disabled: {url[:80]}")

    return RefuseEveryFetch()
