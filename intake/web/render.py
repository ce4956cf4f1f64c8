"""Jinja2 rendering of the pages with their security headers (strict CSP, no inline script)."""

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

from checklists.names import COST_TYPE_NAMES, DOC_TYPE_NAMES
from models.vocab import CostType, DocType

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
NBSP = "\u00a0"
LOCAL_TIME = ZoneInfo("Asia/Almaty")
"""Times on the pages are local to Kazakhstan (UTC+5)."""
STATUS_NAMES = {"queued": "в очереди", "processing": "читается", "done": "проверен", "failed": "ошибка"}
STAGE_NAMES = {"files": "разбор файлов", "pages": "чтение страниц", None: ""}
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


def value_name(action: str, value: Any) -> str:
    """An audited value as people read it (Russian names of types, roles, resolutions, outcomes)."""
    if value is None:
        return "—"
    names: dict[str, str] = {
        "correct_type": {d.value: n for d, n in DOC_TYPE_NAMES.items()},
        "correct_role": ROLE_NAMES, "resolve_finding": RESOLUTION_NAMES, "decision": OUTCOME_NAMES,
    }.get(action, {})
    return names.get(str(value), str(value))


def query(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v is not None})


@cache
def env() -> Environment:
    e = Environment(loader=PackageLoader("intake", "templates/web"), autoescape=select_autoescape(["html"]))
    e.filters.update(money=money, ru_date=ru_date)
    e.globals.update(
        query=query, value_name=value_name, status_names=STATUS_NAMES, stage_names=STAGE_NAMES,
        severity_names=SEVERITY_NAMES,
        role_names=ROLE_NAMES, mark_names=MARK_NAMES, resolution_names=RESOLUTION_NAMES,
        action_names=ACTION_NAMES,
        cost_names={c.value: n for c, n in COST_TYPE_NAMES.items()},
        doc_names={d.value: n for d, n in DOC_TYPE_NAMES.items()},
        cost_types=[c.value for c in CostType], doc_types=[d.value for d in DocType],
    )
    return e


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page with strict security headers."""
    html = env().get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)
