"""Mount the pages on the service: routers, vendored static files, HTML error pages."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from intake.service.errors import api_http_error
from intake.web import applicant, officer, session
from intake.web.render import page

PAGE_PREFIXES = ("/app/", "/review/", "/view/")
TITLES = {403: "Доступ запрещен", 404: "Не найдено", 422: "Неверный запрос"}


async def _http_error(request: Request, exc: Exception) -> Response:
    """Pages get an HTML error page (redirects pass through); the API keeps its JSON errors."""
    assert isinstance(exc, StarletteHTTPException)
    if not request.url.path.startswith(PAGE_PREFIXES) or exc.status_code in (301, 302, 303, 307):
        return await api_http_error(request, exc)
    return page(request, "error.html", status_code=exc.status_code,
                title=TITLES.get(exc.status_code, "Ошибка"), detail=str(exc.detail), user=None)


def install(app: FastAPI) -> None:
    """Add the browser pages and their static assets to the service `app`."""
    static = resources.files("intake") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(session.router)
    app.include_router(applicant.router)
    app.include_router(officer.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
