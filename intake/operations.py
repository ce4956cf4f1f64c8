"""What the operators' pages show: batch runs from their journals, coverage of the NBK rates store."""

from __future__ import annotations

import fcntl
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from checklists.rates import RateStore
from intake.batch.journal import JOURNAL_NAME

GAP_DAYS = 4
"""Missing days in a row beyond a long weekend: a gap in the loaded rates."""


@dataclass(frozen=True)
class Change:
    package_id: str
    verdict_before: bool | None
    verdict_after: bool | None
    added: list[str]
    removed: list[str]


@dataclass(frozen=True)
class BatchRun:
    name: str
    running: bool
    packages: int
    done: int
    failed: int
    pages: int
    pages_cached: int
    last_at: str | None
    changes: list[Change] = field(default_factory=list)

    @property
    def verdict_changes(self) -> int:
        return sum(1 for c in self.changes if c.verdict_before != c.verdict_after)


def _running(folder: Path) -> bool:
    lock = folder / ".lock"
    if not lock.exists():
        return False
    with lock.open("r") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
    return False


def _codes(items: object) -> list[str]:
    out = []
    for item in items if isinstance(items, list) else []:
        out.append(str(item.get("code", item)) if isinstance(item, dict) else str(item))
    return out


def batch_run(folder: Path) -> BatchRun:
    """The latest result of every package of a batch folder (read-only: a running batch goes on)."""
    db = sqlite3.connect(f"file:{folder / JOURNAL_NAME}?mode=ro", uri=True, timeout=5)
    try:
        rows = db.execute(
            "SELECT package_id, status, pages, pages_cached, changed, diff, finished_at FROM results r "
            "WHERE finished_at = (SELECT MAX(finished_at) FROM results WHERE package_id = r.package_id) "
            "ORDER BY package_id").fetchall()
    finally:
        db.close()
    changes = []
    for pid, _status, _p, _c, changed, diff, _at in rows:
        if changed and diff:
            d = json.loads(diff)
            changes.append(Change(pid, d.get("verdict_before"), d.get("verdict_after"),
                                  _codes(d.get("added")), _codes(d.get("removed"))))
    return BatchRun(
        name=folder.name, running=_running(folder), packages=len(rows),
        done=sum(1 for r in rows if r[1] == "done"), failed=sum(1 for r in rows if r[1] == "failed"),
        pages=sum(r[2] or 0 for r in rows), pages_cached=sum(r[3] or 0 for r in rows),
        last_at=max((r[6] for r in rows), default=None), changes=changes)


def batch_runs(root: Path) -> list[BatchRun]:
    """Every batch folder under `root` (the default `$INTAKE_DATA_DIR/batch`), latest activity first."""
    if not root.is_dir():
        return []
    runs = [batch_run(p) for p in sorted(root.iterdir()) if (p / JOURNAL_NAME).is_file()]
    return sorted(runs, key=lambda r: r.last_at or "", reverse=True)


@dataclass(frozen=True)
class Coverage:
    currency: str
    days: int
    first: date
    last: date
    gaps: list[tuple[date, date]]
    """Runs of more than `GAP_DAYS - 1` missing days between the first and the last date."""


def rate_coverage(store: RateStore) -> list[Coverage]:
    """Per currency: how many days are loaded, the first and last, and the gaps."""
    by_currency: dict[str, list[date]] = {}
    for r in store.rates():
        by_currency.setdefault(r.currency, []).append(r.day)
    out = []
    for currency, days in sorted(by_currency.items()):
        days = sorted(set(days))
        gaps = [(a + timedelta(days=1), b - timedelta(days=1)) for a, b in pairwise(days)
                if (b - a).days > GAP_DAYS]
        out.append(Coverage(currency, len(days), days[0], days[-1], gaps))
    return out
