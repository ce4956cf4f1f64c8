"""The embedded worker: packages processed in background threads of the service process.

Queued work lives in the database (status `queued`), so a restart loses nothing: on start, every
package left `queued` or `processing` is picked up again.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

from sqlalchemy import select

from intake.db.tables import Package
from intake.service.context import ServiceContext
from intake.service.processing import process_package

log = logging.getLogger(__name__)


class Dispatcher(Protocol):
    """Where uploads are handed for processing: the embedded worker or Celery."""

    def submit(self, package_id: str) -> None: ...

    def resume(self) -> int: ...

    def shutdown(self) -> None: ...


class InProcessWorker:
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

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
