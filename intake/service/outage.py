"""An unreachable database answers 503 with Retry-After (like an unreachable object store), never 500.

Nothing is acknowledged when the database cannot be written: the upload, re-check or correction is
simply to be sent again. The log line names the error's kind only (driver messages carry SQL
statements and their parameters, which may hold personal data).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

log = logging.getLogger(__name__)
DATABASE_DOWN = "База данных временно недоступна; запрос не выполнен. Повторите его через минуту."


def unreachable(exc: Exception) -> bool:
    return isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DBAPIError) and bool(exc.connection_invalidated))


def install(app: FastAPI) -> None:
    """Register the handler on `app`."""

    @app.exception_handler(DBAPIError)
    async def database_down(_request: Request, exc: DBAPIError) -> JSONResponse:
        if not unreachable(exc):
            raise exc
        log.warning("database unavailable: %s", type(exc.orig).__name__ if exc.orig else type(exc).__name__)
        return JSONResponse({"code": "database_unavailable", "detail": DATABASE_DOWN}, status_code=503,
                            headers={"Retry-After": "30"})
