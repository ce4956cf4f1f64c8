"""Where a batch's packages are checked: the two implementations of `intake.executors.Executor` for jobs.

`LocalExecutor` runs `work.run_package` in a pool of worker processes on this machine (a package whose
process dies is retried alone once, then recorded failed); `CeleryExecutor` sends each package to the
service's Celery workers, which run the same function, and collects their replies. The runner submits
jobs while the executor has room and finishes every (job, outcome) pair it hands back.
"""

from __future__ import annotations

import logging
import multiprocessing
import shutil
import time
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from intake.batch.manifest import ManifestRow
from intake.batch.sources import Blobs
from intake.batch.work import Outcome, pool_init, run_spooled, spool_blobs
from intake.executors import Executor
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


BatchExecutor = Executor[Job, Outcome]
"""What a batch hands its packages to (`intake.executors.Executor`): a job in, its outcome out."""


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

    def _pool(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["intake.batch.work"])
        return ProcessPoolExecutor(max_workers=self.width, mp_context=ctx, initializer=pool_init)

    def submit(self, job: Job) -> None:
        spool = spool_blobs(self.spool, job.key, job.blobs)
        future = self.pool.submit(run_spooled, spool, job.row.package_id, job.key, job.row.request,
                                  self.pipeline)
        self.inflight[future] = job

    def room(self) -> int:
        """Two packages per process; after a crash, one package at a time until the suspects are through."""
        suspect = self.retry or any(self.deaths[j.key] for j in self.inflight.values())
        limit = 1 if suspect else 2 * self.width
        return max(0, limit - len(self.inflight) - len(self.retry))

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
        while self.retry and not self.inflight:  # the packages of a dead process go again, alone
            self.submit(self.retry.popleft())
        return out

    def resume(self) -> int:
        return 0  # the batch's journal says what is left to do

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
        self.early: dict[tuple[str, str], Outcome] = {}
        self.ready: Finished = []
        self.last_reply = time.monotonic()

    def resume(self) -> int:
        """Take the replies workers left while no batch was listening; their packages are not sent again."""
        self.early = {(o.package_id, o.run_key): o for o in self.client.pending()}
        return len(self.early)

    def submit(self, job: Job) -> None:
        ready = self.early.pop((job.row.package_id, job.key), None)
        if ready is not None:  # a worker finished it while no batch was listening
            self.ready.append((job, ready))
            return
        keys = job.keys if job.keys is not None else self.client.put_files(job.blobs)
        job.blobs = []
        self.client.submit(job.row.package_id, job.key, keys, job.row.request)
        self.inflight[(job.row.package_id, job.key)] = job

    def room(self) -> int:
        return max(0, 2 * self.width - len(self.inflight))

    def busy(self) -> bool:
        return bool(self.inflight or self.ready)

    def collect(self) -> Finished:
        if self.ready:
            ready, self.ready = self.ready, []
            return ready
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
