"""Celery workers: the tasks that the service's and the batch's Celery executors send.

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
from intake.service.worker import PROCESS_TASK, run_claimed, worker_id
from intake.settings import load_settings

log = logging.getLogger(__name__)


settings = load_settings()
"""The worker's settings, read once from its environment."""
app = make_celery(settings)


@cache
def worker_context() -> ServiceContext:
    """One context per worker process (database, object store, run context), built on first use."""
    return make_context(settings)


@app.task(name=PROCESS_TASK, bind=True, max_retries=5)
def process(self, package_id: str) -> str:  # type: ignore[no-untyped-def]
    """Claimed like the embedded worker's runs: a package another worker is processing is left to it."""
    return run_claimed(worker_context(), package_id, celery_worker_id())


@cache
def celery_worker_id() -> str:
    return worker_id()


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


@app.task(name="intake.refresh_rates")
def refresh_rates_task() -> dict[str, int]:
    """Daily (Celery beat, 18:30 Astana time, after the National Bank sets the next day's rates): the last
    week's missing days into the rates store. Start beat with `celery -A intake.service.tasks beat`."""
    from intake.service.rates_job import refresh_rates

    result = refresh_rates(settings)
    return {"written": len(result.written), "failed": len(result.failed)}

