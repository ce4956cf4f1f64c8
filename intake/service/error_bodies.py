"""Error bodies of the JSON API: `{"code": …, "detail": …}` with a machine-readable `code`.

`code` is stable (clients branch on it); `detail` is a sentence for people. Validation errors also
carry `errors`, FastAPI's list of what was wrong where.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_request",
    429: "rate_limited", 500: "internal_error", 503: "unavailable",
}


class ErrorOut(BaseModel):
    """Every error answer of the API."""

    code: str
    detail: str
    errors: list[dict[str, Any]] | None = None


class ApiError(HTTPException):
    """An HTTP error with its own `code` (otherwise the code follows the status)."""

    def __init__(self, status_code: int, detail: str, code: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code, detail, headers=headers)
        self.code = code


def error_body(status_code: int, detail: Any, code: str | None = None) -> dict[str, Any]:
    return {"code": code or CODES.get(status_code, "error"), "detail": str(detail)}


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a route: these statuses answer with `ErrorOut`."""
    return {s: {"model": ErrorOut, "description": CODES.get(s, "error")} for s in statuses}


async def json_http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    body = error_body(exc.status_code, exc.detail, getattr(exc, "code", None))
    return JSONResponse(body, status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def json_validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = jsonable_encoder(exc.errors())
    where = "; ".join(".".join(str(p) for p in e.get("loc", ())) for e in errors[:5])
    body = {**error_body(422, f"Неверный запрос: {where}." if where else "Неверный запрос."),
            "errors": errors}
    return JSONResponse(body, status_code=422)
