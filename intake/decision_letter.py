"""The decision letter (PDF) an officer's decision is sent with: outcome, amount granted, and the
findings it rests on — each with its message, the paragraph it cites and how the officer treated it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from checklists.names import COST_TYPE_NAMES, SERVICE_NAMES, local_citation
from intake import i18n
from intake.i18n import Lang
from intake.web.render import LOCAL_TIME, RESOLUTION_NAMES, SEVERITY_NAMES, money
from intake.web.views import FindingView
from models.vocab import CostType


@dataclass(frozen=True)
class LetterFacts:
    """What the letter says; gathered by the route from the package, its report and the decision."""

    package_id: str
    cost_type: str
    application_date: Any
    applicant_bin: str
    company: str | None
    outcome: str
    amount: str | None
    comment: str
    decided_at: datetime
    officer: str | None
    findings: list[FindingView]


@cache
def _env(lang: Lang) -> Environment:
    env = Environment(loader=PackageLoader("intake", "templates"), autoescape=select_autoescape(["html"]),
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(i18n.catalog(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["money"] = money
    env.filters["cite"] = lambda citation: local_citation(str(citation), lang) if citation else citation
    env.globals.update(lang=lang, severity_names=i18n.translate_all(lang, SEVERITY_NAMES),
                       resolution_names=i18n.translate_all(lang, RESOLUTION_NAMES))
    return env


def letter_html(facts: LetterFacts, lang: Lang = "ru") -> str:
    t = i18n.catalog(lang).gettext
    cited = [f for f in facts.findings if f.severity in ("error", "warning")]
    grounds = [f for f in cited if not f.resolution] if facts.outcome == "rejected" else cited
    return _env(lang).get_template("letter.html").render(
        f=facts, grounds=grounds, cost_name=t(COST_TYPE_NAMES[CostType(facts.cost_type)]),
        service_name=t(SERVICE_NAMES[CostType(facts.cost_type)]),
        decided=facts.decided_at.astimezone(LOCAL_TIME).strftime("%d.%m.%Y"),
        applied=facts.application_date.strftime("%d.%m.%Y"))


def letter_pdf(facts: LetterFacts, lang: Lang = "ru") -> bytes:
    from weasyprint import HTML  # heavy import (pango); only when a letter is asked for

    return bytes(HTML(string=letter_html(facts, lang)).write_pdf())
