"""Celery scale-out: the same `process_package` task on workers of any number of machines.

Used when `INTAKE_BROKER_URL` is set (e.g. `redis://host:6379/0`); start workers with
`celery -A intake.service.tasks worker --concurrency 1`. Tasks are acknowledged late and
rejected when a worker dies, so a package whose worker was killed is delivered again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from celery import Celery
from sqlalchemy import select, update

from intake.db.tables import Package
from intake.service.context import ServiceContext, make_context
from intake.service.worker import run_claimed, worker_id
from intake.settings import Settings

log = logging.getLogger(__name__)


def make_celery(settings: Settings) -> Celery:
    app = Celery("intake", broker=settings.broker_url, backend=None)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue="intake",
        broker_transport_options={"visibility_timeout": settings.task_visibility_seconds},
        broker_connection_retry_on_startup=True,
    )
    return app


app = make_celery(Settings())


@cache
def worker_context() -> ServiceContext:
    """One context per worker process, built from the worker's environment."""
    return make_context(Settings())


@app.task(name="intake.process_package", bind=True, max_retries=5)
def process(self, package_id: str) -> str:  # type: ignore[no-untyped-def]
    """Claimed like the embedded worker's runs: a package another worker is processing is left to it."""
    return run_claimed(worker_context(), package_id, celery_worker_id())


@cache
def celery_worker_id() -> str:
    return worker_id()


@app.task(name="intake.batch_package", bind=True, max_retries=5)
def batch_package(self, job: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    """A package of `intake batch --celery` (the same pipeline code); the outcome goes to its reply list."""
    from intake.batch.remote import reply_failure, run_job

    try:
        ctx = worker_context()
    except Exception as exc:  # e.g. the database not ready yet: try again, finally report the failure
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=2) from exc
        reply_failure(Settings(), job, exc)
        return
    run_job(ctx, job)


def sweep(ctx: ServiceContext, send: Callable[[str], None]) -> int:
    """Send again every package `queued` for over `INTAKE_SWEEP_SECONDS` (its broker message was lost:
    a broker restarted without persistence, a message dropped). Each is first marked atomically, so of
    several service processes sweeping at once only one sends it; returns how many were sent."""
    now = datetime.now(UTC)
    cutoff = now - timedelta(seconds=ctx.settings.sweep_seconds)
    with ctx.db.session() as s:
        ids = list(s.scalars(select(Package.id)
                             .where(Package.status == "queued", Package.updated_at < cutoff)))
    sent = 0
    for package_id in ids:
        with ctx.db.session() as s:
            result = s.execute(update(Package)
                               .where(Package.id == package_id, Package.status == "queued",
                                      Package.updated_at < cutoff)
                               .values(updated_at=now).execution_options(synchronize_session=False))
            mine = getattr(result, "rowcount", 0) == 1
        if mine:
            send(package_id)
            sent += 1
    if sent:
        log.warning("re-sent queued packages whose broker message was lost count=%d", sent)
    return sent


class CeleryDispatcher:
    """The service side: hands packages to Celery instead of the in-process worker, and sweeps the
    packages whose message the broker lost (every `INTAKE_SWEEP_SECONDS` / 4, and at start)."""

    def __init__(self, settings: Settings, ctx: ServiceContext | None = None) -> None:
        self.app = make_celery(settings)
        self.ctx = ctx
        self.stop = threading.Event()
        self.sweeper: threading.Thread | None = None

    def submit(self, package_id: str) -> None:
        self.app.send_task("intake.process_package", args=[package_id])

    def resume(self) -> int:
        """Unfinished work stays in the broker until a worker takes it; lost messages are swept."""
        if self.ctx is None:
            return 0
        ctx = self.ctx

        def loop() -> None:
            while not self.stop.is_set():
                try:
                    sweep(ctx, self.submit)
                except Exception as exc:  # an outage of the database or broker: next round
                    log.warning("sweep failed: %s", type(exc).__name__)
                self.stop.wait(max(1.0, ctx.settings.sweep_seconds / 4))

        self.sweeper = threading.Thread(target=loop, name="intake-sweeper", daemon=True)
        self.sweeper.start()
        return 0

    def shutdown(self) -> None:
        self.stop.set()
        self.app.close()
