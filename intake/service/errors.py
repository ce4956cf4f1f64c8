"""Error answers of the API: every error body is `{"code": …, "detail": …}`, `code` machine-readable.

A product error (`intake.errors.IntakeError`) answers its own `http_status` with its `code` and Russian
message (503 answers with `Retry-After`); an HTTP error raised by a route gets the code of its status;
a malformed request is `invalid_request` with FastAPI's list of what is wrong.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from intake.errors import IntakeError

log = logging.getLogger(__name__)

STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_type",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


def error_body(code: str, detail: object) -> dict[str, object]:
    return {"code": code, "detail": jsonable_encoder(detail)}


async def api_http_error(_request: Request, exc: Exception) -> JSONResponse:
    """An `HTTPException` of a route, with the code of its status."""
    assert isinstance(exc, StarletteHTTPException)
    code = STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
    return JSONResponse(error_body(code, exc.detail), status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def _product_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, IntakeError)
    log.warning("request failed: %s: %s", exc.code, exc)
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    return JSONResponse(error_body(exc.code, exc.user_message), status_code=exc.http_status, headers=headers)


async def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse(error_body("invalid_request", exc.errors()), status_code=422)


def install(app: FastAPI) -> None:
    """Register the handlers on `app` (pages register their own HTML answer for HTTP errors on top)."""
    app.add_exception_handler(IntakeError, _product_error)
    app.add_exception_handler(StarletteHTTPException, api_http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
