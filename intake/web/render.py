"""Jinja2 rendering of the pages in Russian or Kazakh with their security headers (strict CSP, no inline
script). The language is the signed-in user's, else the `intake_lang` cookie, else `Accept-Language`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from checklists.names import COST_TYPE_NAMES, DOC_TYPE_NAMES, SERVICE_NAMES, local_citation
from intake import i18n
from intake.i18n import LANG_NAMES, LANGS, Lang
from models.vocab import CostType, DocType

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
NBSP = "\u00a0"
LOCAL_TIME = ZoneInfo("Asia/Almaty")
"""Times on the pages are local to Kazakhstan (UTC+5)."""
STATUS_NAMES = {"queued": "в очереди", "processing": "читается", "done": "проверен", "failed": "ошибка"}
STAGE_NAMES: dict[str | None, str] = {"files": "разбор файлов", "pages": "чтение страниц", None: ""}
SEVERITY_NAMES = {"error": "ошибка", "warning": "требует внимания", "info": "сведения"}
ROLE_NAMES = {"applicant": "заявитель", "executor": "исполнитель (поставщик)", "other": "иное лицо"}
MARK_NAMES = {"present": "есть", "missing": "нет", "not_required": "не требуется"}
OUTCOME_NAMES = {"approved": "одобрено", "rejected": "отклонено"}
RESOLUTION_NAMES = {"resolved": "устранено", "overridden": "отклонено сотрудником"}
ACTION_NAMES = {"upload": "загрузка пакета", "add_files": "добавлены документы",
                "recheck": "повторная проверка",
                "correct_type": "исправлен тип документа", "correct_field": "исправлено значение поля",
                "correct_role": "исправлена роль стороны", "resolve_finding": "решение по замечанию",
                "decision": "решение по заявке", "login": "вход",
                "reopen": "решение отменено, пакет возвращен на рассмотрение"}
USER_ROLE_NAMES = {"applicant": "заявитель", "officer": "сотрудник", "operator": "оператор"}
VERDICT_NAMES = {"true": "комплектен", "false": "не комплектен"}
NAME_TABLES = (USER_ROLE_NAMES, VERDICT_NAMES, STATUS_NAMES, SEVERITY_NAMES, ROLE_NAMES, MARK_NAMES,
               OUTCOME_NAMES, RESOLUTION_NAMES, ACTION_NAMES, {k: v for k, v in STAGE_NAMES.items() if k})
"""The tables of names shown on the pages (their values are msgids of the catalogues)."""
LANG_COOKIE = "intake_lang"


def money(value: str | Decimal | None) -> str:
    """`13522745.43` → `13 522 745,43` (non-breaking spaces)."""
    if value is None:
        return "—"
    q = Decimal(str(value)).quantize(Decimal("0.01"))
    whole, frac = f"{q:f}".split(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{sign}{NBSP.join(groups) or '0'},{frac}"


def ru_date(value: str | date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(LOCAL_TIME)
        return local.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


def value_name(action: str, value: Any, lang: Lang = "ru") -> str:
    """An audited value as people read it (names of types, roles, resolutions, outcomes)."""
    if value is None:
        return "—"
    names: dict[str, str] = {
        "correct_type": {d.value: n for d, n in DOC_TYPE_NAMES.items()},
        "correct_role": ROLE_NAMES, "resolve_finding": RESOLUTION_NAMES, "decision": OUTCOME_NAMES,
    }.get(action, {})
    name = names.get(str(value))
    return i18n.gettext(lang, name) if name else str(value)


def query(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v is not None})


@cache
def env(lang: Lang = "ru") -> Environment:
    """The templates' environment of one language (gettext installed, names translated)."""
    e = Environment(loader=PackageLoader("intake", "templates/web"), autoescape=select_autoescape(["html"]),
                    extensions=["jinja2.ext.i18n"])
    e.install_gettext_translations(i18n.catalog(lang), newstyle=True)  # type: ignore[attr-defined]
    t = i18n.catalog(lang).gettext
    e.filters.update(money=money, ru_date=ru_date, tr=lambda text: t(str(text)) if text else text,
                     cite=lambda citation: local_citation(str(citation), lang) if citation else citation)
    e.globals.update(
        lang=lang, langs=LANGS, lang_names=LANG_NAMES, query=query,
        value_name=lambda action, value: value_name(action, value, lang),
        status_names=i18n.translate_all(lang, STATUS_NAMES),
        stage_names={k: t(v) if v else "" for k, v in STAGE_NAMES.items()},
        severity_names=i18n.translate_all(lang, SEVERITY_NAMES),
        role_names=i18n.translate_all(lang, ROLE_NAMES), mark_names=i18n.translate_all(lang, MARK_NAMES),
        resolution_names=i18n.translate_all(lang, RESOLUTION_NAMES),
        outcome_names=i18n.translate_all(lang, OUTCOME_NAMES),
        action_names=i18n.translate_all(lang, ACTION_NAMES),
        user_role_names=i18n.translate_all(lang, USER_ROLE_NAMES),
        verdict_name=lambda v: t(VERDICT_NAMES[str(v).lower()]) if v is not None else "—",
        cost_names={c.value: t(n) for c, n in COST_TYPE_NAMES.items()},
        service_names={c.value: t(n) for c, n in SERVICE_NAMES.items()},
        doc_names={d.value: t(n) for d, n in DOC_TYPE_NAMES.items()},
        cost_types=[c.value for c in CostType], doc_types=[d.value for d in DocType],
        script_messages=_script_messages(lang),
    )
    return e


def _script_messages(lang: Lang) -> dict[str, str]:
    return {m: i18n.gettext(lang, m) for m in i18n.script_messages()}


def page_lang(request: Request, user: Any = None) -> Lang:
    """The language of a page: the user's own choice, the cookie, the browser's, else Russian."""
    return (i18n.parse_lang(getattr(user, "language", None))
            or i18n.parse_lang(request.cookies.get(LANG_COOKIE))
            or i18n.negotiate(request.headers.get("accept-language")) or i18n.DEFAULT)


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page with strict security headers, in the language of `page_lang`."""
    lang = page_lang(request, context.get("user"))
    html = env(lang).get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code, headers={**HEADERS, "Content-Language": lang})
