"""Liveness, readiness and metrics for operators and orchestrators (no sign-in; nothing private)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from intake.service import metrics
from intake.service.deps import ContextDep
from intake.storage import StorageUnavailable

log = logging.getLogger(__name__)
router = APIRouter(tags=["operations"])
PROBE_KEY = "0" * 64
"""A key no object has: asking the store whether it exists proves the store answers."""


class Check(BaseModel):
    name: Literal["database", "store", "broker"]
    ok: bool
    detail: str


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    checks: list[Check] = []


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process answers (liveness)."""
    return Health(status="ok")


def _writable(path: Path) -> bool:
    """The directory, or the nearest existing folder it will be made in, takes new files."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path.is_dir() and os.access(path, os.W_OK)


def _checks(ctx: ContextDep) -> list[Check]:
    out = []
    try:
        with ctx.db.session() as s:
            s.execute(text("SELECT 1"))
        out.append(Check(name="database", ok=True, detail="ok"))
    except Exception as exc:
        out.append(Check(name="database", ok=False, detail=type(exc).__name__))
    try:
        root = getattr(ctx.storage, "root", None)
        if root is not None and not _writable(Path(root)):
            raise StorageUnavailable(f"local store {root} is not a writable directory")
        ctx.storage.exists(PROBE_KEY)
        out.append(Check(name="store", ok=True, detail=type(ctx.storage).__name__))
    except Exception as exc:
        out.append(Check(name="store", ok=False, detail=type(exc).__name__))
    url = ctx.settings.broker_url
    if url:
        try:
            import redis

            client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
            try:
                client.ping()
            finally:
                client.close()
            out.append(Check(name="broker", ok=True, detail="redis"))
        except Exception as exc:
            out.append(Check(name="broker", ok=False, detail=type(exc).__name__))
    else:
        out.append(Check(name="broker", ok=True, detail="in-process worker"))
    return out


@router.get("/readyz", response_model=Health, responses={503: {"model": Health}})
def readyz(ctx: ContextDep) -> Response:
    """The database, the object store and the broker (when configured) answer: 200, else 503."""
    checks = _checks(ctx)
    ok = all(c.ok for c in checks)
    if not ok:
        log.warning("not ready: %s", ", ".join(f"{c.name}={c.detail}" for c in checks if not c.ok))
    body = Health(status="ok" if ok else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


@router.get("/metrics", responses={200: {"content": {"text/plain": {}}}})
def prometheus(request: Request) -> Response:
    """Prometheus metrics: pages read and per second, queue length, packages processed and failed."""
    return Response(metrics.render(request.app.state.metrics),
                    media_type="text/plain; version=0.0.4; charset=utf-8")
