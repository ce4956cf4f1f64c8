"""The report as a self-contained HTML page (`--format html`); every value is escaped."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from checklists.names import COST_TYPE_NAMES, DOC_TYPE_NAMES, ru_citation
from checklists.rules._text import ru_money
from intake.report import money_str
from models.report import Report
from models.vocab import Severity


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("intake", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["money"] = money_str
    env.filters["rumoney"] = ru_money
    env.filters["rucite"] = ru_citation
    return env


def render_html(report: Report, *, pdf: bool = False) -> str:
    """Self-contained HTML page; `pdf` switches to the A4 print layout used by `render_pdf`."""
    order = list(Severity)
    findings = sorted(report.findings, key=lambda f: order.index(f.severity))
    return _env().get_template("report.html").render(
        r=report, findings=findings, cost_name=COST_TYPE_NAMES[report.package.cost_type],
        doc_names=DOC_TYPE_NAMES, docs={d.id: d for d in report.documents}, pdf=pdf,
    )
