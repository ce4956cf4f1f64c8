"""One package of a batch: files → report, with the page and document caches counted.

The same function runs in the in-process pool (`runner.py`) and on Celery workers (`remote.py`). It
never raises: a package that cannot be checked comes back `failed` with its reason.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from intake.doc_cache import derived_entries
from intake.files import readable
from intake.pipeline import PipelineConfig
from intake.report import to_json
from intake.run import load
from intake.run import run_package as run
from models.base import Frozen
from models.package import PackageRequest

log = logging.getLogger(__name__)


class Outcome(Frozen):
    """What a worker hands back for one package (JSON over Celery)."""

    package_id: str
    run_key: str
    status: Literal["done", "failed"]
    error: str | None = None
    report: dict[str, Any] | None = None
    complete: bool | None = None
    pages: int = 0
    pages_cached: int = 0
    documents: int = 0
    documents_cached: int = 0
    seconds: float = 0.0
    derived: tuple[str, ...] = ()
    """Cache entries (`namespace/key`) read or written for the package."""


def _rejected_reason(files: Sequence[Any]) -> str:
    parts = [f"{f.meta.name}: {f.meta.error.code}" for f in files if f.meta.error is not None][:5]
    return "no readable file (" + "; ".join(parts) + ")"


def run_package(
    package_id: str,
    run_key: str,
    blobs: Sequence[tuple[str, bytes]],
    request: PackageRequest,
    config: PipelineConfig,
) -> Outcome:
    """Check one package (`intake.run.run_package`); failed when it has no file, no readable file, or the
    pipeline breaks."""
    started = time.perf_counter()

    def failed(reason: str, **extra: Any) -> Outcome:
        log.warning("batch package failed id=%s reason=%s", package_id, reason)
        return Outcome(
            package_id=package_id,
            run_key=run_key,
            status="failed",
            error=reason,
            seconds=time.perf_counter() - started,
            **extra,
        )

    if not blobs:
        return failed("no files in the package")
    try:
        files = load(config, blobs)
        done = run(config, files, request)
        body = to_json(done.report)
    except Exception as exc:
        log.exception("batch package raised id=%s", package_id)
        return failed(f"{type(exc).__name__}: {exc}"[:500])
    stats = {
        "report": body,
        "complete": done.report.complete,
        "pages": done.pages,
        "pages_cached": done.pages_cached,
        "documents": len(done.report.documents),
        "documents_cached": done.documents_cached,
        "derived": tuple(derived_entries(
            files, config.reader.fingerprint(), blobs=blobs, limits=config.limits,
            documents=done.document_keys)),
    }
    if not readable(files):
        return failed(_rejected_reason(files), **stats)
    outcome = Outcome(
        package_id=package_id, run_key=run_key, status="done", seconds=time.perf_counter() - started, **stats
    )
    log.info(
        "batch package done id=%s pages=%d pages_cached=%d documents_cached=%d seconds=%.2f",
        package_id,
        outcome.pages,
        outcome.pages_cached,
        outcome.documents_cached,
        outcome.seconds,
    )
    return outcome


def run_spooled(
    spool: Path,
    package_id: str,
    run_key: str,
    request: PackageRequest,
    config: PipelineConfig,
) -> Outcome:
    """`run_package` on files the batch spooled to disk (process pools pass only the path: a large
    argument stuck in a pipe would keep a stopped batch from exiting)."""
    try:
        blobs = pickle.loads(spool.read_bytes())
    finally:
        spool.unlink(missing_ok=True)
    return run_package(package_id, run_key, blobs, request, config)


def spool_blobs(spool_dir: Path, key: str, blobs: Sequence[tuple[str, bytes]]) -> Path:
    spool_dir.mkdir(parents=True, exist_ok=True)
    path = spool_dir / f"{key}.pickle"
    tmp = spool_dir / f".{key}.tmp"
    tmp.write_bytes(pickle.dumps(list(blobs), protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)
    return path


def pool_init() -> None:
    """Pool processes leave Ctrl-C to the parent, which stops them itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ["OMP_THREAD_LIMIT"] = "1"
