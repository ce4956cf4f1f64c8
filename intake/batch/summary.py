"""What the operator sees and keeps: a live progress bar, the closing table, results.csv/jsonl, diff.jsonl."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from intake.batch.journal import Entry, Journal
from intake.batch.runner import Totals
from intake.batch.work import Outcome

CSV_COLUMNS = (
    "package_id",
    "status",
    "verdict",
    "changed",
    "verdict_changed",
    "added",
    "removed",
    "reasons",
    "error",
    "cost_type",
    "application_date",
    "pages",
    "pages_cached",
    "documents",
    "documents_cached",
    "seconds",
    "report",
)


class BatchProgress:
    """Packages done of all, pages read, pages per second and the ETA, on stderr."""

    def __init__(self, console: Console, total: int) -> None:
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("pages {task.fields[pages]} ({task.fields[cached]} cached) {task.fields[rate]} p/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            disable=not console.is_terminal,
        )
        self.task = self.progress.add_task("packages", total=total, pages=0, cached=0, rate="-")
        self.pages = self.cached = 0
        self.started = time.perf_counter()

    def __call__(self, outcome: Outcome | None) -> None:
        if outcome is not None:
            self.pages += outcome.pages
            self.cached += outcome.pages_cached
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        self.progress.update(
            self.task, advance=1, pages=self.pages, cached=self.cached, rate=f"{self.pages / elapsed:.1f}"
        )

    @contextmanager
    def shown(self) -> Iterator[BatchProgress]:
        with self.progress:
            yield self


def _row(e: Entry) -> dict[str, Any]:
    diff = e.diff or {}
    return {
        "package_id": e.package_id,
        "status": e.status,
        "verdict": "" if e.complete is None else ("complete" if e.complete else "incomplete"),
        "changed": "" if e.changed is None else int(e.changed),
        "verdict_changed": int(
            bool(diff.get("previous")) and diff.get("verdict_before") != diff.get("verdict_after")
        )
        if diff
        else "",
        "added": " ".join(sorted(f["code"] for f in diff.get("added", ()))),
        "removed": " ".join(sorted(f["code"] for f in diff.get("removed", ()))),
        "reasons": "; ".join(diff.get("reasons", ())),
        "error": e.error or "",
        "cost_type": e.cost_type or "",
        "application_date": e.application_date or "",
        "pages": e.pages,
        "pages_cached": e.pages_cached,
        "documents": e.documents,
        "documents_cached": e.documents_cached,
        "seconds": e.seconds,
        "report": e.report or "",
    }


def export(journal: Journal, current: list[tuple[str, str]], out_dir: Path) -> list[Entry]:
    """results.csv, results.jsonl (every package of this batch) and diff.jsonl (the changed ones)."""
    entries = [e for pid, key in current if (e := journal.get(pid, key)) is not None]
    with (out_dir / "results.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for e in entries:
            writer.writerow(_row(e))
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as fh:
        for e in entries:
            fh.write(json.dumps(e.model_dump(mode="json"), ensure_ascii=False) + "\n")
    with (out_dir / "diff.jsonl").open("w", encoding="utf-8") as fh:
        for e in entries:
            if e.changed:
                fh.write(
                    json.dumps({"package_id": e.package_id, **(e.diff or {})}, ensure_ascii=False) + "\n"
                )
    return entries


def summary_table(t: Totals, entries: list[Entry], wall: float, out_dir: Path) -> Table:
    done = sum(e.status == "done" for e in entries)
    failed = sum(e.status == "failed" for e in entries)
    complete = sum(bool(e.complete) for e in entries if e.status == "done")
    read = t.pages - t.pages_cached
    table = Table(title=f"Batch {out_dir}", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_column("note")
    table.add_row("packages", str(len(entries)), f"{done} done ({complete} complete), {failed} failed")
    table.add_row("checked this run", str(t.done), f"{t.failed} failed this run")
    table.add_row("skipped (already done)", str(t.skipped), "finished by an earlier run, not redone")
    if t.busy:
        table.add_row("busy in the service", str(t.busy), "queued or being checked there; run again later")
    table.add_row("pages read", str(read), f"{read / wall:.1f} pages/s over {wall:.1f} s" if wall else "")
    table.add_row("pages from cache", str(t.pages_cached), "no OCR, no text layer parsing")
    table.add_row(
        "documents from cache",
        str(t.documents_cached),
        f"of {t.documents}: fields not extracted again (only the rules ran)",
    )
    table.add_row("changed vs previous check", str(t.changed), f"{t.verdict_changed} changed verdict")
    if t.interrupted:
        table.add_row("[red]interrupted", "", "run the same command again to continue")
    return table


def print_summary(
    console: Console, t: Totals, entries: list[Entry], wall: float, out_dir: Path, show: int = 15
) -> None:
    console.print(summary_table(t, entries, wall, out_dir))
    if t.changes:
        changes = Table(title="Changed against the previous check", header_style="bold")
        changes.add_column("package")
        changes.add_column("what and why")
        for pid, line in t.changes[:show]:
            changes.add_row(pid, line)
        console.print(changes)
    failures = [(e.package_id, e.error or "") for e in entries if e.status == "failed"]
    if failures:
        failed = Table(title="Failed packages", header_style="bold red")
        failed.add_column("package")
        failed.add_column("reason")
        for pid, reason in failures[:show]:
            failed.add_row(pid, reason)
        console.print(failed)
    console.print(
        f"results: {out_dir / 'results.csv'}, {out_dir / 'results.jsonl'}; diff: {out_dir / 'diff.jsonl'}"
    )
