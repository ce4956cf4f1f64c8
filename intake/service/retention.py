"""Personal data: a package withdrawn by its applicant, or purged after the retention period.

Originals (unless another package holds the same file), page and document caches, page images, the
report with everything read from it and what `intake batch --stored` wrote about the package are
deleted; the audit keeps the fact — who, when, how many
files — and loses the data: file names and comments of the package's earlier entries are erased.
"""

from __future__ import annotations

import csv
import json
import logging
import re
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from extractors.cache import DiskCache, cache_key
from intake.batch.journal import JOURNAL_NAME, BatchBusy, Journal, safe_name
from intake.db.tables import AuditEntry, Decision, Package, PackageFile
from intake.doc_cache import FILES_VERSION, DocumentCache
from intake.service.context import ServiceContext
from models.package import PackageRequest
from models.pages import Page
from models.vocab import CostType

log = logging.getLogger(__name__)


def erase(ctx: ServiceContext, session: Session, pkg: Package, *, action: str, user_id: int | None) -> None:
    """Delete the package's data (the caller commits); one audit entry records the deletion."""
    keys = {f.sha256 for f in pkg.files}
    files = list(pkg.report.body.get("files", [])) if pkg.report is not None else []
    package_id, n_files, applicant_bin = pkg.id, len(pkg.files), pkg.applicant_bin
    derived = list(pkg.derived or [])
    session.execute(update(AuditEntry).where(AuditEntry.package_id == package_id).values(detail={}))
    session.delete(pkg)
    session.flush()
    shared = set(session.scalars(select(PackageFile.sha256).where(PackageFile.sha256.in_(keys))))
    for key in keys - shared:
        ctx.storage.delete(key)
    _forget_cached(ctx, files, keys, applicant_bin)
    _forget_derived(ctx, package_id, derived)
    session.add(AuditEntry(user_id=user_id, action=action, package_id=package_id,
                           detail={"files": n_files}))
    log.info("package erased id=%s action=%s files=%d", package_id, action, n_files)


def _forget_cached(ctx: ServiceContext, files: list[dict[str, Any]], stored: set[str],
                   applicant_bin: str) -> None:
    """Page images of the stored files; the pages read from every file of the report (by content hash
    and page), the documents read from those pages and the stored files' type records."""
    cache = ctx.settings.cache_path
    for key in stored:
        shutil.rmtree(cache / "viewer" / key, ignore_errors=True)
    fingerprint = ctx.pipeline.reader.fingerprint()
    pages_cache = DiskCache(cache, "pages")
    pages: list[Page] = []
    page_keys: list[str] = []
    for f in files:
        if f.get("error") or not f.get("pages") or not f.get("sha256"):
            continue
        for index in range(int(f["pages"])):
            key = cache_key(fingerprint, f["sha256"], index)
            page_keys.append(key)
            hit = pages_cache.get(key, Page)
            if hit is not None:
                pages.append(hit.model_copy(update={"file": f["name"]}))
    if pages:
        request = PackageRequest(cost_type=CostType.digital_equipment, application_date=date(2026, 1, 1),
                                 applicant_bin=applicant_bin)
        doc_key = DocumentCache(cache).key(pages, request)
        _unlink(cache / "documents" / doc_key[:2] / f"{doc_key}.json")
    for key in page_keys:
        _unlink(cache / "pages" / key[:2] / f"{key}.json")
    limits = ctx.pipeline.limits.model_dump_json()
    for key in stored:
        k = cache_key(FILES_VERSION, limits, key)
        _unlink(cache / "files" / k[:2] / f"{k}.json")


ENTRY = re.compile(r"^(pages|documents|files)/([0-9a-f]{64})$")


def _forget_derived(ctx: ServiceContext, package_id: str, derived: list[str]) -> None:
    """The cache entries recorded while the package was checked (pages, documents — also of packages
    with unreadable pages, whose documents key cannot be rebuilt from the page cache — and file type
    records), and what `intake batch --stored` wrote about it: in every batch folder it recorded, and in
    the default one."""
    cache = ctx.settings.cache_path
    folders = {ctx.settings.data_dir / "batch" / "stored"}
    for entry in derived:
        m = ENTRY.match(entry)
        if m:
            _unlink(cache / m.group(1) / m.group(2)[:2] / f"{m.group(2)}.json")
        elif entry.startswith("batch:"):
            folders.add(Path(entry.removeprefix("batch:")))
    for folder in sorted(folders):
        forget_in_batch(folder, package_id)


def forget_in_batch(out_dir: Path, package_id: str) -> bool:
    """Delete a package from a batch folder: its journal rows, its reports, its previous report and its
    lines in results.csv, results.jsonl and diff.jsonl. False when a batch is running there (its lock
    is held) — the purge is logged and the folder left for the next purge."""
    if not (out_dir / JOURNAL_NAME).is_file():
        return True
    try:
        journal = Journal(out_dir)
    except BatchBusy:
        log.warning("batch folder busy, package not removed from it id=%s folder=%s", package_id, out_dir)
        return False
    try:
        for (rel,) in journal.db.execute("SELECT report FROM results WHERE package_id=?", (package_id,)):
            if rel and not Path(rel).is_absolute() and ".." not in Path(rel).parts:
                _unlink(out_dir / rel)
        journal.db.execute("DELETE FROM results WHERE package_id=?", (package_id,))
    finally:
        journal.close()
    name = safe_name(package_id)
    shutil.rmtree(out_dir / "reports" / name, ignore_errors=True)
    _unlink(out_dir / "previous" / f"{name}.json")
    for jsonl in ("results.jsonl", "diff.jsonl"):
        _drop_lines(out_dir / jsonl, lambda line: _json_id(line) == package_id)
    _drop_lines(out_dir / "results.csv",
                lambda line: next(csv.reader([line]), [""])[:1] == [package_id])
    return True


def _json_id(line: str) -> object:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value.get("package_id") if isinstance(value, dict) else None


def _drop_lines(path: Path, drop: Callable[[str], bool]) -> None:
    """Rewrite a text file without the lines `drop` picks (atomically; missing files are left alone)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        return
    kept = [line for line in lines if not drop(line.rstrip("\r\n"))]
    if len(kept) != len(lines):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text("".join(kept), encoding="utf-8")
        tmp.replace(path)


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


def withdrawable(session: Session, pkg: Package) -> bool:
    return session.get(Decision, pkg.id) is None


def purge(ctx: ServiceContext, older_than_days: int, *, now: datetime | None = None) -> int:
    """Erase every package received more than `older_than_days` days ago; returns how many."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=older_than_days)
    with ctx.db.session() as s:
        ids = list(s.scalars(select(Package.id).where(Package.created_at < cutoff,
                                                      Package.status.in_(("done", "failed")))))
    for package_id in ids:
        with ctx.db.session() as s:
            pkg = s.get(Package, package_id)
            if pkg is not None:
                erase(ctx, s, pkg, action="purged", user_id=None)
    with ctx.db.session() as s:
        left = s.scalar(select(func.count()).select_from(Package).where(Package.created_at < cutoff)) or 0
    if left:
        log.info("purge left unfinished packages count=%d", left)
    return len(ids)
