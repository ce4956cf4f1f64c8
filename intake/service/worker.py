"""The service's executors: packages processed in threads of the service process, or by Celery workers.

Queued work lives in the database (status `queued`), so a restart loses nothing: on start, the
in-process executor picks up again every package left `queued` or `processing`; with Celery, unfinished
work stays in the broker until a worker takes it. Either way the work (`processing.process_package`)
saves the report and the package's status itself.
"""

from __future__ import annotations

import logging
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import select

from intake.celery_app import make_celery
from intake.db.tables import Package
from intake.executors import Executor
from intake.service.context import ServiceContext
from intake.service.processing import process_package
from intake.settings import Settings

log = logging.getLogger(__name__)

PackageExecutor = Executor[str, str]
"""What the service hands uploads to: a stored package's id in, its final status out."""
PROCESS_TASK = "intake.process_package"


class InProcessExecutor:
    """`threads` background threads of the service; a package asked for while it runs is checked once
    more when the running pass ends."""

    def __init__(self, ctx: ServiceContext, threads: int = 1) -> None:
        self.ctx = ctx
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="intake-worker")
        self.pending: dict[str, Future[str]] = {}
        self.again: set[str] = set()
        """Packages asked for while running: checked once more when the running pass ends."""
        self.lock = threading.Lock()

    def submit(self, package_id: str) -> None:
        with self.lock:
            running = self.pending.get(package_id)
            if running is not None and not running.done():
                self.again.add(package_id)
                return
            self.pending[package_id] = self.pool.submit(self._run, package_id)

    def _run(self, package_id: str) -> str:
        try:
            return process_package(self.ctx, package_id)
        except Exception:  # the task records failures itself; this guards the pool
            log.exception("worker crashed on package id=%s", package_id)
            return "failed"
        finally:
            with self.lock:
                rerun = package_id in self.again
                self.again.discard(package_id)
                if rerun:
                    self.pending[package_id] = self.pool.submit(self._run, package_id)

    def room(self) -> int:
        return sys.maxsize  # the database is the queue; the threads take packages in turn

    def busy(self) -> bool:
        with self.lock:
            return any(not f.done() for f in self.pending.values())

    def collect(self) -> list[tuple[str, str]]:
        """Final statuses of the packages finished since the last call."""
        with self.lock:
            done = [(pid, f) for pid, f in self.pending.items() if f.done() and not f.cancelled()]
            for pid, _ in done:
                del self.pending[pid]
        return [(pid, f.result()) for pid, f in done]

    def resume(self) -> int:
        """Queue again every package a previous run left unfinished."""
        with self.ctx.db.session() as s:
            ids = list(s.scalars(select(Package.id).where(Package.status.in_(("queued", "processing")))
                                 .order_by(Package.created_at)))
        for package_id in ids:
            self.submit(package_id)
        if ids:
            log.info("resumed unfinished packages count=%d", len(ids))
        return len(ids)

    def stop(self) -> None:
        """Packages not started stay `queued` in the database and are resumed on the next start."""
        self.pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class CeleryExecutor:
    """Hands packages to the Celery workers (`intake.service.tasks`), which save the reports."""

    def __init__(self, settings: Settings) -> None:
        self.app = make_celery(settings)

    def submit(self, package_id: str) -> None:
        self.app.send_task(PROCESS_TASK, args=[package_id])

    def room(self) -> int:
        return sys.maxsize  # the broker is the queue

    def busy(self) -> bool:
        return False  # nothing comes back here: the workers save the status and the report

    def collect(self) -> list[tuple[str, str]]:
        return []

    def resume(self) -> int:
        return 0  # unfinished work stays in the broker until a worker takes it

    def stop(self) -> None:
        """Packages already sent stay with the workers."""

    def close(self) -> None:
        self.app.close()


def make_executor(ctx: ServiceContext) -> PackageExecutor:
    """Celery when `INTAKE_BROKER_URL` is set, else threads of this process."""
    if ctx.settings.broker_url:
        return CeleryExecutor(ctx.settings)
    return InProcessExecutor(ctx, threads=ctx.settings.processing_threads)
