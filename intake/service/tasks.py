"""Celery scale-out: the same `process_package` task on workers of any number of machines.

Used when `INTAKE_BROKER_URL` is set (e.g. `redis://host:6379/0`); start workers with
`celery -A intake.service.tasks worker --concurrency 1`. Tasks are acknowledged late and
rejected when a worker dies, so a package whose worker was killed is delivered again.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from celery import Celery
from celery.schedules import crontab

from intake.service.context import ServiceContext, make_context
from intake.service.processing import process_package
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
        timezone="Asia/Almaty",
        beat_schedule={
            "nbk-rates-daily": {"task": "intake.refresh_rates", "schedule": crontab(hour=18, minute=30)},
        },
    )
    return app


app = make_celery(Settings())


@cache
def worker_context() -> ServiceContext:
    """One context per worker process, built from the worker's environment."""
    return make_context(Settings())


@app.task(name="intake.process_package", bind=True, max_retries=5)
def process(self, package_id: str) -> str:  # type: ignore[no-untyped-def]
    return process_package(worker_context(), package_id)


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


@app.task(name="intake.refresh_rates")
def refresh_rates_task() -> dict[str, int]:
    """Daily (Celery beat, 18:30 Astana time, after the National Bank sets the next day's rates): the last
    week's missing days into the rates store. Start beat with `celery -A intake.service.tasks beat`."""
    from intake.service.rates_job import refresh_rates

    result = refresh_rates(Settings())
    return {"written": len(result.written), "failed": len(result.failed)}


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
