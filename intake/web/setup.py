"""Mount the pages on the service: routers, vendored static files, HTML error pages."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from intake.i18n import N_
from intake.service.errors import json_http_error
from intake.web import applicant, officer, operator, session
from intake.web.render import page

PAGE_PREFIXES = ("/app/", "/review/", "/view/", "/ops/", "/account/")
TITLES = {403: N_("Доступ запрещен"), 404: N_("Не найдено"), 422: N_("Неверный запрос")}


async def _http_error(request: Request, exc: Exception) -> Response:
    """Pages get an HTML error page (redirects pass through); the API keeps its JSON errors."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code in (301, 302, 303, 307):
        return await http_exception_handler(request, exc)
    if not request.url.path.startswith(PAGE_PREFIXES):
        return await json_http_error(request, exc)
    return page(request, "error.html", status_code=exc.status_code,
                title=TITLES.get(exc.status_code, N_("Ошибка")), detail=str(exc.detail), user=None)


def install(app: FastAPI) -> None:
    """Add the browser pages and their static assets to the service `app`."""
    static = resources.files("intake") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(session.router)
    app.include_router(applicant.router)
    app.include_router(officer.router)
    app.include_router(operator.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
