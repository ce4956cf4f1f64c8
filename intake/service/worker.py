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
from sqlalchemy.orm import Session

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


def claim(ctx: ServiceContext, package_id: str, me: str) -> bool:
    """Take a package for processing, atomically: one conditional UPDATE, so that of several processes
    (service processes resuming, a service process and a Celery worker, two processes asked to re-check)
    exactly one gets it. A queued package is taken; so is one left `processing` by a process of this
    host that is gone, or without progress for `INTAKE_CLAIM_SECONDS` (its process died elsewhere).
    A package processed by a live worker is not: a re-check asked meanwhile is left to that worker
    (`request_check`, `check_again`)."""
    stale = datetime.now(UTC) - timedelta(seconds=ctx.settings.claim_seconds)
    with ctx.db.session() as s:
        holder = s.scalar(select(Package.claimed_by).where(Package.id == package_id))
        taken_over = or_(Package.updated_at < stale,
                         Package.claimed_by.is_(None) if holder is None else
                         (Package.claimed_by == holder) if _gone(holder, me) else Package.id.is_(None))
        result = s.execute(
            update(Package)
            .where(Package.id == package_id,
                   or_(Package.status == "queued", and_(Package.status == "processing", taken_over)))
            .values(status="processing", stage="files", claimed_by=me, rerun=False,
                    updated_at=datetime.now(UTC))
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)


def request_check(session: Session, package_id: str) -> dict[str, object]:
    """Ask for a package to be checked (again), in the caller's transaction: a package not being
    processed becomes `queued`; one being processed is only marked, and its worker checks it once more
    when the running pass ends — it is never handed to a second worker while the first still runs.
    Returns the columns to restore should the request be withdrawn (the queue refused it)."""
    before = session.execute(select(Package.status, Package.stage, Package.error)
                             .where(Package.id == package_id)).one()
    for _ in range(3):
        now = datetime.now(UTC)
        queued = session.execute(
            update(Package).where(Package.id == package_id, Package.status != "processing")
            .values(status="queued", stage=None, error=None, updated_at=now)
            .execution_options(synchronize_session=False))
        if getattr(queued, "rowcount", 0) == 1:
            return {"status": before.status, "stage": before.stage, "error": before.error}
        marked = session.execute(
            update(Package).where(Package.id == package_id, Package.status == "processing")
            .values(rerun=True).execution_options(synchronize_session=False))
        if getattr(marked, "rowcount", 0) == 1:
            return {"rerun": False}
    raise RuntimeError(f"package {package_id} changes status under a re-check request")


def restore(session: Session, package_id: str, values: dict[str, object]) -> None:
    """Undo `request_check` (its returned values), in the caller's transaction."""
    session.execute(update(Package).where(Package.id == package_id).values(**values)
                    .execution_options(synchronize_session=False))


def check_again(ctx: ServiceContext, package_id: str, me: str) -> bool:
    """After a pass: when a check was asked for while it ran, queue the package again (only the worker
    that held it does); the caller then claims it like any queued package."""
    with ctx.db.session() as s:
        result = s.execute(
            update(Package)
            .where(Package.id == package_id, Package.claimed_by == me, Package.rerun.is_(True))
            .values(status="queued", stage=None, rerun=False, updated_at=datetime.now(UTC))
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)


def run_claimed(ctx: ServiceContext, package_id: str, me: str) -> str:
    """Process a package if this worker can claim it, as many times as checks were asked for while it
    ran; returns the last outcome, or `taken` when another worker holds it."""
    outcome = "taken"
    while claim(ctx, package_id, me):
        outcome = process_package(ctx, package_id)
        if not check_again(ctx, package_id, me):
            return outcome
    if outcome == "taken":
        log.info("package taken by another worker id=%s", package_id)
    return outcome


class InProcessWorker:
    def __init__(self, ctx: ServiceContext, threads: int = 1) -> None:
        self.ctx = ctx
        self.me = worker_id()
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="intake-worker")
        self.pending: dict[str, Future[str]] = {}
        self.again: set[str] = set()
        """Packages submitted while their task runs: claimed again when it ends (queued in between)."""
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
            return run_claimed(self.ctx, package_id, self.me)
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
