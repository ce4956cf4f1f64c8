"""The report as a PDF for people (`--format pdf`): the HTML report laid out for A4 by WeasyPrint."""

from __future__ import annotations

from intake.i18n import Lang
from models.report import Report


def render_pdf(report: Report, lang: Lang = "ru") -> bytes:
    """PDF bytes of the report in `lang` (checklist table, findings by severity, reimbursement, documents)."""
    from weasyprint import HTML  # heavy import (pango); only when a PDF is asked for

    from intake.render_html import render_html

    return bytes(HTML(string=render_html(report, pdf=True, lang=lang)).write_pdf())
