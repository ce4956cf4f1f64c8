"""The embedded worker: packages processed in background threads of the service process.

Queued work lives in the database (status `queued`), so a restart loses nothing: on start, every
package left `queued` or `processing` is picked up again.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import and_, or_, select, update

from intake.db.tables import Package
from intake.service.context import ServiceContext
from intake.service.processing import process_package

log = logging.getLogger(__name__)


class Dispatcher(Protocol):
    """Where uploads are handed for processing: the embedded worker or Celery."""

    def submit(self, package_id: str) -> None: ...

    def resume(self) -> int: ...

    def shutdown(self) -> None: ...


HOST = socket.gethostname()[:40]


LIVE: set[str] = set()
"""Worker instances of this process that have not been shut down."""


def worker_id() -> str:
    """A new worker instance's name as holder of claimed packages: host, process id, instance."""
    me = f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    LIVE.add(me)
    return me


def _gone(holder: str | None, me: str) -> bool:
    """No holder recorded, an earlier worker of this very process, or a process of this host that no
    longer runs."""
    if not holder:
        return True
    host, pid = [*holder.split(":"), ""][:2]
    if host != HOST or not pid.isdigit() or holder == me:
        return False
    if int(pid) == os.getpid():
        return holder not in LIVE  # a worker of this process that was shut down (restarted in place)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def claim(ctx: ServiceContext, package_id: str, me: str, *, rerun: bool = False) -> bool:
    """Take a package for processing, atomically: one conditional UPDATE, so that of several service
    processes resuming the same package exactly one gets it. A queued package is taken; so is one left
    `processing` by a process of this host that is gone, or without progress for
    `INTAKE_CLAIM_SECONDS` (its process died elsewhere). `rerun`: this process ran it and was asked for
    it again meanwhile (its status may already say done)."""
    stale = datetime.now(UTC) - timedelta(seconds=ctx.settings.claim_seconds)
    free = Package.status != "processing" if rerun else Package.status == "queued"
    with ctx.db.session() as s:
        holder = s.scalar(select(Package.claimed_by).where(Package.id == package_id))
        taken_over = or_(Package.updated_at < stale,
                         Package.claimed_by.is_(None) if holder is None else
                         (Package.claimed_by == holder) if _gone(holder, me) else Package.id.is_(None))
        result = s.execute(
            update(Package)
            .where(Package.id == package_id, or_(free, and_(Package.status == "processing", taken_over)))
            .values(status="processing", stage="files", claimed_by=me, updated_at=datetime.now(UTC))
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)


class InProcessWorker:
    def __init__(self, ctx: ServiceContext, threads: int = 1) -> None:
        self.ctx = ctx
        self.me = worker_id()
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

    def _run(self, package_id: str, rerun: bool = False) -> str:
        if not claim(self.ctx, package_id, self.me, rerun=rerun):
            log.info("package taken by another worker id=%s", package_id)
            return "taken"
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
                    self.pending[package_id] = self.pool.submit(self._run, package_id, True)

    def resume(self) -> int:
        """Queue again every package a previous run left unfinished (each is claimed before it runs:
        a package another live process is reading stays with it)."""
        with self.ctx.db.session() as s:
            ids = list(s.scalars(select(Package.id).where(Package.status.in_(("queued", "processing")))
                                 .order_by(Package.created_at)))
        for package_id in ids:
            self.submit(package_id)
        if ids:
            log.info("resumed unfinished packages count=%d", len(ids))
        return len(ids)

    def shutdown(self) -> None:
        LIVE.discard(self.me)
        self.pool.shutdown(wait=False, cancel_futures=True)
