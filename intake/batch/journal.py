"""The batch journal: an SQLite file in the batch's output folder, one row per package and run key.

The run key hashes the package id, its input (names and bytes), its request and the versions of the
reader, extractors and rules. A package with a `done` row under its current key is skipped when the
batch runs again; `failed` packages are tried again. Each result is committed (synchronous=FULL) only
after its report file is on disk, so a batch killed at any moment loses at most the packages in flight.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import re
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from models.base import Frozen

JOURNAL_NAME = "journal.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    package_id TEXT NOT NULL,
    run_key TEXT NOT NULL,
    status TEXT NOT NULL,
    complete INTEGER,
    error TEXT,
    input_hash TEXT,
    versions TEXT,
    cost_type TEXT,
    application_date TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    pages_cached INTEGER NOT NULL DEFAULT 0,
    documents INTEGER NOT NULL DEFAULT 0,
    documents_cached INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    report TEXT,
    changed INTEGER,
    diff TEXT,
    attempts INTEGER NOT NULL DEFAULT 1,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (package_id, run_key)
);
CREATE INDEX IF NOT EXISTS results_by_package ON results (package_id, finished_at);
"""


class BatchBusy(RuntimeError):
    """Another batch holds this output folder."""


class Entry(Frozen):
    """One package's result under one run key."""

    package_id: str
    run_key: str
    status: str
    complete: bool | None = None
    error: str | None = None
    input_hash: str | None = None
    versions: str | None = None
    cost_type: str | None = None
    application_date: str | None = None
    pages: int = 0
    pages_cached: int = 0
    documents: int = 0
    documents_cached: int = 0
    seconds: float = 0.0
    report: str | None = None
    """Report file, relative to the output folder."""
    changed: bool | None = None
    diff: dict[str, Any] | None = None
    attempts: int = 1
    finished_at: str = ""


def run_key(package_id: str, input_hash: str, request_json: str, versions: str) -> str:
    return hashlib.sha256("\x1f".join((package_id, input_hash, request_json, versions)).encode()).hexdigest()


def safe_name(package_id: str) -> str:
    """A file name for a package id (ids may be paths); a hash suffix keeps distinct ids distinct."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", package_id).strip("._") or "package"
    if cleaned == package_id and len(cleaned) <= 100:
        return cleaned
    return f"{cleaned[:80]}-{hashlib.sha256(package_id.encode()).hexdigest()[:8]}"


class Journal:
    def __init__(self, out_dir: Path, *, exclusive: bool = True) -> None:
        """`exclusive`: this process runs the batch (others are refused); otherwise a reader."""
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self.lock = (out_dir / ".lock").open("w")
        try:
            fcntl.flock(self.lock, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            self.lock.close()
            raise BatchBusy(f"another batch is running in {out_dir}") from None
        self.db = sqlite3.connect(out_dir / JOURNAL_NAME, isolation_level=None)
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()
        self.lock.close()

    def batch_id(self) -> str:
        """A stable id of this output folder (names its Celery reply queue)."""
        row = self.db.execute("SELECT value FROM meta WHERE key='batch_id'").fetchone()
        if row:
            return str(row[0])
        value = uuid.uuid4().hex
        self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('batch_id', ?)", (value,))
        return self.batch_id()

    def is_done(self, package_id: str, key: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM results WHERE package_id=? AND run_key=? AND status='done'", (package_id, key)
        ).fetchone()
        return row is not None

    def attempts(self, package_id: str, key: str) -> int:
        row = self.db.execute(
            "SELECT attempts FROM results WHERE package_id=? AND run_key=?", (package_id, key)
        ).fetchone()
        return int(row[0]) if row else 0

    def record(self, entry: Entry) -> None:
        data = entry.model_dump()
        data["finished_at"] = entry.finished_at or datetime.now(UTC).isoformat(timespec="milliseconds")
        data["diff"] = json.dumps(entry.diff, ensure_ascii=False) if entry.diff is not None else None
        for flag in ("complete", "changed"):
            data[flag] = None if data[flag] is None else int(data[flag])
        cols = ", ".join(data)
        marks = ", ".join(f":{c}" for c in data)
        self.db.execute(f"INSERT OR REPLACE INTO results ({cols}) VALUES ({marks})", data)

    def _entry(self, row: sqlite3.Row | tuple[Any, ...], names: list[str]) -> Entry:
        data = dict(zip(names, row, strict=True))
        data["diff"] = json.loads(data["diff"]) if data["diff"] else None
        for flag in ("complete", "changed"):
            data[flag] = None if data[flag] is None else bool(data[flag])
        return Entry(**data)

    def _query(self, sql: str, args: tuple[Any, ...]) -> list[Entry]:
        cur = self.db.execute(sql, args)
        names = [d[0] for d in cur.description]
        return [self._entry(row, names) for row in cur.fetchall()]

    def get(self, package_id: str, key: str) -> Entry | None:
        found = self._query("SELECT * FROM results WHERE package_id=? AND run_key=?", (package_id, key))
        return found[0] if found else None

    def previous(self, package_id: str, key: str | None = None) -> Entry | None:
        """The latest finished check of the package under another key (an earlier run of the batch)."""
        found = self._query(
            "SELECT * FROM results WHERE package_id=? AND run_key IS NOT ? AND status='done'"
            " AND report IS NOT NULL ORDER BY finished_at DESC LIMIT 1",
            (package_id, key),
        )
        return found[0] if found else None

    def report_of(self, entry: Entry) -> dict[str, Any] | None:
        if not entry.report:
            return None
        try:
            data = json.loads((self.out_dir / entry.report).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM results").fetchone()[0])
