"""One way to run a package, whoever asks: `intake check`, the service's worker, a Celery worker, a batch.

The run context is a `PipelineConfig` built once per process from the settings (`run_config`): how pages
are read, the limits, the cache folder (files, pages, documents) and the NBK rate store (the shipped
table plus `rates.csv` of the data folder, read on every run, so rates imported while a service runs
apply to its next package). `run_package` checks one package's loaded files with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checklists.rates import load_store
from extractors.cache import DiskCache
from intake.doc_cache import CountingCache, DocumentCache, load_files
from intake.errors import LanguageDataMissing
from intake.files import readable
from intake.i18n import N_
from intake.pipeline import PipelineConfig, check_files
from intake.settings import Settings
from models.base import Frozen
from models.files import LoadedFile
from models.package import PackageRequest
from models.pages import Page
from models.report import Report


def run_config(settings: Settings, *, workers: int | None = None, cache: bool = True) -> PipelineConfig:
    """The run context of this process; `workers` overrides `INTAKE_WORKERS`, `cache=False` reads all
    again (`--no-cache`)."""
    return PipelineConfig(
        reader=settings.reader(workers),
        limits=settings.limits(),
        cache_dir=settings.cache_path if cache else None,
        rates_path=settings.rates_path,
    )


class Run(Frozen):
    """A checked package and what the caches saved."""

    report: Report
    pages: int
    pages_cached: int
    documents_cached: int
    document_keys: tuple[str, ...] = ()
    """The document-cache entries the run read or wrote (deleted with the package)."""


def load(config: PipelineConfig, blobs: Sequence[tuple[str, bytes]]) -> tuple[LoadedFile, ...]:
    """Named bytes → files (types and page counts cached by content under the cache folder)."""
    cache = DiskCache(config.cache_dir, "files") if config.cache_dir else None
    return load_files(blobs, config.limits, cache)


def run_package(
    config: PipelineConfig,
    files: Sequence[LoadedFile],
    request: PackageRequest,
    *,
    on_files: Callable[[Sequence[LoadedFile]], None] | None = None,
    on_page: Callable[[Page], None] | None = None,
) -> Run:
    """Read, judge and report on one package: pages and documents come from the cache when read before."""
    root = config.cache_dir
    page_cache = CountingCache(root, "pages") if root else None
    doc_cache = DocumentCache(root) if root else None
    report = check_files(files, request, config, on_page, on_files, page_cache=page_cache,
                         doc_cache=doc_cache, rates=load_store(config.rates_path))
    return Run(
        report=report,
        pages=sum(f.meta.pages or 0 for f in readable(files)),
        pages_cached=page_cache.hits if page_cache else 0,
        documents_cached=len(report.documents) if doc_cache and doc_cache.hits else 0,
        document_keys=tuple(doc_cache.keys) if doc_cache else (),
    )


def require_languages(config: PipelineConfig) -> None:
    """Stop before reading anything when Tesseract lacks a configured language (exit 3 with the fix)."""
    import pytesseract

    try:
        installed = set(pytesseract.get_languages(config=""))
    except (OSError, pytesseract.TesseractNotFoundError) as exc:
        fix = "apt-get install tesseract-ocr " + " ".join(
            f"tesseract-ocr-{lang}" for lang in config.reader.languages.split("+"))
        raise LanguageDataMissing(f"tesseract not runnable ({type(exc).__name__}); install: {fix}",
                                  user_message=N_("Tesseract не установлен. Установите: %(fix)s."),
                                  fix=fix) from None
    missing = [lang for lang in config.reader.languages.split("+") if lang not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang.replace('_', '-')}" for lang in missing)
        raise LanguageDataMissing(
            f"{', '.join(missing)} (INTAKE_LANGUAGES={config.reader.languages}); "
            f"install: apt-get install {packages} (or run scripts/install-system.sh)",
            user_message=N_("Не установлены языковые данные Tesseract: %(languages)s. Установите: "
                            "apt-get install %(packages)s (или scripts/install-system.sh)."),
            languages=", ".join(missing), packages=packages,
        )
