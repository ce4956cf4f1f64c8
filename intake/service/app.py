"""The FastAPI application: routes, shared context, the embedded worker."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.routing import APIRoute

from intake.service import errors, metrics, openapi, outage
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


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()

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
