"""The service's executors: packages processed in threads of the service process, or by Celery workers.

Queued work lives in the database (status `queued`), so a restart loses nothing: on start, the
in-process executor picks up again every package left `queued` or `processing`; with Celery, unfinished
work stays in the broker until a worker takes it. Either way the work (`processing.process_package`)
saves the report and the package's status itself.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

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


def restore(session: Session, package_id: str, values: dict[str, object]) -> bool:
    """Undo `request_check` (its returned values), in the caller's transaction. A status is put back
    only while the package is still `queued`: a worker that got the message although the send reported
    a failure (a timeout after the broker took it) and claimed the package keeps it — returns False then
    (the request is under way and nothing is undone), so the package never looks checked while it runs
    (a re-check would then start a second run)."""
    q = update(Package).where(Package.id == package_id)
    if "status" in values:
        q = q.where(Package.status == "queued")
    result = session.execute(q.values(**values).execution_options(synchronize_session=False))
    return bool(getattr(result, "rowcount", 0) == 1)


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


def sweep(ctx: ServiceContext, send: Callable[[str], None]) -> int:
    """Send again every package `queued` for over `INTAKE_SWEEP_SECONDS` (its broker message was lost:
    a broker restarted without persistence, a message dropped), and every package left `processing`
    without progress for over `INTAKE_CLAIM_SECONDS` (its worker died on another host, with a re-check
    perhaps asked meanwhile): that one is put back to `queued`. Each is first changed atomically (one
    conditional UPDATE), so of several service processes sweeping at once only one sends it; returns how
    many were sent."""
    now = datetime.now(UTC)
    lost = and_(Package.status == "queued",
                Package.updated_at < now - timedelta(seconds=ctx.settings.sweep_seconds))
    stale = and_(Package.status == "processing",
                 Package.updated_at < now - timedelta(seconds=ctx.settings.claim_seconds))
    with ctx.db.session() as s:
        ids = list(s.execute(select(Package.id, Package.status).where(or_(lost, stale))
                             .order_by(Package.created_at)))
    sent = 0
    for package_id, status in ids:
        with ctx.db.session() as s:
            values: dict[str, object] = {"updated_at": now}
            if status == "processing":
                values |= {"status": "queued", "stage": None, "rerun": False}
            result = s.execute(update(Package)
                               .where(Package.id == package_id, lost if status == "queued" else stale)
                               .values(**values).execution_options(synchronize_session=False))
            mine = getattr(result, "rowcount", 0) == 1
        if mine:
            if status == "processing":
                log.warning("package left processing by a gone worker queued again id=%s", package_id)
            send(package_id)
            sent += 1
    if sent:
        log.warning("re-sent packages whose message or worker was lost count=%d", sent)
    return sent


def sweeping(ctx: ServiceContext, send: Callable[[str], None], halt: threading.Event,
             first: bool) -> threading.Thread:
    """A thread that sweeps (`sweep`) every `INTAKE_SWEEP_SECONDS` / 4 until `halt` is set (at once
    too when `first`); an outage of the database or the broker only skips a round."""

    def loop() -> None:
        if not first:
            halt.wait(max(1.0, ctx.settings.sweep_seconds / 4))
        while not halt.is_set():
            try:
                sweep(ctx, send)
            except Exception as exc:
                log.warning("sweep failed: %s", type(exc).__name__)
            halt.wait(max(1.0, ctx.settings.sweep_seconds / 4))

    thread = threading.Thread(target=loop, name="intake-sweeper", daemon=True)
    thread.start()
    return thread


def claim_checked(ctx: ServiceContext, package_id: str, me: str) -> str | None:
    """Take a checked package (`done` or `failed`) for a check outside the service's queue (`intake
    batch --stored`), atomically like `claim`: it becomes `processing`, held by `me`, so no worker of
    the service starts it (a re-check asked meanwhile is only marked, `request_check`). Returns the
    status it had (to restore, `release`), or None when the service holds it or has it queued."""
    with ctx.db.session() as s:
        status = s.scalar(select(Package.status).where(Package.id == package_id))
        if status not in ("done", "failed"):
            return None
        result = s.execute(
            update(Package).where(Package.id == package_id, Package.status == status)
            .values(status="processing", stage="files", claimed_by=me, rerun=False,
                    updated_at=datetime.now(UTC))
            .execution_options(synchronize_session=False))
        return status if getattr(result, "rowcount", 0) == 1 else None


def release(ctx: ServiceContext, package_id: str, me: str, status: str) -> bool:
    """Give up a claim taken with `claim_checked`, the package unchanged: it gets its `status` back, or
    `queued` when a check was asked for while it was held (True then: the caller should send it)."""
    with ctx.db.session() as s:
        held = and_(Package.id == package_id, Package.claimed_by == me, Package.status == "processing")
        queued = s.execute(update(Package).where(held, Package.rerun.is_(True))
                           .values(status="queued", stage=None, rerun=False, claimed_by=None,
                                   updated_at=datetime.now(UTC))
                           .execution_options(synchronize_session=False))
        if getattr(queued, "rowcount", 0) == 1:
            return True
        s.execute(update(Package).where(held).values(status=status, stage=None, claimed_by=None)
                  .execution_options(synchronize_session=False))
        return False


class InProcessExecutor:
    """`threads` background threads of the service; a package asked for while it runs is checked once
    more when the running pass ends."""

    def __init__(self, ctx: ServiceContext, threads: int = 1) -> None:
        self.ctx = ctx
        self.me = worker_id()
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="intake-worker")
        self.pending: dict[str, Future[str]] = {}
        self.again: set[str] = set()
        """Packages asked for while running: checked once more when the running pass ends."""
        self.lock = threading.Lock()
        self.halt = threading.Event()

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
        """Queue again every package a previous run left unfinished (each is claimed before it runs:
        a package another live process is reading stays with it)."""
        with self.ctx.db.session() as s:
            ids = list(s.scalars(select(Package.id).where(Package.status.in_(("queued", "processing")))
                                 .order_by(Package.created_at)))
        for package_id in ids:
            self.submit(package_id)
        if ids:
            log.info("resumed unfinished packages count=%d", len(ids))
        sweeping(self.ctx, self.submit, self.halt, first=False)  # e.g. queued by a stored batch
        return len(ids)

    def stop(self) -> None:
        """Packages not started stay `queued` in the database and are resumed on the next start."""
        self.halt.set()
        LIVE.discard(self.me)
        self.pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self.stop()


class CeleryExecutor:
    """Hands packages to the Celery workers (`intake.service.tasks`), which save the reports, and sweeps
    the packages whose message the broker lost (at start, then every `INTAKE_SWEEP_SECONDS` / 4)."""

    def __init__(self, settings: Settings, ctx: ServiceContext | None = None) -> None:
        self.app = make_celery(settings)
        self.ctx = ctx
        self.halt = threading.Event()
        self.sweeper: threading.Thread | None = None

    def submit(self, package_id: str) -> None:
        self.app.send_task(PROCESS_TASK, args=[package_id])

    def room(self) -> int:
        return sys.maxsize  # the broker is the queue

    def busy(self) -> bool:
        return False  # nothing comes back here: the workers save the status and the report

    def collect(self) -> list[tuple[str, str]]:
        return []

    def resume(self) -> int:
        """Unfinished work stays in the broker until a worker takes it; lost messages are swept."""
        if self.ctx is None:
            return 0
        self.sweeper = sweeping(self.ctx, self.submit, self.halt, first=True)
        return 0

    def stop(self) -> None:
        """Packages already sent stay with the workers; the sweeper ends."""
        self.halt.set()

    def close(self) -> None:
        self.halt.set()
        self.app.close()


def make_executor(ctx: ServiceContext) -> PackageExecutor:
    """Celery when `INTAKE_BROKER_URL` is set, else threads of this process."""
    if ctx.settings.broker_url:
        return CeleryExecutor(ctx.settings, ctx)
    return InProcessExecutor(ctx, threads=ctx.settings.processing_threads)
