"""The FastAPI application: routes, shared context, the embedded worker."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.routing import APIRoute

from intake.service import errors, metrics, openapi, outage
from intake.service.bodylimit import BodyLimit
from intake.service.context import make_context
from intake.service.rates_job import DailyRates
from intake.service.routes import auth, health, officer_tools, packages, pages, review, words
from intake.service.worker import make_executor
from intake.settings import Settings, load_settings
from intake.web.setup import install as install_pages

log = logging.getLogger(__name__)


def operation_id(route: APIRoute) -> str:
    """OpenAPI operation ids are the route functions' names (`create_package`, `get_report`…)."""
    return route.name


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
    settings = settings or load_settings()
    _quiet_access_log()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx = make_context(settings)
        settings.signing_key()
        worker = make_executor(ctx)
        rates = None
        if not settings.broker_url and settings.nbk_rates_url:
            rates = DailyRates(settings)  # without Celery beat the service keeps the NBK rates itself
            rates.start()
        app.state.ctx, app.state.worker = ctx, worker
        app.state.metrics = metrics.registry_for(ctx.db)
        worker.resume()
        log.info("service started db=%s storage=%s", settings.db_url.split("@")[-1],
                 type(ctx.storage).__name__)
        try:
            yield
        finally:
            if rates is not None:
                rates.shutdown()
            worker.close()
            ctx.db.dispose()

    app = FastAPI(
        title="intake",
        version="0.1.0",
        description="Completeness checks of reimbursement application packages (Order 308 / 442).",
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    errors.install(app)  # an unreachable object store too: 503 with Retry-After, nothing acknowledged
    app.add_middleware(BodyLimit, settings=settings)
    outage.install(app)
    app.include_router(auth.router)
    app.include_router(packages.router)
    app.include_router(pages.router)
    app.include_router(words.router)
    app.include_router(review.router)
    app.include_router(officer_tools.router)
    app.include_router(health.router)
    install_pages(app)
    openapi.install(app)
    return app
