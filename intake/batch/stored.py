"""`intake batch --stored`: packages already in the service database, read from their stored originals.

The new report replaces the stored one through the service's own saving path (findings re-indexed,
officers' resolutions kept); the previous report is the one stored before the batch touched the package
(kept in the batch folder under `previous/`, so a resumed batch still compares with the original).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from intake.batch.journal import safe_name
from intake.batch.manifest import ManifestRow, RowError
from intake.batch.sources import Blobs
from intake.db.tables import Package
from intake.db.tables import Report as ReportRow
from intake.history import load_history, with_history
from intake.recheck import report_from_json
from intake.report import to_json
from intake.service.context import ServiceContext
from intake.service.processing import _store_report, note_derived
from models.package import PackageRequest
from models.vocab import CostType

STORED_STATUSES = ("done", "failed")


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

    def manifest(self, override: Path | None) -> tuple[list[ManifestRow], list[RowError]]:
        rows: list[ManifestRow] = []
        with self.ctx.db.session() as s:
            q = (
                select(Package)
                .where(Package.status.in_(STORED_STATUSES))
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
    ) -> None:
        """Save through the service's path, with the checks across the applicant's packages added; what
        the check derived (cache entries) is noted on the package, to be deleted with it."""
        note_derived(self.ctx, row.package_id, derived)
        with self.ctx.db.session() as s:
            history = load_history(s, row.package_id, row.request.applicant_bin)
        if history.packages:
            checked = with_history(report_from_json(report), history)
            report, complete = to_json(checked), checked.complete
        _store_report(self.ctx, row.package_id, report, complete)
