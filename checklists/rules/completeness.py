"""Completeness: every required document of the checklist in force is in the package (item 8 of App.3–5-1)."""

from collections.abc import Sequence

from checklists.load import checklist_for
from checklists.names import DOC_TYPE_NAMES, FLAG_NAMES
from models.checklist import ChecklistItem
from models.documents import Document
from models.findings import Finding
from models.package import PackageRequest
from models.report import ChecklistMark

CODE = "missing_document"
"""Severity and citation come from the checklist item."""


def required(item: ChecklistItem, flags: frozenset[str]) -> bool:
    """An item without a condition is always required; a conditional one when its flag is set."""
    return item.condition is None or item.condition in flags


def missing_message(item: ChecklistItem) -> str:
    """Russian sentence naming the missing document, what satisfies it, why it is required."""
    text = f"Нет документа: {item.title}."
    if len(item.doc_types) > 1:
        text += " Подходит любой из: " + "; ".join(DOC_TYPE_NAMES[t] for t in item.doc_types) + "."
    if item.condition is not None:
        text += f" Требуется, так как {FLAG_NAMES.get(item.condition, item.condition)}."
    if item.note:
        text += f" Примечание: {item.note}"
    return text


def marks(
    request: PackageRequest, documents: Sequence[Document], flags: frozenset[str] = frozenset()
) -> tuple[tuple[ChecklistItem, ChecklistMark], ...]:
    """Each item of the checklist in force with its status and the documents that satisfy it."""
    checklist = checklist_for(request.cost_type, request.application_date)
    out = []
    for item in checklist.items:
        satisfying = tuple(d.id for d in documents if d.type in item.doc_types)
        if satisfying:
            status = "present"
        elif required(item, flags):
            status = "missing"
        else:
            status = "not_required"
        out.append((item, ChecklistMark(item_id=item.id, title=item.title, citation=item.citation,
                                        status=status, documents=satisfying)))
    return tuple(out)


def completeness(
    request: PackageRequest, documents: Sequence[Document], flags: frozenset[str] = frozenset()
) -> tuple[Finding, ...]:
    """A `missing_document` finding for each applicable, required item no document satisfies."""
    return tuple(
        Finding(
            code=CODE,
            severity=item.severity,
            message=missing_message(item),
            citation=item.citation,
            doc_type=item.doc_types[0],
        )
        for item, mark in marks(request, documents, flags)
        if mark.status == "missing"
    )
