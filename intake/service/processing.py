"""The processing task: one package from stored originals to a stored report.

The in-process worker calls it; a Celery worker would call the very same function.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, update
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from intake.db.tables import Package, Report
from intake.doc_cache import derived_entries
from intake.errors import IntakeError
from intake.history import load_history, with_history
from intake.report import to_json
from intake.run import load, run_package
from intake.service.context import ServiceContext
from intake.service.indexing import index_report
from intake.storage import StorageUnavailable
from models.files import LoadedFile
from models.package import PackageRequest
from models.pages import Page
from models.vocab import CostType

log = logging.getLogger(__name__)


TRANSIENT: tuple[type[BaseException], ...] = (StorageUnavailable, OperationalError, InterfaceError)
"""Faults of the object store or the database that a later attempt may not meet."""
RETRY_CAP_SECONDS = 60.0
INTERNAL_MESSAGE = (
    "Внутренняя ошибка при проверке пакета. Нажмите «Проверить снова»; если ошибка повторится, "
    "обратитесь в службу поддержки."
)
OUTAGE_MESSAGE = (
    "Хранилище документов или база данных были временно недоступны, проверка пакета прервана. "
    "Нажмите «Проверить снова» позже: уже прочитанные страницы повторно не читаются."
)


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, TRANSIENT):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def backoff(first: float, attempt: int) -> float:
    """Pause before retry `attempt` (0-based): doubling from `first`, capped at RETRY_CAP_SECONDS."""
    return float(min(RETRY_CAP_SECONDS, first * 2**attempt))


def process_package(
    ctx: ServiceContext, package_id: str, *, sleep: Callable[[float], None] = time.sleep
) -> str:
    """Read, judge and store the report of a package; returns its final status.

    An unreachable object store or database is retried with exponential backoff
    (`INTAKE_PROCESSING_RETRIES`, `INTAKE_RETRY_SECONDS`); after the last retry the package is `failed`
    with a message saying to check it again later. Pages read before the outage come from the page
    cache on the next attempt. When even that state cannot be written (the database is down), the
    package stays `processing`, and the worker picks it up again when it starts.
    """
    retries = max(0, ctx.settings.processing_retries)
    for attempt in range(retries + 1):
        try:
            return _process_once(ctx, package_id)
        except Exception as exc:
            if not _transient(exc):
                raise
            if attempt == retries:
                log.error("package failed after %d attempts id=%s: %s: %s", attempt + 1, package_id,
                          type(exc).__name__, _short(exc))
                try:
                    _update(ctx, package_id, status="failed", stage=None, error=OUTAGE_MESSAGE)
                except Exception as again:
                    log.error("cannot record the failure id=%s (%s); the package stays unfinished and is "
                              "resumed when the worker starts", package_id, type(again).__name__)
                return "failed"
            pause = backoff(ctx.settings.retry_seconds, attempt)
            log.warning("package interrupted id=%s attempt=%d: %s: %s; retrying in %.1f s", package_id,
                        attempt + 1, type(exc).__name__, _short(exc), pause)
            sleep(pause)
    return "failed"  # pragma: no cover - the loop always returns


def _short(exc: BaseException) -> str:
    """The first line of an error, bounded (driver errors carry whole SQL statements and parameters)."""
    return str(exc).splitlines()[0][:200] if str(exc) else ""


def _process_once(ctx: ServiceContext, package_id: str) -> str:
    """One attempt; transient faults propagate to the caller, anything else fails the package."""
    with ctx.db.session() as s:
        pkg = s.get(Package, package_id)
        if pkg is None:
            log.warning("task for unknown package id=%s", package_id)
            return "missing"
        pkg.status, pkg.stage, pkg.error = "processing", "files", None
        pkg.attempts += 1
        pkg.pages_done = 0
        request = PackageRequest(cost_type=CostType(pkg.cost_type), application_date=pkg.application_date,
                                 applicant_bin=pkg.applicant_bin)
        stored = [(f.name, f.sha256) for f in pkg.files]
    started = time.perf_counter()
    try:
        blobs = [(name, ctx.storage.get(key)) for name, key in stored]
        files = load(ctx.pipeline, blobs)
        note_derived(ctx, package_id, derived_entries(files, ctx.pipeline.reader.fingerprint(), blobs=blobs,
                                                      limits=ctx.pipeline.limits))

        def on_files(loaded: Sequence[LoadedFile]) -> None:
            _update(ctx, package_id, stage="pages", pages_total=sum(f.meta.pages or 0 for f in loaded))

        done = 0

        def on_page(_page: Page) -> None:
            nonlocal done
            done += 1
            _update(ctx, package_id, pages_done=done)

        run = run_package(ctx.pipeline, files, request, on_page=on_page, on_files=on_files)
        note_derived(ctx, package_id, [f"documents/{k}" for k in run.document_keys])
        report = run.report
        with ctx.db.session() as s:
            report = with_history(report, load_history(s, package_id, request.applicant_bin))
        body = to_json(report)
    except Exception as exc:
        if _transient(exc):
            raise
        log.exception("package failed id=%s", package_id)
        message = exc.user_message if isinstance(exc, IntakeError) else INTERNAL_MESSAGE
        _update(ctx, package_id, status="failed", stage=None, error=message)
        return "failed"
    _store_report(ctx, package_id, body, report.complete)
    log.info("package done id=%s pages=%d seconds=%.1f complete=%s", package_id, done,
             time.perf_counter() - started, report.complete)
    return "done"


def _store_report(ctx: ServiceContext, package_id: str, body: dict[str, Any], complete: bool,
                  holder: str | None = None) -> bool:
    """Save the report; a concurrent run of the same package (a redelivered task) may have saved one.
    With `holder` (a claim taken by `worker.claim_checked`), only while that claim still holds, and the
    claim is released in the same transaction: the package becomes `done`, or `queued` when a check was
    asked for meanwhile. Returns False when the claim was lost (nothing saved)."""
    for attempt in (1, 2):
        try:
            with ctx.db.session() as s:
                if holder is not None:
                    held = s.execute(
                        update(Package)
                        .where(Package.id == package_id, Package.claimed_by == holder,
                               Package.status == "processing")
                        .values(status=case((Package.rerun.is_(True), "queued"), else_="done"),
                                stage=None, complete=complete, rerun=False, claimed_by=None,
                                updated_at=datetime.now(UTC))
                        .execution_options(synchronize_session=False))
                    if getattr(held, "rowcount", 0) != 1:
                        return False
                pkg = s.get(Package, package_id)
                assert pkg is not None
                existing = s.get(Report, package_id)
                if existing is None:
                    s.add(Report(package_id=package_id, body=body))
                else:
                    existing.body = body
                if holder is None:
                    pkg.status, pkg.stage, pkg.complete = "done", None, complete
                index_report(s, package_id, body)
            return True
        except IntegrityError:
            if attempt == 2:
                raise
    return False


def note_derived(ctx: ServiceContext, package_id: str, entries: Sequence[str]) -> None:
    """Remember what was derived from the package outside the database (cache entries, batch
    folders), so that withdrawing or purging it deletes that too."""
    if not entries:
        return
    with ctx.db.session() as s:
        pkg = s.get(Package, package_id)
        if pkg is not None:
            known = list(pkg.derived or [])
            pkg.derived = known + [e for e in dict.fromkeys(entries) if e not in set(known)]


def _update(ctx: ServiceContext, package_id: str, **values: object) -> None:
    with ctx.db.session() as s:
        pkg = s.get(Package, package_id)
        if pkg is not None:
            for k, v in values.items():
                setattr(pkg, k, v)
