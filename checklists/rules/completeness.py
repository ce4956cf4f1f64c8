"""Completeness: every required document of the checklist in force is in the package (item 8 of App.3–5-1)."""

from collections.abc import Mapping, Sequence

from checklists.load import checklist_for
from checklists.names import DOC_TYPE_NAMES, FLAG_NAMES
from checklists.rules._text import N_, joined, said
from checklists.rules.readings import PageScores, doubted
from models.checklist import ChecklistItem
from models.documents import Document
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.report import ChecklistMark
from models.vocab import DocType

CODE = "missing_document"
"""Severity and citation come from the checklist item."""

SUBSTITUTES: dict[DocType, str] = {DocType.foreign_registration: "non_resident_executor"}
"""A document type that stands for an item's first type only while the package flag holds: the foreign
entity's registration replaces invoices only when the executor is a non-resident (App.3 item 8, paragraph
after sub-item 13, and the same paragraph of each list)."""


def satisfies(doc_type: DocType, item: ChecklistItem, flags: frozenset[str]) -> bool:
    """Whether a document of `doc_type` satisfies `item` under the package's flags.

    A contract satisfying an item whose first type is not a contract (the supply contract of App.4 item
    8(10), шеф-монтаж) must be another contract than the deal's: `marks` asks for two contracts."""
    if doc_type not in item.doc_types:
        return False
    flag = SUBSTITUTES.get(doc_type)
    return flag is None or item.doc_types[0] == doc_type or flag in flags


def required(item: ChecklistItem, flags: frozenset[str]) -> bool:
    """An item without a condition is always required; a conditional one when its flag is set."""
    return item.condition is None or item.condition in flags


def replaced(item: ChecklistItem, flags: frozenset[str]) -> bool:
    """An item whose substitute's flag holds: the substitute is required by its own conditional item
    (invoices of a non-resident executor are replaced by its registration documents)."""
    return any(SUBSTITUTES.get(t) in flags for t in item.doc_types[1:])


def missing_message(
    item: ChecklistItem, flags: frozenset[str] = frozenset(), evidence: Mapping[str, Message] | None = None
) -> Message:
    """The sentence naming the missing document, what satisfies it, why it is required (with the
    evidence of a condition decided from the package, where given)."""
    parts = [msg(N_("Нет документа: %(title)s."), title=Message(id=item.title))]
    usable = [t for t in item.doc_types if SUBSTITUTES.get(t) is None or t == item.doc_types[0]
              or SUBSTITUTES[t] in flags]
    if len(usable) > 1:
        parts.append(msg(N_("Подходит любой из: %(names)s."),
                         names=joined([Message(id=DOC_TYPE_NAMES[t]) for t in usable])))
    if item.condition is not None:
        flag = Message(id=FLAG_NAMES.get(item.condition, item.condition))
        why = (evidence or {}).get(item.condition)
        parts.append(msg(N_("Требуется, так как %(flag)s (%(why)s)."), flag=flag, why=why) if why
                     else msg(N_("Требуется, так как %(flag)s."), flag=flag))
    if item.note:
        parts.append(msg(N_("Примечание: %(note)s"), note=Message(id=item.note)))
    return joined(parts, " ")


def marks(
    request: PackageRequest, documents: Sequence[Document], flags: frozenset[str] = frozenset()
) -> tuple[tuple[ChecklistItem, ChecklistMark], ...]:
    """Each item of the checklist in force with its status and the documents that satisfy it."""
    checklist = checklist_for(request.cost_type, request.application_date)
    sole_contract = sum(d.type == DocType.contract for d in documents) < 2
    out = []
    for item in checklist.items:
        satisfying = tuple(d.id for d in documents if satisfies(d.type, item, flags)
                           and not (d.type == DocType.contract and item.doc_types[0] != DocType.contract
                                    and sole_contract))
        if satisfying:
            status = "present"
        elif required(item, flags) and not replaced(item, flags):
            status = "missing"
        else:
            status = "not_required"
        out.append((item, ChecklistMark(item_id=item.id, title=item.title, citation=item.citation,
                                        status=status, documents=satisfying)))
    return tuple(out)


def completeness(
    request: PackageRequest,
    documents: Sequence[Document],
    flags: frozenset[str] = frozenset(),
    evidence: Mapping[str, Message] | None = None,
    pages: PageScores | None = None,
) -> tuple[Finding, ...]:
    """A `missing_document` finding for each applicable, required item no document satisfies
    (`evidence`: flag → why the package shows it, quoted in the message).

    With `pages` (each page's type scores), the finding names what the package holds instead (`doubted`):
    a warning when a page may be the missing document."""
    out = []
    for item, mark in marks(request, documents, flags):
        if mark.status != "missing":
            continue
        doubt = doubted(missing_message(item, flags, evidence), item.severity, item.doc_types, documents,
                        pages)
        out.append(Finding(code=CODE, severity=doubt.severity, **said(doubt.message), citation=item.citation,
                           doc_type=item.doc_types[0], file=doubt.file, page=doubt.page,
                           documents=doubt.documents))
    return tuple(out)
