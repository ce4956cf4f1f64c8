"""Request bodies bounded before any route reads them, and uploads refused unauthenticated.

A pure ASGI middleware: the upload routes (`POST /packages`, `POST /packages/{id}/files`) take at most
the package limit plus 1 MB of form overhead (room for any one file or ZIP archive, whose own limits the
route applies while reading it) and a bounded number of form parts, and only from a caller
with a valid token (bearer or session cookie) that was not signed out — checked on the headers, before
a byte of the body is read; every other route takes at most `INTAKE_MAX_BODY_KB`. A declared
`Content-Length` over the limit is refused at once; a body that grows past it while streamed (chunked)
is cut off with 413.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool

from intake.db.session import Database
from intake.db.tables import RevokedToken
from intake.service.outage import DATABASE_DOWN, unreachable
from intake.service.security import token_claims
from intake.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger(__name__)
UPLOAD_PATHS = re.compile(r"^/packages(?:/[^/]+/files)?/?$")
FORM_OVERHEAD = 1024 * 1024
EXTRA_PARTS = 16
"""Form fields besides the files (cost type, date, BIN…)."""
TOO_LARGE = "Запрос слишком велик."
TOO_MANY_PARTS = "В запросе слишком много частей формы."
UNAUTHENTICATED = "Требуется вход: токен отсутствует или истек."


class BodyTooLarge(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BodyLimit:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        upload = scope["method"] == "POST" and bool(UPLOAD_PATHS.match(scope["path"]))
        s = self.settings
        limit = s.max_package_mb * 1024 * 1024 + FORM_OVERHEAD if upload else s.max_body_kb * 1024
        if upload:
            try:
                known = await _authenticated(scope, headers, s)
            except DBAPIError as exc:  # the revocation list is unreadable: as every route then, 503
                if not unreachable(exc):
                    raise
                log.warning("database unavailable: %s", type(exc.orig or exc).__name__)
                await _answer(send, 503, DATABASE_DOWN, {"Retry-After": "30", "Connection": "close"})
                return
            if not known:
                await _answer(send, 401, UNAUTHENTICATED, {"WWW-Authenticate": "Bearer"})
                return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _answer(send, 413, TOO_LARGE, {"Connection": "close"})
            return
        boundary = _boundary(headers.get("content-type", "")) if upload else None
        counter = _Counter(limit, boundary, s.max_files + EXTRA_PARTS)
        state: dict[str, str | bool | None] = {"refused": None, "started": False}

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                try:
                    counter.feed(message.get("body", b""))
                except BodyTooLarge as exc:
                    state["refused"] = exc.message
                    raise
            return message

        async def guarded_send(message: Message) -> None:
            if state["refused"] is not None:
                if message["type"] == "http.response.start" and not state["started"]:
                    state["started"] = True
                    await _answer(send, 413, str(state["refused"]), {"Connection": "close"})
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except BodyTooLarge:
            if not state["started"]:
                state["started"] = True
                await _answer(send, 413, str(state["refused"]), {"Connection": "close"})


class _Counter:
    """Bytes of a streamed body and, for a multipart form, its parts (boundary lines)."""

    def __init__(self, limit: int, boundary: bytes | None, max_parts: int) -> None:
        self.limit, self.boundary, self.max_parts = limit, boundary, max_parts
        self.size = self.parts = 0
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise BodyTooLarge(TOO_LARGE)
        if self.boundary is None or not chunk:
            return
        window = self.tail + chunk
        self.parts += window.count(self.boundary)
        keep = len(self.boundary) - 1  # shorter than a delimiter: one split across chunks counts once
        self.tail = window[-keep:] if keep else b""
        if self.parts > self.max_parts + 1:  # n parts have n + 1 delimiters (the closing one)
            raise BodyTooLarge(TOO_MANY_PARTS)


def _boundary(content_type: str) -> bytes | None:
    m = re.search(r'boundary="?([^";]+)"?', content_type)
    return b"--" + m.group(1).encode("latin-1") if m else None


async def _authenticated(scope: Scope, headers: dict[str, str], settings: Settings) -> bool:
    """A token (bearer or session cookie) that is signed, unexpired and not signed out — the last by
    one primary-key lookup in `revoked_tokens`, off the event loop."""
    auth = headers.get("authorization", "")
    token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
    if not token and "cookie" in headers:
        from intake.service.deps import SESSION_COOKIE

        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(headers["cookie"])
        except Exception:
            return False
        morsel = jar.get(SESSION_COOKIE)
        token = morsel.value if morsel else None
    claims = token_claims(token, settings.signing_key()) if token else None
    if claims is None:
        return False
    ctx = getattr(getattr(scope.get("app"), "state", None), "ctx", None)
    if ctx is None:  # no service context (the app not started): the route's own check decides
        return True
    return not await run_in_threadpool(_revoked, ctx.db, claims.token_id)


def _revoked(db: Database, token_id: str) -> bool:
    with db.session() as session:
        return session.get(RevokedToken, token_id) is not None


async def _answer(send: Send, code: int, detail: str, headers: dict[str, str]) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": code, "headers": raw})
    await send({"type": "http.response.body", "body": body})
