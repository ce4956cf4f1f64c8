"""Command line: `intake check PATH... --cost-type T --application-date D --applicant-bin B`."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from extractors.bin import is_valid_bin
from extractors.pages import ReaderConfig
from intake.pipeline import PipelineConfig, check
from intake.render_text import render_text
from intake.report import to_json
from intake.settings import Settings
from models.files import LoadedFile
from models.package import PackageRequest
from models.pages import Page
from models.report import Report
from models.vocab import CostType

EXIT_COMPLETE, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
log = logging.getLogger("intake.cli")


def setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"дата должна быть в формате ГГГГ-ММ-ДД, получено «{value}»") from None


def _parse_bin(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    if len(value) != 12 or not value.isdigit():
        raise click.BadParameter(f"БИН/ИИН — 12 цифр, получено «{value}»")
    if not is_valid_bin(value):
        raise click.BadParameter(f"БИН/ИИН «{value}» не проходит проверку контрольного разряда")
    return value


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from intake.render_html import render_html

        return render_html(report)
    return render_text(report)


@click.group()
@click.option("-v", "--verbose", count=True, help="More log lines on stderr (-v info, -vv debug).")
def main(verbose: int) -> None:
    """intake: completeness checks of reimbursement application packages."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    setup_logging(verbose)


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--cost-type", required=True, type=click.Choice([c.value for c in CostType]))
@click.option("--application-date", required=True, callback=_parse_date, help="YYYY-MM-DD")
@click.option("--applicant-bin", required=True, callback=_parse_bin)
@click.option("--format", "fmt", type=click.Choice(["json", "text", "html"]), default="json")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--workers", type=int, default=None, help="Parallel page readers (default: one per core).")
@click.option("--no-cache", is_flag=True, help="Read every page again, ignoring the page cache.")
def check_cmd(
    paths: Sequence[Path], cost_type: str, application_date: date, applicant_bin: str, fmt: str,
    out: Path | None, workers: int | None, no_cache: bool,
) -> None:
    """Check a package (files or folders; ZIPs are opened) and print its report."""
    if not paths:
        raise click.UsageError("не указан ни один файл или каталог пакета")
    settings = Settings()
    request = PackageRequest(cost_type=CostType(cost_type), application_date=application_date,
                             applicant_bin=applicant_bin)
    config = PipelineConfig(
        reader=ReaderConfig(languages=settings.languages,
                            workers=settings.workers if workers is None else workers),
        cache_dir=None if no_cache else settings.cache_path,
    )
    try:
        report = _run_with_progress(paths, request, config)
    except Exception:
        log.exception("internal failure while checking the package")
        click.echo("Внутренняя ошибка: отчет не сформирован. Подробности в журнале (stderr).", err=True)
        sys.exit(EXIT_INTERNAL)
    text = render(report, fmt)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    sys.exit(EXIT_COMPLETE if report.complete else EXIT_ERRORS)


def _run_with_progress(paths: Sequence[Path], request: PackageRequest, config: PipelineConfig) -> Report:
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("Чтение страниц", total=None)

        def on_files(files: Sequence[LoadedFile]) -> None:
            progress.update(task, total=sum(f.meta.pages or 0 for f in files))

        def on_page(_page: Page) -> None:
            progress.advance(task)

        return check(paths, request, config, on_page=on_page, on_files=on_files)


if __name__ == "__main__":
    main()
