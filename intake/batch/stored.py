"""`intake batch --stored`: packages already in the service database, read from their stored originals.

Each package is claimed like the service's workers claim theirs (`worker.claim_checked`): a package the
service has queued or is processing is not checked (recorded `busy`, checked by a later run), and the
service starts no check of a package the batch holds (a re-check asked meanwhile is queued when the batch
lets the package go). The new report replaces the stored one through the service's own saving path
(findings re-indexed, officers' resolutions kept), and only while the claim holds; the previous report
is the one stored before the batch touched the package (kept in the batch folder under `previous/`, so
a resumed batch still compares with the original).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from intake.batch.journal import safe_name
from intake.batch.manifest import ManifestRow, RowError
from intake.batch.sources import Blobs
from intake.celery_app import make_celery
from intake.db.tables import Package
from intake.db.tables import Report as ReportRow
from intake.history import load_history, with_history
from intake.recheck import report_from_json
from intake.report import to_json
from intake.service.context import ServiceContext
from intake.service.processing import _store_report, note_derived
from intake.service.worker import PROCESS_TASK, claim_checked, release, worker_id
from models.package import PackageRequest
from models.vocab import CostType

log = logging.getLogger(__name__)

STORED_STATUSES = ("done", "failed")
LISTED_STATUSES = (*STORED_STATUSES, "queued", "processing")
"""Listed in the batch (the last two as `busy` unless the service lets them go before their turn)."""


class StoredSource:
    label = "stored"

    def __init__(
        self, ctx: ServiceContext, out_dir: Path, since: date | None = None, cost_type: str | None = None
    ) -> None:
        self.ctx = ctx
        self.since = since
        self.cost_type = cost_type
        self.out_dir = out_dir
        self.previous_dir = out_dir / "previous"
        self.files: dict[str, list[tuple[str, str]]] = {}
        self.me = worker_id()
        self.held: dict[str, str] = {}
        """Packages claimed by this batch: the status each had before."""

    def manifest(self, override: Path | None) -> tuple[list[ManifestRow], list[RowError]]:
        rows: list[ManifestRow] = []
        with self.ctx.db.session() as s:
            q = (
                select(Package)
                .where(Package.status.in_(LISTED_STATUSES))
                .order_by(Package.created_at, Package.id)
            )
            if self.since is not None:
                q = q.where(Package.created_at >= datetime.combine(self.since, time.min, tzinfo=UTC))
            if self.cost_type is not None:
                q = q.where(Package.cost_type == self.cost_type)
            for n, pkg in enumerate(s.scalars(q), start=1):
                request = PackageRequest(
                    cost_type=CostType(pkg.cost_type),
                    application_date=pkg.application_date,
                    applicant_bin=pkg.applicant_bin,
                )
                rows.append(ManifestRow(package_id=pkg.id, path=pkg.id, request=request, line=n))
                self.files[pkg.id] = [(f.name, f.sha256) for f in pkg.files]
        return rows, []

    def take(self, row: ManifestRow) -> str | None:
        """Claim the package for this batch; None when taken, else why it is not (the service's)."""
        before = claim_checked(self.ctx, row.package_id, self.me)
        if before is not None:
            self.held[row.package_id] = before
            return None
        with self.ctx.db.session() as s:
            status = s.scalar(select(Package.status).where(Package.id == row.package_id))
        if status is None:
            return "deleted from the service meanwhile"
        return f"busy: the service has it {status}; not checked by this batch, run it again later"

    def release(self, package_id: str) -> None:
        """Let a claimed package go unchanged (its check failed or the batch stopped)."""
        before = self.held.pop(package_id, None)
        if before is not None and release(self.ctx, package_id, self.me, before):
            self._hand_over(package_id)

    def release_all(self) -> None:
        for package_id in list(self.held):
            self.release(package_id)

    def _hand_over(self, package_id: str) -> None:
        """A check the service was asked for while the batch held the package: with Celery, sent at
        once; the embedded worker's sweeper takes it after `INTAKE_SWEEP_SECONDS`."""
        log.info("package asked for while the batch held it, queued id=%s", package_id)
        if self.ctx.settings.broker_url:
            app = make_celery(self.ctx.settings)
            try:
                app.send_task(PROCESS_TASK, args=[package_id])
            except Exception as exc:  # left queued: the service's sweeper sends it
                log.warning("could not send package id=%s: %s", package_id, type(exc).__name__)
            finally:
                app.close()

    def stored_files(self, row: ManifestRow) -> list[tuple[str, str]]:
        """(name, storage key) of the package's originals."""
        return self.files.get(row.package_id, [])

    def blobs(self, row: ManifestRow) -> Blobs:
        return [(name, self.ctx.storage.get(key)) for name, key in self.stored_files(row)]

    def remember_previous(self, row: ManifestRow) -> None:
        """Keep the stored report as it was before this batch (once; a resumed batch keeps the first)."""
        path = self.previous_dir / f"{safe_name(row.package_id)}.json"
        if path.exists():
            return
        note_derived(self.ctx, row.package_id, [f"batch:{self.out_dir.resolve()}"])
        with self.ctx.db.session() as s:
            stored = s.get(ReportRow, row.package_id)
            body = stored.body if stored is not None else None
        self.previous_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def previous(self, row: ManifestRow) -> dict[str, Any] | None:
        path = self.previous_dir / f"{safe_name(row.package_id)}.json"
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return body if isinstance(body, dict) else None

    def store(
        self, row: ManifestRow, report: dict[str, Any], complete: bool, derived: Sequence[str] = ()
    ) -> str | None:
        """Save through the service's path, with the checks across the applicant's packages added, and let
        the package go; what the check derived (cache entries) is noted on the package, to be deleted with
        it. Returns why nothing was saved (the claim was lost), else None."""
        note_derived(self.ctx, row.package_id, derived)
        with self.ctx.db.session() as s:
            history = load_history(s, row.package_id, row.request.applicant_bin)
        if history.packages:
            checked = with_history(report_from_json(report), history)
            report, complete = to_json(checked), checked.complete
        self.held.pop(row.package_id, None)
        if not _store_report(self.ctx, row.package_id, report, complete, holder=self.me):
            return "not stored: the service took the package over while the batch checked it"
        with self.ctx.db.session() as s:
            if s.scalar(select(Package.status).where(Package.id == row.package_id)) == "queued":
                self._hand_over(row.package_id)
        return None
