"""Where a batch's packages are checked: the executor interface and its two implementations.

`LocalExecutor` runs `work.run_package` in a pool of worker processes on this machine (a package whose
process dies is retried alone once, then recorded failed); `CeleryExecutor` sends each package to the
service's Celery workers, which run the same function, and collects their replies. The runner feeds
either the same way and finishes every (job, outcome) pair they hand back.
"""

from __future__ import annotations

import logging
import multiprocessing
import shutil
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from intake.batch.manifest import ManifestRow
from intake.batch.sources import Blobs
from intake.batch.work import Outcome, pool_init, run_spooled, spool_blobs
from intake.pipeline import PipelineConfig
from intake.settings import Settings

log = logging.getLogger(__name__)
SPOOL = "spool"
Finished = list[tuple["Job", Outcome]]
DIED = "the checking process died on this package (crash or memory)"


@dataclass
class Job:
    row: ManifestRow
    key: str
    blobs: Blobs = field(default_factory=list)
    digest: str = ""
    keys: list[tuple[str, str]] | None = None
    """Stored originals (name, storage key): sent to Celery without reading them."""


def failed(job: Job, reason: str) -> Outcome:
    return Outcome(package_id=job.row.package_id, run_key=job.key, status="failed", error=reason)


class Executor(Protocol):
    """Checks packages somewhere; `feed` takes jobs while it has room, `collect` hands back finished ones."""

    def feed(self, jobs: Iterator[Job], finish: Callable[[Job, Outcome], None]) -> None: ...

    def busy(self) -> bool: ...

    def collect(self) -> Finished: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


class LocalExecutor:
    """`width` worker processes; originals are spooled to disk (a large argument stuck in a pipe would keep
    a stopped batch from exiting)."""

    def __init__(self, out_dir: Path, pipeline: PipelineConfig, width: int) -> None:
        self.spool, self.pipeline, self.width = out_dir / SPOOL, pipeline, max(1, width)
        shutil.rmtree(self.spool, ignore_errors=True)  # left by a killed run
        self.pool = self._pool()
        self.inflight: dict[Future[Outcome], Job] = {}
        self.retry: deque[Job] = deque()
        self.deaths: Counter[str] = Counter()
        self.exhausted = False

    def _pool(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["intake.batch.work"])
        return ProcessPoolExecutor(max_workers=self.width, mp_context=ctx, initializer=pool_init)

    def feed(self, jobs: Iterator[Job], finish: Callable[[Job, Outcome], None]) -> None:
        suspect = self.retry or any(self.deaths[j.key] for j in self.inflight.values())
        limit = 1 if suspect else 2 * self.width  # after a crash: one package at a time
        while len(self.inflight) < limit:
            job = self.retry.popleft() if self.retry else (None if self.exhausted else next(jobs, None))
            if job is None:
                self.exhausted = True
                return
            spool = spool_blobs(self.spool, job.key, job.blobs)
            future = self.pool.submit(run_spooled, spool, job.row.package_id, job.key, job.row.request,
                                      self.pipeline)
            self.inflight[future] = job

    def busy(self) -> bool:
        return bool(self.inflight or self.retry)

    def collect(self) -> Finished:
        done, _ = wait(self.inflight, timeout=0.5, return_when=FIRST_COMPLETED)
        out: Finished = []
        broken = False
        for future in done:
            job = self.inflight.pop(future)
            try:
                out.append((job, future.result()))
            except BrokenProcessPool:
                broken = True
                self.deaths[job.key] += 1
                if self.deaths[job.key] < 2:
                    self.retry.append(job)
                else:
                    out.append((job, failed(job, DIED)))
        if broken:
            log.warning("batch worker process died; retrying its packages one at a time")
            for future, job in self.inflight.items():
                future.cancel()
                self.retry.append(job)
            self.inflight.clear()
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._pool()
        return out

    def stop(self) -> None:
        for proc in list((getattr(self.pool, "_processes", None) or {}).values()):
            proc.terminate()

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class CeleryExecutor:
    """Packages in flight on the service's Celery workers (`width` slots × 2); replies that workers left
    while no batch was listening are taken first."""

    def __init__(self, settings: Settings, batch_id: str, width: int, reply_timeout: float) -> None:
        from intake.batch.remote import CeleryClient

        self.client = CeleryClient(settings, batch_id)
        self.width, self.reply_timeout = max(1, width), reply_timeout
        self.inflight: dict[tuple[str, str], Job] = {}
        self.early = {(o.package_id, o.run_key): o for o in self.client.pending()}
        self.exhausted = False
        self.last_reply = time.monotonic()

    def feed(self, jobs: Iterator[Job], finish: Callable[[Job, Outcome], None]) -> None:
        while not self.exhausted and len(self.inflight) < 2 * self.width:
            job = next(jobs, None)
            if job is None:
                self.exhausted = True
                return
            ready = self.early.pop((job.row.package_id, job.key), None)
            if ready is not None:  # a worker finished it while no batch was listening
                finish(job, ready)
                continue
            keys = job.keys if job.keys is not None else self.client.put_files(job.blobs)
            job.blobs = []
            self.client.submit(job.row.package_id, job.key, keys, job.row.request)
            self.inflight[(job.row.package_id, job.key)] = job

    def busy(self) -> bool:
        return bool(self.inflight)

    def collect(self) -> Finished:
        outcome = self.client.next_outcome(1.0)
        if outcome is None:
            if time.monotonic() - self.last_reply < self.reply_timeout:
                return []
            lost = [(job, failed(job, "no reply from the Celery workers")) for job in self.inflight.values()]
            self.inflight.clear()
            return lost
        self.last_reply = time.monotonic()
        job = self.inflight.pop((outcome.package_id, outcome.run_key), None)
        return [(job, outcome)] if job is not None else []

    def stop(self) -> None:
        """Packages already sent stay with the workers; their replies wait for the next run."""

    def close(self) -> None:
        self.client.close()
