"""Run a batch: skip what the journal has done, check the rest in a process pool or on Celery workers.

In-process (`jobs` processes, one package each, pages read one at a time inside it): a package whose
process dies is retried alone once, then recorded failed. Ctrl-C stops the pool and leaves the journal
consistent; running the batch again continues where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from intake.batch.diff import diff_reports
from intake.batch.executors import BatchExecutor, CeleryExecutor, Job, LocalExecutor
from intake.batch.journal import Entry, Journal, run_key, safe_name
from intake.batch.manifest import ManifestRow, RowError
from intake.batch.sources import Blobs, PackageMissing, Source, input_hash
from intake.batch.versions import versions
from intake.batch.work import Outcome
from intake.pipeline import PipelineConfig
from intake.settings import Settings

if TYPE_CHECKING:
    from intake.batch.stored import StoredSource

log = logging.getLogger(__name__)


class Stopped(Exception):
    """The operator asked the batch to stop (Ctrl-C, SIGTERM)."""


@dataclass(frozen=True)
class Options:
    out_dir: Path
    pipeline: PipelineConfig
    """The run context (`intake.run.run_config`): reader, limits, cache folder, rate store."""
    jobs: int = 1
    celery: bool = False
    settings: Settings | None = None
    previous_dir: Path | None = None
    """Another batch folder whose results are the previous check (default: this folder's earlier runs)."""
    reply_timeout: float = 3600.0
    """Celery: give up on packages in flight when no worker replied for this long."""


@dataclass
class Totals:
    packages: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    busy: int = 0
    """`--stored`: packages the service had queued or was processing, left to it."""
    changed: int = 0
    verdict_changed: int = 0
    pages: int = 0
    pages_cached: int = 0
    documents: int = 0
    documents_cached: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)
    changes: list[tuple[str, str]] = field(default_factory=list)


Progress = Callable[[Outcome | None], None]
"""Called once per package finished (None: skipped or failed before reading)."""


def _row_request_json(row: ManifestRow) -> str:
    return json.dumps(row.request.model_dump(mode="json"), sort_keys=True)


def _keys_hash(keys: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for name, sha in sorted(keys):
        digest.update(f"{name}\0{sha}\n".encode())
    return digest.hexdigest()


class Runner:
    def __init__(self, source: Source, options: Options, journal: Journal, progress: Progress | None = None):
        self.source = source
        self.options = options
        self.journal = journal
        self.progress = progress or (lambda _outcome: None)
        self.versions = versions(options.pipeline.reader)
        self.totals = Totals()
        self.current: list[tuple[str, str]] = []
        self.rows: dict[str, ManifestRow] = {}
        self.before = Journal(options.previous_dir, exclusive=False) if options.previous_dir else None
        self.stop = threading.Event()
        """Set (by a signal handler) to stop: packages in flight are abandoned, the journal stays whole."""

    @property
    def stored(self) -> StoredSource | None:
        """The source when it is the service database (imported lazily: it pulls in the service)."""
        return cast("StoredSource", self.source) if self.source.label == "stored" else None

    def _check_stop(self) -> None:
        if self.stop.is_set():
            raise Stopped

    # --- preparing -------------------------------------------------------------------------------------

    def record_errors(self, errors: list[RowError]) -> None:
        for err in errors:
            key = "manifest:" + hashlib.sha256(err.reason.encode()).hexdigest()[:16]
            self._fail(err.package_id, key, err.reason)

    def _fail(self, package_id: str, key: str, reason: str, row: ManifestRow | None = None) -> None:
        log.warning("batch package failed id=%s reason=%s", package_id, reason)
        self.journal.record(
            Entry(
                package_id=package_id,
                run_key=key,
                status="failed",
                error=reason,
                cost_type=row.request.cost_type.value if row else None,
                application_date=row.request.application_date.isoformat() if row else None,
                attempts=self.journal.attempts(package_id, key) + 1,
            )
        )
        self.current.append((package_id, key))
        self.totals.failed += 1
        self.totals.failures.append((package_id, reason))
        self.progress(None)

    def _busy(self, row: ManifestRow, key: str, reason: str) -> None:
        """`--stored`: the service holds the package; recorded (not done: a later run checks it)."""
        log.info("batch package left to the service id=%s reason=%s", row.package_id, reason)
        self.journal.record(
            Entry(
                package_id=row.package_id,
                run_key=key,
                status="busy",
                error=reason,
                cost_type=row.request.cost_type.value,
                application_date=row.request.application_date.isoformat(),
                attempts=self.journal.attempts(row.package_id, key) + 1,
            )
        )
        self.totals.busy += 1
        self.progress(None)

    def prepare(self, rows: list[ManifestRow]) -> Iterator[Job]:
        """Jobs for packages not done under their current key; skipped and unreadable ones recorded."""
        stored = self.stored
        for row in rows:
            self._check_stop()
            self.rows[row.package_id] = row
            keys: list[tuple[str, str]] | None = None
            blobs: Blobs = []
            try:
                if stored is not None:
                    keys = stored.stored_files(row)
                    digest = _keys_hash(keys)
                else:
                    blobs = self.source.blobs(row)
                    digest = input_hash(blobs)
            except PackageMissing as exc:
                self._fail(row.package_id, "missing:" + row.path, str(exc), row)
                continue
            except Exception as exc:
                self._fail(
                    row.package_id,
                    "unreadable:" + row.path,
                    f"cannot read package: {type(exc).__name__}: {exc}"[:500],
                    row,
                )
                continue
            key = run_key(row.package_id, digest, _row_request_json(row), self.versions)
            self.current.append((row.package_id, key))
            if self.journal.is_done(row.package_id, key):
                self.totals.skipped += 1
                self.progress(None)
                continue
            if stored is not None:
                busy = stored.take(row)
                if busy is not None:
                    self._busy(row, key, busy)
                    continue
                stored.remember_previous(row)
                if not self.options.celery:
                    try:
                        blobs = stored.blobs(row)
                    except Exception as exc:
                        stored.release(row.package_id)
                        self.current.pop()
                        self._fail(
                            row.package_id,
                            key,
                            f"originals unavailable: {type(exc).__name__}: {exc}"[:500],
                            row,
                        )
                        continue
            yield Job(row=row, key=key, blobs=blobs, keys=keys, digest=digest)

    # --- finishing -------------------------------------------------------------------------------------

    def previous_report(self, row: ManifestRow, key: str) -> dict[str, Any] | None:
        """The latest earlier run in this folder (or `--previous`), else the stored report (`--stored`)."""
        journal = self.before or self.journal
        entry = journal.previous(row.package_id, None if self.before else key)
        if entry is not None:
            return journal.report_of(entry)
        return self.stored.previous(row) if self.stored is not None else None

    def finish(self, job: Job, outcome: Outcome) -> None:
        row, t = job.row, self.totals
        report_rel = None
        if outcome.report is not None:
            report_rel = f"reports/{safe_name(row.package_id)}/{job.key[:16]}.json"
            path = self.options.out_dir / report_rel
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(outcome.report, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, path)
        diff = None
        if outcome.status == "done" and outcome.report is not None:
            diff = diff_reports(self.previous_report(row, job.key), outcome.report)
            if self.stored is not None:
                lost = self.stored.store(row, outcome.report, bool(outcome.complete), outcome.derived)
                if lost is not None:
                    outcome = outcome.model_copy(update={"status": "failed", "error": lost})
        elif self.stored is not None:
            self.stored.release(row.package_id)
        self.journal.record(
            Entry(
                package_id=row.package_id,
                run_key=job.key,
                status=outcome.status,
                complete=outcome.complete,
                error=outcome.error,
                input_hash=job.digest or None,
                versions=self.versions,
                cost_type=row.request.cost_type.value,
                application_date=row.request.application_date.isoformat(),
                pages=outcome.pages,
                pages_cached=outcome.pages_cached,
                documents=outcome.documents,
                documents_cached=outcome.documents_cached,
                seconds=round(outcome.seconds, 3),
                report=report_rel,
                changed=diff.changed if diff else None,
                diff=diff.model_dump(mode="json") | {"summary": diff.line()} if diff else None,
                attempts=self.journal.attempts(row.package_id, job.key) + 1,
            )
        )
        t.pages += outcome.pages
        t.pages_cached += outcome.pages_cached
        t.documents += outcome.documents
        t.documents_cached += outcome.documents_cached
        t.seconds += outcome.seconds
        if outcome.status == "done":
            t.done += 1
        else:
            t.failed += 1
            t.failures.append((row.package_id, outcome.error or "failed"))
        if diff is not None and diff.changed:
            t.changed += 1
            t.verdict_changed += int(diff.verdict_changed)
            t.changes.append((row.package_id, diff.line()))
        self.progress(outcome)

    # --- running -------------------------------------------------------------------------------------

    def run(self, rows: list[ManifestRow], errors: list[RowError]) -> Totals:
        self.totals.packages = len(rows) + len(errors)
        self.record_errors(errors)
        jobs = self.prepare(rows)
        try:
            self._execute(jobs)
        except (Stopped, KeyboardInterrupt):
            self.totals.interrupted = True
            log.warning("batch interrupted; run it again to continue")
        finally:
            if self.stored is not None:
                self.stored.release_all()  # packages claimed but not finished go back as they were
        return self.totals

    def _execute(self, jobs: Iterator[Job]) -> None:
        """Submit jobs while the executor has room, finish what it hands back, until every job is done or a
        stop is asked. Outcomes already handed back are recorded before a stop takes effect."""
        executor: BatchExecutor
        if self.options.celery:
            if self.options.settings is None:
                raise ValueError("batch --celery needs the settings (broker and object store)")
            executor = CeleryExecutor(self.options.settings, self.journal.batch_id(), self.options.jobs,
                                      self.options.reply_timeout)
        else:
            executor = LocalExecutor(self.options.out_dir, self.options.pipeline, self.options.jobs)
        try:
            executor.resume()
            exhausted = False
            while True:
                while not exhausted and executor.room() > 0:
                    job = next(jobs, None)
                    if job is None:
                        exhausted = True
                    else:
                        executor.submit(job)
                if not executor.busy():
                    break
                for job, outcome in executor.collect():
                    self.finish(job, outcome)
                self._check_stop()
        except (Stopped, KeyboardInterrupt):
            executor.stop()
            raise
        finally:
            executor.close()
