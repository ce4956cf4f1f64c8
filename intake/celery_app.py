"""The Celery application's configuration, defined once for the workers, the service and `batch --celery`.

Tasks are acknowledged late and rejected when a worker dies, so a package whose worker was killed is
delivered again; a worker takes one task at a time.
"""

from __future__ import annotations

from celery import Celery
from celery.schedules import crontab

from intake.settings import Settings


def make_celery(settings: Settings) -> Celery:
    """A Celery app on `settings.broker_url`; workers register the tasks (`intake.service.tasks`)."""
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
            # 18:30 Astana time, after the National Bank sets the next day's rates (`intake.refresh_rates`)
            "nbk-rates-daily": {"task": "intake.refresh_rates", "schedule": crontab(hour=18, minute=30)},
        },
    )
    return app
