"""Findings about files and pages themselves (what could not be read), and checklist marks."""

from __future__ import annotations

from collections.abc import Sequence

from checklists.names import APPENDIX
from checklists.wording import said
from intake.i18n import N_
from models.documents import Document
from models.files import LoadedFile
from models.findings import Finding
from models.message import Message, msg
from models.pages import Page
from models.vocab import CostType, DocType, Severity


def refusal_citation(cost_type: CostType) -> str:
    """Unreadable or unreliable documents are a refusal ground: item 9 of the cost type's appendix."""
    return f"{APPENDIX[cost_type]} item 9"


def file_findings(files: Sequence[LoadedFile], cost_type: CostType) -> tuple[Finding, ...]:
    """A `rejected_file` error for every file that could not be read at all."""
    return tuple(
        Finding(
            code="rejected_file",
            severity=Severity.error,
            **said(msg(N_("Файл «%(file)s» не принят: %(error)s"), file=f.meta.name,
                       error=f.meta.error.text or Message(id=f.meta.error.message))),
            citation=refusal_citation(cost_type),
            file=f.meta.name,
        )
        for f in files
        if f.meta.error is not None
    )


def page_findings(
    pages: Sequence[Page], documents: Sequence[Document], cost_type: CostType
) -> tuple[Finding, ...]:
    """`unreadable_document` for pages that failed to read or yielded no text."""
    doc_of = {(r.file, r.page): d.id for d in documents for r in d.pages}
    photos = {(r.file, r.page) for d in documents if d.type == DocType.photo for r in d.pages}
    out = []
    for p in pages:
        if p.error is None and (p.words or (p.file, p.page) in photos):
            continue  # a photo of equipment needs no text
        reason = (N_("Файл «%(file)s», стр. %(page)s: страницу не удалось прочитать. Загрузите более четкую "
                     "копию.") if p.error else
                  N_("Файл «%(file)s», стр. %(page)s: на странице не найден текст. Загрузите более четкую "
                     "копию."))
        out.append(Finding(
            code="unreadable_document",
            severity=Severity.error if p.error else Severity.warning,
            **said(msg(reason, file=p.file, page=p.page)),
            citation=refusal_citation(cost_type),
            documents=(doc_of[(p.file, p.page)],) if (p.file, p.page) in doc_of else (),
            file=p.file,
            page=p.page,
        ))
    return tuple(out)
