"""The FastAPI application: routes, shared context, the embedded worker."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from intake.service import outage
from intake.service.bodylimit import BodyLimit
from intake.service.context import make_context
from intake.service.review import install_reapply_hook
from intake.service.routes import auth, packages, pages, review, words
from intake.service.worker import Dispatcher, InProcessWorker
from intake.settings import Settings
from intake.storage import StorageUnavailable
from intake.web.setup import install as install_pages

log = logging.getLogger(__name__)


class WithoutQuery(logging.Filter):
    """Access log lines name the path only: query strings carry file names, and so BINs."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def _quiet_access_log() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, WithoutQuery) for f in access.filters):
        access.addFilter(WithoutQuery())


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    _quiet_access_log()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx = make_context(settings)
        settings.signing_key()
        worker: Dispatcher
        if settings.broker_url:
            from intake.service.tasks import CeleryDispatcher

            worker = CeleryDispatcher(settings, ctx)
        else:
            worker = InProcessWorker(ctx, threads=settings.processing_threads)
        app.state.ctx, app.state.worker = ctx, worker
        worker.resume()
        log.info("service started db=%s storage=%s", settings.db_url.split("@")[-1],
                 type(ctx.storage).__name__)
        try:
            yield
        finally:
            worker.shutdown()
            ctx.db.dispose()

    app = FastAPI(
        title="intake",
        version="0.1.0",
        description="Completeness checks of reimbursement application packages (Order 308 / 442).",
        lifespan=lifespan,
    )
    @app.exception_handler(StorageUnavailable)
    async def storage_down(_request: Request, exc: StorageUnavailable) -> JSONResponse:
        """Any route that meets an unreachable object store: 503, retry later; nothing was acknowledged."""
        log.warning("storage unavailable: %s", exc)
        return JSONResponse({"detail": exc.user_message}, status_code=503, headers={"Retry-After": "30"})

    app.add_middleware(BodyLimit, settings=settings)
    outage.install(app)
    app.include_router(auth.router)
    app.include_router(packages.router)
    app.include_router(pages.router)
    app.include_router(words.router)
    app.include_router(review.router)
    install_pages(app)
    install_reapply_hook()
    return app
