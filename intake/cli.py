"""Command line: `intake check PATH... --cost-type T --application-date D --applicant-bin B`."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from extractors.bin import is_valid_bin
from intake.errors import IntakeError
from intake.files import load_package
from intake.i18n import LANGS, Lang
from intake.pipeline import PipelineConfig
from intake.render_text import render_text
from intake.report import to_json
from intake.run import require_languages, run_config, run_package
from intake.settings import RATES_FILE, Settings, load_settings
from models.files import LoadedFile
from models.package import PackageRequest
from models.pages import Page
from models.report import Report
from models.vocab import CostType

EXIT_COMPLETE, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
FORMATS = ["json", "text", "html", "pdf"]
__all__ = ["RATES_FILE", "main"]
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


def render(report: Report, fmt: str, lang: Lang = "ru") -> str | bytes:
    """The report in `fmt`; text, HTML and PDF in `lang` (JSON is the contract's, language-neutral)."""
    if fmt == "pdf":
        from intake.render_pdf import render_pdf

        return render_pdf(report, lang=lang)
    if fmt == "json":
        return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from intake.render_html import render_html

        return render_html(report, lang=lang)
    return render_text(report, lang=lang)


lang_option = click.option("--lang", type=click.Choice(list(LANGS)), default=None,
                           help="Language of text, HTML and PDF reports: ru, kk (default: INTAKE_LANG, ru).")


class IntakeGroup(click.Group):
    """The one place where a command's failure becomes an exit code and a message (Russian for people on
    stderr, English in the log): a product error carries its own code; Ctrl-C is 130."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except IntakeError as exc:
            log.error("%s: %s", exc.code, exc)
            click.echo(f"{exc.user_message}\n{exc}" if exc.show_detail else exc.user_message, err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Прервано.", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=IntakeGroup)
@click.option("-v", "--verbose", count=True, help="More log lines on stderr (-v info, -vv debug).")
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """intake: completeness checks of reimbursement application packages."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    setup_logging(verbose)
    ctx.obj = load_settings()


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--cost-type", required=True, type=click.Choice([c.value for c in CostType]))
@click.option("--application-date", required=True, callback=_parse_date, help="YYYY-MM-DD")
@click.option("--applicant-bin", required=True, callback=_parse_bin)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--workers", type=int, default=None, help="Parallel page readers (default: one per core).")
@click.option("--no-cache", is_flag=True, help="Read every file, page and document again (caches not used).")
@lang_option
@click.pass_obj
def check_cmd(
    settings: Settings, paths: Sequence[Path], cost_type: str, application_date: date, applicant_bin: str,
    fmt: str, out: Path | None, workers: int | None, no_cache: bool, lang: Lang | None,
) -> None:
    """Check a package (files or folders; ZIPs are opened) and print its report."""
    if not paths:
        raise click.UsageError("не указан ни один файл или каталог пакета")
    request = PackageRequest(cost_type=CostType(cost_type), application_date=application_date,
                             applicant_bin=applicant_bin)
    config = run_config(settings, workers=workers, cache=not no_cache)
    require_languages(config)
    try:
        report = _run_with_progress(paths, request, config)
    except IntakeError:
        raise
    except Exception:
        log.exception("internal failure while checking the package")
        click.echo("Внутренняя ошибка: отчет не сформирован. Подробности в журнале (stderr).", err=True)
        sys.exit(EXIT_INTERNAL)
    emit(render(report, fmt, lang or settings.lang), out)
    sys.exit(EXIT_COMPLETE if report.complete else EXIT_ERRORS)


def emit(data: str | bytes, out: Path | None) -> None:
    """Write a rendered report to `out` or stdout (bytes for a PDF)."""
    if isinstance(data, bytes):
        if out:
            out.write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    elif out:
        out.write_text(data, encoding="utf-8")
    else:
        sys.stdout.write(data)


@main.command("recheck")
@click.argument("report_path", metavar="REPORT.json",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--application-date", default=None, help="YYYY-MM-DD (default: the report's).")
@click.option("--cost-type", type=click.Choice([c.value for c in CostType]), default=None,
              help="Default: the report's.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@lang_option
@click.pass_obj
def recheck_cmd(settings: Settings, report_path: Path, application_date: str | None, cost_type: str | None,
                fmt: str, out: Path | None, lang: Lang | None) -> None:
    """Check an earlier extraction (a JSON report of `intake check`) again without reading pages."""
    from checklists.rates import load_store
    from intake.recheck import recheck

    day = _parse_date(click.get_current_context(), click.Option(["--application-date"]), application_date) \
        if application_date else None
    try:
        raw = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.UsageError(f"не удалось прочитать отчет {report_path}: {exc}") from None
    try:
        report = recheck(raw, application_date=day, cost_type=CostType(cost_type) if cost_type else None,
                         rates=load_store(settings.rates_path))
    except (KeyError, ValueError, TypeError) as exc:
        raise click.UsageError(f"{report_path}: не отчет intake.report/1 ({exc})") from None
    emit(render(report, fmt, lang or settings.lang), out)
    sys.exit(EXIT_COMPLETE if report.complete else EXIT_ERRORS)


@main.group("rates")
def rates_group() -> None:
    """NBK exchange rates the currency checks read (p.19)."""


@rates_group.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Rates CSV to merge into (default: $INTAKE_DATA_DIR/rates.csv).")
@click.pass_obj
def rates_import_cmd(settings: Settings, files: Sequence[Path], store: Path | None) -> None:
    """Import NBK feeds (rates_all.xml RSS or get_rates.cfm?fdate=… XML) into the rates store."""
    from checklists.rates import import_feeds

    target = store or settings.rates_path
    try:
        counts = import_feeds(files, target)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    for name, n in counts.items():
        click.echo(f"{name}: курсов {n}")
    click.echo(f"записано в {target}")


@rates_group.command("fetch")
@click.option("--from", "start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="First day, YYYY-MM-DD.")
@click.option("--to", "end", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Last day, YYYY-MM-DD (inclusive).")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Rates CSV to merge into (default: $INTAKE_DATA_DIR/rates.csv).")
@click.option("--base-url", default=None, help="Feed URL (default: $INTAKE_NBK_RATES_URL or the NBK's).")
def rates_fetch_cmd(start: datetime, end: datetime, store: Path | None, base_url: str | None) -> None:
    """Fetch the NBK daily rates (get_rates.cfm?fdate=DD.MM.YYYY) for a range of days into the store.

    Exit code 1 when some day could not be fetched (the others are written)."""
    from checklists.rates_fetch import fetch_range

    settings = Settings()
    target = store or settings.rates_path
    try:
        result = fetch_range(start.date(), end.date(), target, base_url or settings.nbk_rates_url)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    for day, n in sorted(result.written.items()):
        click.echo(f"{day:%d.%m.%Y}: курсов {n}")
    for day, why in sorted(result.failed.items()):
        click.echo(f"{day:%d.%m.%Y}: не получено — {why}", err=True)
    click.echo(f"записано в {target}" if result.written else "ничего не записано")
    if result.failed:
        raise SystemExit(1)


def _run_with_progress(paths: Sequence[Path], request: PackageRequest, config: PipelineConfig) -> Report:
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("Чтение страниц", total=None)

        def on_files(files: Sequence[LoadedFile]) -> None:
            progress.update(task, total=sum(f.meta.pages or 0 for f in files))

        def on_page(_page: Page) -> None:
            progress.advance(task)

        files = load_package(paths, config.limits)
        return run_package(config, files, request, on_files=on_files, on_page=on_page).report


def _register_service_commands() -> None:
    from intake.cli_service import purge, serve, users

    main.add_command(serve)
    main.add_command(users)
    main.add_command(purge)
    from intake.cli_batch import batch

    main.add_command(batch)


_register_service_commands()


if __name__ == "__main__":
    main()
