"""The processing task: one package from stored originals to a stored report.

The in-process worker calls it; a Celery worker would call the very same function.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError

from intake.db.tables import Package, Report
from intake.files import load_blobs
from intake.pipeline import check_files
from intake.report import to_json
from intake.service.context import ServiceContext
from intake.service.indexing import index_report
from models.files import LoadedFile
from models.package import PackageRequest
from models.pages import Page
from models.vocab import CostType

log = logging.getLogger(__name__)


def process_package(ctx: ServiceContext, package_id: str) -> str:
    """Read, judge and store the report of a package; returns its final status."""
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
        files = load_blobs([(name, ctx.storage.get(key)) for name, key in stored], ctx.pipeline.limits)

        def on_files(loaded: Sequence[LoadedFile]) -> None:
            _update(ctx, package_id, stage="pages", pages_total=sum(f.meta.pages or 0 for f in loaded))

        done = 0

        def on_page(_page: Page) -> None:
            nonlocal done
            done += 1
            _update(ctx, package_id, pages_done=done)

        report = check_files(files, request, ctx.pipeline, on_page=on_page, on_files=on_files)
        body = to_json(report)
    except Exception as exc:
        log.exception("package failed id=%s", package_id)
        _update(ctx, package_id, status="failed", stage=None, error=f"{type(exc).__name__}: {exc}")
        return "failed"
    _store_report(ctx, package_id, body, report.complete)
    log.info("package done id=%s pages=%d seconds=%.1f complete=%s", package_id, done,
             time.perf_counter() - started, report.complete)
    return "done"


def _store_report(ctx: ServiceContext, package_id: str, body: dict[str, Any], complete: bool) -> None:
    """Save the report; a concurrent run of the same package (a redelivered task) may have saved one."""
    for attempt in (1, 2):
        try:
            with ctx.db.session() as s:
                pkg = s.get(Package, package_id)
                assert pkg is not None
                existing = s.get(Report, package_id)
                if existing is None:
                    s.add(Report(package_id=package_id, body=body))
                else:
                    existing.body = body
                pkg.status, pkg.stage, pkg.complete = "done", None, complete
                index_report(s, package_id, body)
            return
        except IntegrityError:
            if attempt == 2:
                raise


def _update(ctx: ServiceContext, package_id: str, **values: object) -> None:
    with ctx.db.session() as s:
        pkg = s.get(Package, package_id)
        if pkg is not None:
            for k, v in values.items():
                setattr(pkg, k, v)
