"""Does each document belong in the package, and is its type sure enough to rely on?

- `wrong_document` (warning): a document of no kind the Rules list (a letter, an unrelated paper), or a
  deal document (contract, act, invoice, payment, transfer) between parties none of whom is the applicant
  or a party of the package's contract — a paper of another deal.
- `low_confidence` (warning): the classifier's calibrated confidence in a document's type is low, so an
  officer confirms the type instead of the checklist silently counting (or missing) it.
"""

from __future__ import annotations

from collections.abc import Sequence

from checklists.names import APPENDIX, DOC_TYPE_NAMES
from checklists.rules._deal import main_contracts
from checklists.rules._text import N_, by_gender, doc_ref, locate, said
from models.documents import Document
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.vocab import CostType, DocType, Severity

WRONG_CODE = "wrong_document"
LOW_CODE = "low_confidence"
WARNING = Severity.warning

LOW_CONFIDENCE = 0.9
"""Below this calibrated confidence (the estimated chance that the type is right, fitted by
`bench/calibration.py`) a document's type is flagged for an officer."""

DEAL_TYPES = frozenset({
    DocType.contract, DocType.act, DocType.invoice, DocType.payment_order, DocType.acceptance_certificate,
    DocType.waybill, DocType.settlement_document,
})
"""Documents of the deal itself: the applicant or a party of its contract must be on them."""

UNCHECKED_TYPES = frozenset({DocType.other, DocType.photo})
"""Types whose confidence is not judged: `other` has its own finding, a photo has no text to be sure of."""



def citation(cost_type: CostType) -> str:
    """The list of documents (item 8) and the refusal ground of unreliable documents (item 9)."""
    app = APPENDIX[cost_type]
    return f"{app} item 8; {app} item 9"


def wrong_documents(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`wrong_document` for papers of no listed kind and for deal documents of another deal."""
    deal_bins = {request.applicant_bin} | {
        p.bin for c in main_contracts(documents) for p in c.fields.parties if p.valid
    }
    seen_on: dict[str, set[str]] = {}  # BIN → ids of the deal documents that carry it
    for d in documents:
        if d.type in DEAL_TYPES:
            for p in d.fields.parties:
                if p.valid:
                    seen_on.setdefault(p.bin, set()).add(d.id)
    out: list[Finding] = []
    for d in documents:
        if d.type == DocType.other and d.confidence == 0.0:
            continue  # no text was read: `unreadable_document` says so, the paper may well belong
        if d.type == DocType.other and _names_the_executor(d, request, seen_on):
            continue  # the applicant and its counterparty: a deal document whose heading was not read
        if d.type == DocType.other:
            why = msg(N_("документ не относится ни к одному виду документов, которые Правила требуют для "
                         "этого вида затрат (письмо или иная бумага)"))
        elif d.type in DEAL_TYPES and d.type != DocType.contract and _stranger(d, deal_bins, seen_on):
            bins = ", ".join(sorted({p.bin for p in d.fields.parties if p.valid}))
            why = msg(N_("стороны документа (БИН/ИИН %(bins)s) — ни заявитель, ни стороны договора пакета; "
                         "похоже, документ относится к другой сделке"), bins=bins)
        else:
            continue
        file, page, _ = locate(d, None)
        out.append(Finding(
            code=WRONG_CODE, severity=WARNING, citation=citation(request.cost_type), doc_type=d.type,
            documents=(d.id,), file=file, page=page,
            **said(msg(by_gender(
                d.type,
                N_("%(doc)s (файл «%(file)s», стр. %(page)s): %(why)s. Уберите его из пакета или замените "
                   "нужным документом."),
                N_("%(doc)s (файл «%(file)s», стр. %(page)s): %(why)s. Уберите ее из пакета или замените "
                   "нужным документом."),
                N_("%(doc)s (файл «%(file)s», стр. %(page)s): %(why)s. Уберите его из пакета или замените "
                   "нужным документом.")), doc=doc_ref(d), file=file, page=page, why=why)),
        ))
    return tuple(out)


def _stranger(doc: Document, deal_bins: set[str], seen_on: dict[str, set[str]]) -> bool:
    """At least two valid parties were read, and none of them is the applicant, a contract party or a
    party of another deal document of the package (a contract whose executor OCR missed)."""
    bins = {p.bin for p in doc.fields.parties if p.valid}
    elsewhere = {b for b in bins if seen_on.get(b, set()) - {doc.id}}
    return len(bins) >= 2 and not bins & deal_bins and not elsewhere


def _names_the_executor(doc: Document, request: PackageRequest, seen_on: dict[str, set[str]]) -> bool:
    """The applicant and another party of the package's deal documents are both on it."""
    bins = {p.bin for p in doc.fields.parties if p.valid}
    return request.applicant_bin in bins and any(seen_on.get(b, set()) - {doc.id}
                                                 for b in bins - {request.applicant_bin})


def low_confidence(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`low_confidence` for a document whose type the classifier is unsure of."""
    out: list[Finding] = []
    for d in documents:
        if d.type in UNCHECKED_TYPES or d.confidence >= LOW_CONFIDENCE:
            continue
        file, page, _ = locate(d, None)
        out.append(Finding(
            code=LOW_CODE, severity=WARNING, citation=citation(request.cost_type), doc_type=d.type,
            documents=(d.id,), file=file, page=page,
            **said(msg(N_("Файл «%(file)s», стр. %(page)s: тип документа определен неуверенно — «%(type)s» с "
                          "уверенностью %(percent)s %%. Проверьте, что это за документ: от его вида зависит "
                          "полнота пакета."), file=file, page=page, type=Message(id=DOC_TYPE_NAMES[d.type]),
                       percent=round(d.confidence * 100))),
        ))
    return tuple(out)


def relevance(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    return wrong_documents(request, documents) + low_confidence(request, documents)
