"""Celery scale-out: the same `process_package` task on workers of any number of machines.

Used when `INTAKE_BROKER_URL` is set (e.g. `redis://host:6379/0`); start workers with
`celery -A intake.service.tasks worker --concurrency 1`. Tasks are acknowledged late and
rejected when a worker dies, so a package whose worker was killed is delivered again.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from intake.batch.remote import reply_failure, run_job
from intake.celery_app import make_celery
from intake.service.context import ServiceContext, make_context
from intake.service.processing import process_package
from intake.settings import Settings, load_settings

log = logging.getLogger(__name__)


settings = load_settings()
"""The worker's settings, read once from its environment."""
app = make_celery(settings)


@cache
def worker_context() -> ServiceContext:
    """One context per worker process (database, object store, run context), built on first use."""
    return make_context(settings)


@app.task(name="intake.process_package", bind=True, max_retries=5)
def process(self, package_id: str) -> str:  # type: ignore[no-untyped-def]
    return process_package(worker_context(), package_id)


@app.task(name="intake.batch_package", bind=True, max_retries=5)
def batch_package(self, job: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    """A package of `intake batch --celery` (the same pipeline code); the outcome goes to its reply list."""
    try:
        ctx = worker_context()
    except Exception as exc:  # e.g. the database not ready yet: try again, finally report the failure
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=2) from exc
        reply_failure(settings, job, exc)
        return
    run_job(ctx, job)


class CeleryDispatcher:
    """The service side: hands packages to Celery instead of the in-process worker."""

    def __init__(self, settings: Settings) -> None:
        self.app = make_celery(settings)

    def submit(self, package_id: str) -> None:
        self.app.send_task("intake.process_package", args=[package_id])

    def resume(self) -> int:
        return 0  # unfinished work stays in the broker until a worker takes it

    def shutdown(self) -> None:
        self.app.close()
