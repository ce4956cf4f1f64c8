"""Error answers of the JSON API: every error body is `{"code": …, "detail": …}`, `code` machine-readable.

`code` is stable (clients branch on it): a product error (`intake.errors.IntakeError`) answers its own
`http_status` with its own `code` (503 with `Retry-After`); an HTTP error raised by a route gets the code
of its status unless it names one (`ApiError`); a malformed request is `invalid_request` and also carries
`errors`, FastAPI's list of what was wrong where. `detail` is a sentence for people, in Kazakh or Russian
by the page-language cookie or `Accept-Language` (Russian otherwise).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from intake import i18n
from intake.errors import IntakeError
from intake.i18n import N_, Lang

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_request",
    429: "rate_limited", 500: "internal_error", 503: "unavailable",
}


KNOWN_DETAILS = (
    N_("Неверный e-mail или пароль."), N_("Требуется вход: токен отсутствует или истек."),
    N_("Действие доступно только сотрудникам."), N_("Файл не найден в пакете."),
    N_("Файл не читается: изображения страниц нет."), N_("Не удалось построить изображение."),
    N_("Слов страницы нет."), N_("Страница еще не прочитана."),
    N_("База данных временно недоступна; запрос не выполнен. Повторите его через минуту."),
    N_("Хранилище документов временно недоступно. Повторите загрузку через минуту."),
    N_("Доступ запрещен"), N_("Не найдено"), N_("Неверный запрос"), N_("Ошибка"),
)
"""Fixed messages raised across the service, so the catalogues hold their translations."""


def request_lang(request: Request) -> Lang:
    """The language of an API answer: the pages' language cookie, else `Accept-Language`, else Russian."""
    from intake.web.render import LANG_COOKIE

    return (i18n.parse_lang(request.cookies.get(LANG_COOKIE))
            or i18n.negotiate(request.headers.get("accept-language")) or i18n.DEFAULT)


class ErrorOut(BaseModel):
    """Every error answer of the API."""

    code: str
    """Machine-readable: a product error's code (`storage_unavailable`, …) or the status's (`not_found`)."""
    detail: str
    errors: list[dict[str, Any]] | None = None


class ApiError(HTTPException):
    """An HTTP error with its own `code` (otherwise the code follows the status).

    `detail` is a catalogue msgid; with `params` it is a `%(name)s` template, filled after translation.
    """

    def __init__(self, status_code: int, detail: str, code: str,
                 headers: dict[str, str] | None = None, params: dict[str, object] | None = None) -> None:
        super().__init__(status_code, detail % params if params else detail, headers=headers)
        self.code, self.msgid, self.params = code, detail, params


def error_body(status_code: int, detail: Any, code: str | None = None) -> dict[str, Any]:
    return {"code": code or CODES.get(status_code, f"http_{status_code}"), "detail": str(detail)}


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a route: these statuses answer with `ErrorOut`."""
    return {s: {"model": ErrorOut, "description": CODES.get(s, "error")} for s in statuses}


async def json_http_error(request: Request, exc: Exception) -> JSONResponse:
    """An `HTTPException` of a route, with its own code or the code of its status."""
    assert isinstance(exc, StarletteHTTPException)
    params = getattr(exc, "params", None)
    if params:
        detail = i18n.gettext(request_lang(request), exc.msgid) % params  # type: ignore[attr-defined]
    else:
        detail = i18n.gettext(request_lang(request), str(exc.detail))
    body = error_body(exc.status_code, detail, getattr(exc, "code", None))
    return JSONResponse(body, status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def json_product_error(request: Request, exc: Exception) -> JSONResponse:
    """A product error met by a route (an unreachable store, …): its own status, code and message."""
    assert isinstance(exc, IntakeError)
    log.warning("request failed: %s: %s", exc.code, exc)
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    detail = i18n.render(exc.user_text, request_lang(request))
    return JSONResponse(error_body(exc.http_status, detail, exc.code), status_code=exc.http_status,
                        headers=headers)


async def json_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = jsonable_encoder(exc.errors())
    where = "; ".join(".".join(str(p) for p in e.get("loc", ())) for e in errors[:5])
    lang = request_lang(request)
    detail = (i18n.gettext(lang, "Неверный запрос: %(where)s.") % {"where": where} if where
              else i18n.gettext(lang, "Неверный запрос."))
    body = {**error_body(422, detail), "errors": errors}
    return JSONResponse(body, status_code=422)


def install(app: FastAPI) -> None:
    """Register the handlers on `app` (pages register their own HTML answer for HTTP errors on top)."""
    app.add_exception_handler(IntakeError, json_product_error)
    app.add_exception_handler(StarletteHTTPException, json_http_error)
    app.add_exception_handler(RequestValidationError, json_validation_error)
