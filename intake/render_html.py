"""The report as a self-contained HTML page (`--format html`) in Russian or Kazakh; every value is escaped."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from checklists.names import COST_TYPE_NAMES, DOC_TYPE_NAMES, local_citation
from checklists.rules._text import ru_money
from intake import i18n
from intake.i18n import Lang
from intake.report import money_str
from intake.web.render import MARK_NAMES, ROLE_NAMES
from models.report import Report
from models.vocab import Severity


@cache
def _env(lang: Lang) -> Environment:
    env = Environment(loader=PackageLoader("intake", "templates"), autoescape=select_autoescape(["html"]),
                      extensions=["jinja2.ext.i18n"])
    catalog = i18n.catalog(lang)
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    env.filters["money"] = money_str
    env.filters["rumoney"] = ru_money
    env.filters["tr"] = lambda text: catalog.gettext(str(text)) if text else text
    env.filters["rucite"] = lambda citation: local_citation(citation, lang)
    env.globals["finding_message"] = lambda f: i18n.finding_message(f, lang)
    env.globals["file_error"] = lambda e: i18n.file_error_message(e, lang)
    env.globals.update(lang=lang, mark_names=i18n.translate_all(lang, MARK_NAMES),
                       role_names=i18n.translate_all(lang, ROLE_NAMES))
    return env


def render_html(report: Report, *, pdf: bool = False, lang: Lang = "ru") -> str:
    """Self-contained HTML page; `pdf` switches to the A4 print layout used by `render_pdf`."""
    order = list(Severity)
    findings = sorted(report.findings, key=lambda f: order.index(f.severity))
    t = i18n.catalog(lang).gettext
    return _env(lang).get_template("report.html").render(
        r=report, findings=findings, cost_name=t(COST_TYPE_NAMES[report.package.cost_type]),
        doc_names={k: t(v) for k, v in DOC_TYPE_NAMES.items()}, docs={d.id: d for d in report.documents},
        pdf=pdf,
    )
