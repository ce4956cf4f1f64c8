"""Amounts (p.17): payments add up to the invoiced total; invoices, acts, transfer documents and the contract
agree. Money is Decimal; each document compared may be off by one tiyn of rounding."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from checklists.rules._deal import (
    PAYMENT_TYPES,
    TIYN,
    TRANSFER_TYPES,
    distinct,
    is_purchase,
    main_contracts,
    of_type,
)
from checklists.rules._text import describe, locate
from checklists.rules._text import ru_money as _money
from models.documents import Document
from models.findings import Finding
from models.package import PackageRequest
from models.vocab import DocType, Severity

CODE = "amount_mismatch"
SEVERITY = Severity.error
CITATION = "p.17"


def _listing(docs: Sequence[Document]) -> str:
    return "; ".join(f"{describe(d)} — {_money(d.fields.total.amount, d.fields.total.currency)}"
                     for d in docs if d.fields.total)


class _Side:
    """A group of documents whose totals (all read, one currency) add up to one figure."""

    def __init__(self, name: str, docs: Sequence[Document]) -> None:
        self.name = name
        self.docs = [d for d in docs if d.fields.total is not None]
        self.unread = len(docs) - len(self.docs)
        self.currencies = {d.fields.total.currency for d in self.docs if d.fields.total}

    @property
    def usable(self) -> bool:
        """Every document's total was read, in one currency (a partial sum is not compared)."""
        return bool(self.docs) and not self.unread and len(self.currencies) == 1

    @property
    def currency(self) -> str:
        return next(iter(self.currencies))

    @property
    def total(self) -> Decimal:
        return sum((d.fields.total.amount for d in self.docs if d.fields.total), Decimal(0))


def _compare(a: _Side, b: _Side, anchor: Document) -> Finding | None:
    if not (a.usable and b.usable) or a.currency != b.currency:
        return None
    diff = a.total - b.total
    if abs(diff) <= TIYN * (len(a.docs) + len(b.docs)):
        return None
    file, page, bbox = locate(anchor, anchor.fields.total)
    message = (
        f"Суммы не сходятся: {a.name} — {_money(a.total, a.currency)}, {b.name} — "
        f"{_money(b.total, b.currency)}, разница {_money(abs(diff), a.currency)}. "
        f"{a.name[:1].upper() + a.name[1:]}: {_listing(a.docs)}. "
        f"{b.name[:1].upper() + b.name[1:]}: {_listing(b.docs)}."
    )
    return Finding(
        code=CODE,
        severity=SEVERITY,
        message=message,
        citation=CITATION,
        doc_type=anchor.type,
        documents=tuple(d.id for d in (*a.docs, *b.docs)),
        file=file,
        page=page,
        bbox=bbox,
    )


def amounts(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`amount_mismatch` for each pair of document groups whose read totals disagree.

    Pairs: invoices (or, without them, the contract) ↔ payments; contract ↔ invoices; contract ↔ acts
    (services); contract ↔ acceptance acts and ↔ waybills (equipment purchases, each kind on its own,
    since one delivery may carry both). Groups in different currencies are not compared here (p.19
    converts payments for the reimbursement, not the documents against each other). Repeated documents
    (same type, number, date) count once.
    """
    docs = distinct(documents)
    contract = _Side("сумма договора", main_contracts(docs))
    invoices = _Side("сумма счетов-фактур", of_type(docs, DocType.invoice))
    payments = _Side("сумма платежей", of_type(docs, *PAYMENT_TYPES))
    acts = _Side("сумма актов оказанных услуг", of_type(docs, DocType.act))
    pairs: list[tuple[_Side, _Side]] = []
    billed = invoices if invoices.usable else contract
    pairs.append((payments, billed))
    if invoices.usable:
        pairs.append((invoices, contract))
    if is_purchase(request.cost_type):
        for t, name in ((DocType.acceptance_certificate, "сумма актов приема-передачи"),
                        (DocType.waybill, "сумма накладных")):
            pairs.append((_Side(name, of_type(docs, t)), contract))
    else:
        pairs.append((acts, contract))
    out = []
    for a, b in pairs:
        anchor = a.docs[-1] if a.docs else None
        if anchor is None:
            continue
        found = _compare(a, b, anchor)
        if found is not None:
            out.append(found)
    return tuple(out)


__all__ = ["CITATION", "CODE", "SEVERITY", "TRANSFER_TYPES", "amounts"]
