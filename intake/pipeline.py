"""The one data flow: package → files → pages → documents → fields → findings → report.

The CLI, the service and the batch runner all call `check` (or its stages); each stage is a plain
function over frozen models.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from checklists.evaluate import assess, package_flags
from checklists.load import checklist_for
from checklists.rates import RateStore, load_store
from checklists.rules.completeness import marks
from checklists.rules.readings import PageScores
from extractors.agreed_totals import agree_totals
from extractors.cache import DiskCache
from extractors.cited_numbers import agree_numbers
from extractors.classify import page_scores
from extractors.cost_share import totals_from_share
from extractors.currency import settle_currencies
from extractors.fields import extract_fields
from extractors.pages import ReaderConfig, read_pages
from extractors.roles import resolve_roles
from extractors.split import assemble
from extractors.textindex import DocText
from intake.doc_cache import DocumentCache
from intake.files import load_package, readable
from intake.findings import file_findings, page_findings
from intake.limits import Limits
from models.base import Frozen
from models.documents import Document
from models.files import InputFile, LoadedFile
from models.findings import Finding
from models.package import PackageRequest
from models.pages import Page
from models.report import ChecklistRef, Report
from models.vocab import DocType

log = logging.getLogger(__name__)


class PipelineConfig(Frozen):
    reader: ReaderConfig = ReaderConfig()
    limits: Limits = Limits()
    cache_dir: Path | None = None
    rates_path: Path | None = None
    """Imported NBK rates (`$INTAKE_DATA_DIR/rates.csv`); the shipped table is always read."""


def pages_of(doc: Document, pages: Sequence[Page]) -> list[Page]:
    wanted = {(r.file, r.page) for r in doc.pages}
    return [p for p in pages if (p.file, p.page) in wanted]


def read_documents(pages: Sequence[Page], request: PackageRequest) -> tuple[Document, ...]:
    """Pages → typed documents with their fields."""
    docs = [_with_fields(doc, pages_of(doc, pages), request.applicant_bin) for doc in assemble(pages)]
    texts = document_texts(docs, pages)
    settled = totals_from_share(agree_totals(settle_currencies(docs, texts),
                                             lambda d: DocText(pages_of(d, pages))), texts)
    return resolve_roles(agree_numbers(settled, texts), request.applicant_bin)


def _with_fields(doc: Document, pages: Sequence[Page], applicant_bin: str) -> Document:
    """The document with its fields; a defect of a field reader on one document leaves that document
    without fields (its traceback logged for the operator) instead of the whole package unchecked."""
    try:
        return extract_fields(doc, pages, applicant_bin)
    except Exception:
        log.exception("fields failed document=%s type=%s files=%s", doc.id, doc.type.value,
                      ",".join(sorted({r.file for r in doc.pages})))
        return doc


def document_texts(documents: Sequence[Document], pages: Sequence[Page]) -> dict[str, str]:
    """Page text of each document (the currency a document states for its total; the contract's for the
    excluded-equipment check of p.5(8); the application's, contract's and payments' for the conditions the
    package shows)."""
    return {d.id: "\n".join(p.text for p in pages_of(d, pages)) for d in documents}


def report_of(
    request: PackageRequest,
    files: Sequence[InputFile],
    documents: Sequence[Document],
    carried: Sequence[Finding] = (),
    flags: frozenset[str] = frozenset(),
    *,
    texts: dict[str, str] | None = None,
    rates: RateStore | None = None,
    pages: PageScores | None = None,
) -> Report:
    """Checklists and rules over documents already read (`carried`: findings about files and pages;
    `pages`: each page's type scores, so that a missing document names a page that may be it)."""
    checklist = checklist_for(request.cost_type, request.application_date)
    findings, reimbursement = assess(request, documents, flags, files=files, texts=texts, rates=rates,
                                     pages=pages)
    return Report(
        package=request,
        checklist=ChecklistRef(id=checklist.id, version=checklist.version),
        files=tuple(files),
        documents=tuple(documents),
        findings=tuple(carried) + findings,
        marks=tuple(mark for _, mark in marks(request, documents,
                                                package_flags(request, documents, flags, texts))),
        reimbursement=reimbursement,
    )


def judge(
    request: PackageRequest,
    files: Sequence[LoadedFile],
    pages: Sequence[Page],
    documents: Sequence[Document],
    flags: frozenset[str] = frozenset(),
    rates: RateStore | None = None,
) -> Report:
    """Checklists and rules over what was read: cheap, re-run on every re-check."""
    carried = file_findings(files, request.cost_type) + page_findings(pages, documents, request.cost_type)
    return report_of(request, [f.meta for f in files], documents, carried, flags,
                     texts=document_texts(documents, pages), rates=rates, pages=page_types(pages))


def page_types(pages: Sequence[Page]) -> dict[tuple[str, int], dict[DocType, float]]:
    """(file, page) → the classifier's score of each type on the page alone."""
    return {(p.file, p.page): page_scores(p) for p in pages}


def check(
    paths: Sequence[Path],
    request: PackageRequest,
    config: PipelineConfig | None = None,
    on_page: Callable[[Page], None] | None = None,
    on_files: Callable[[Sequence[LoadedFile]], None] | None = None,
) -> Report:
    """Read a package from disk and report on it."""
    config = config or PipelineConfig()
    return check_files(load_package(paths, config.limits), request, config, on_page, on_files)


def check_files(
    files: Sequence[LoadedFile],
    request: PackageRequest,
    config: PipelineConfig | None = None,
    on_page: Callable[[Page], None] | None = None,
    on_files: Callable[[Sequence[LoadedFile]], None] | None = None,
    *,
    page_cache: DiskCache | None = None,
    doc_cache: DocumentCache | None = None,
    rates: RateStore | None = None,
) -> Report:
    """Report on a package whose files are already loaded (from disk, an upload or the object store).

    `page_cache` replaces the one under `config.cache_dir`; `doc_cache` reuses documents read before;
    `rates` replaces the store read from `config.rates_path`.
    """
    config = config or PipelineConfig()
    if on_files:
        on_files(files)
    cache = page_cache or (DiskCache(config.cache_dir, "pages") if config.cache_dir else None)
    pages = read_pages(readable(files), config.reader, cache, on_page)
    documents = (doc_cache.read(pages, request, read_documents) if doc_cache
                 else read_documents(pages, request))
    report = judge(request, files, pages, documents, rates=rates or load_store(config.rates_path))
    log.info("package checked files=%d pages=%d documents=%d findings=%d complete=%s",
             len(files), len(pages), len(documents), len(report.findings), report.complete)
    return report
