"""`intake batch`: re-check or load whole archives, resumable, with a progress bar and a diff.

    intake batch SOURCE [--manifest FILE] [--out DIR] [--jobs N | --celery]
    intake batch --stored [--since D] [--cost-type T] [--celery]

Exit codes: 0 every package checked, 1 at least one package failed or (`--stored`) was left to the
service as `busy` (see results.csv), 2 bad
invocation, 3 internal failure, 130 interrupted (run the same command again to continue).
"""

from __future__ import annotations

import logging
import signal
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from intake.batch.journal import BatchBusy, Journal, safe_name
from intake.batch.manifest import ManifestRow, RowError
from intake.batch.runner import Options, Runner
from intake.batch.sources import Source, open_source
from intake.batch.summary import BatchProgress, export, print_summary
from intake.run import require_languages, run_config
from intake.settings import Settings
from models.vocab import CostType

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
log = logging.getLogger("intake.batch")


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _select(
    rows: list[ManifestRow], cost_type: str | None, application_date: date | None
) -> list[ManifestRow]:
    if cost_type:
        rows = [r for r in rows if r.request.cost_type.value == cost_type]
    if application_date:
        rows = [
            r.model_copy(
                update={"request": r.request.model_copy(update={"application_date": application_date})}
            )
            for r in rows
        ]
    return rows


@click.command("batch")
@click.argument("source", required=False)
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV or JSONL manifest (default: manifest.jsonl/.csv in SOURCE, else package.json per folder).",
)
@click.option("--stored", is_flag=True, help="Re-check the packages stored in the service database.")
@click.option(
    "--since", callback=_date, default=None, help="--stored: packages uploaded on or after YYYY-MM-DD."
)
@click.option(
    "--cost-type",
    type=click.Choice([c.value for c in CostType]),
    default=None,
    help="Only packages of this cost type.",
)
@click.option(
    "--application-date",
    callback=_date,
    default=None,
    help="Check every package as if applied on YYYY-MM-DD (not with --stored).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Batch folder: journal, reports, results (default: $INTAKE_DATA_DIR/batch/<source>).",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="An earlier batch folder to diff against (default: earlier runs in --out).",
)
@click.option(
    "--jobs",
    type=int,
    default=None,
    help="Packages checked at once (default: one per core; "
    "with --celery: packages in flight per worker slot).",
)
@click.option("--celery", "use_celery", is_flag=True, help="Send packages to the service's Celery workers.")
@click.option("--no-cache", is_flag=True, help="Read every page and document again (caches not used).")
@click.pass_obj
def batch(
    settings: Settings,
    source: str | None,
    manifest: Path | None,
    stored: bool,
    since: date | None,
    cost_type: str | None,
    application_date: date | None,
    out: Path | None,
    previous: Path | None,
    jobs: int | None,
    use_celery: bool,
    no_cache: bool,
) -> None:
    """Check a whole archive: a folder, a ZIP of packages, an s3:// prefix, or --stored packages."""
    if stored == bool(source):
        raise click.UsageError("give either SOURCE or --stored")
    if stored and (manifest or application_date):
        raise click.UsageError("--manifest and --application-date do not apply to --stored")
    if since and not stored:
        raise click.UsageError("--since applies to --stored")
    if jobs is not None and jobs < 1:
        raise click.UsageError("--jobs must be at least 1")
    import os

    console = Console(stderr=True)
    out_dir = out or settings.data_dir / "batch" / (
        "stored" if stored else safe_name(Path(str(source)).name or "s3")
    )
    pipeline = run_config(settings, workers=1, cache=not no_cache)
    if not use_celery:
        require_languages(pipeline)
    src: Source
    try:
        if stored:
            from intake.batch.stored import StoredSource
            from intake.service.context import make_context

            src = StoredSource(make_context(settings), out_dir, since, cost_type)
        else:
            src = open_source(str(source), pipeline.limits)
        rows, errors = src.manifest(manifest)
    except (ValueError, OSError) as exc:
        raise click.UsageError(str(exc)) from None
    rows = _select(rows, cost_type, application_date)
    if not rows and not errors:
        raise click.UsageError(f"no package in {src.label}")
    options = Options(
        out_dir=out_dir,
        pipeline=pipeline,
        jobs=jobs or (8 if use_celery else os.cpu_count() or 1),
        celery=use_celery,
        settings=settings,
        previous_dir=previous,
    )
    code = run(src, options, rows, errors, console)
    sys.exit(code)


def _interruptible(runner: Runner) -> list[tuple[signal.Signals, Any]]:
    """Ctrl-C or SIGTERM stops the batch between packages (even when started with SIGINT ignored, as
    `nohup` or `&` do); a second Ctrl-C stops it at once."""

    def stop(signum: int, _frame: object) -> None:
        if runner.stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        log.warning("batch stopping on signal %d; run the same command again to continue", signum)
        runner.stop.set()

    return [(sig, signal.signal(sig, stop)) for sig in (signal.SIGINT, signal.SIGTERM)]


def run(
    src: Source, options: Options, rows: list[ManifestRow], errors: list[RowError], console: Console
) -> int:
    """Run the batch with a progress bar, export the results, print the summary; the exit code."""
    try:
        journal = Journal(options.out_dir)
    except BatchBusy as exc:
        console.print(f"[red]{exc}[/red]")
        return EXIT_USAGE
    log.info(
        "batch start source=%s packages=%d manifest_errors=%d jobs=%d celery=%s out=%s",
        src.label,
        len(rows),
        len(errors),
        options.jobs,
        options.celery,
        options.out_dir,
    )
    started = time.perf_counter()
    progress = BatchProgress(console, len(rows) + len(errors))
    runner = Runner(src, options, journal, progress)
    previous = _interruptible(runner)
    try:
        with progress.shown():
            totals = runner.run(rows, errors)
    except Exception:
        log.exception("batch failed")
        console.print("[red]internal failure; see the log[/red]")
        return EXIT_INTERNAL
    finally:
        for sig, handler in previous:
            signal.signal(sig, handler)
    wall = time.perf_counter() - started
    entries = export(journal, runner.current, options.out_dir)
    journal.close()
    print_summary(console, totals, entries, wall, options.out_dir)
    log.info(
        "batch end packages=%d done=%d failed=%d skipped=%d pages=%d pages_cached=%d documents_cached=%d "
        "changed=%d seconds=%.1f interrupted=%s",
        totals.packages,
        totals.done,
        totals.failed,
        totals.skipped,
        totals.pages,
        totals.pages_cached,
        totals.documents_cached,
        totals.changed,
        wall,
        totals.interrupted,
    )
    if totals.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_FAILED if any(e.status in ("failed", "busy") for e in entries) else EXIT_OK
