"""Which documents make up the deal: the main contract, payments, distinct documents (duplicates out)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from models.documents import Document
from models.vocab import EQUIPMENT_COST_TYPES, CostType, DocType, Role

PAYMENT_TYPES = (DocType.payment_order, DocType.settlement_document)
TRANSFER_TYPES = (DocType.acceptance_certificate, DocType.waybill)
TIYN = Decimal("0.01")
"""Rounding tolerance per document compared (p.17 check)."""


HOMOGLYPHS = str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")
"""Cyrillic capitals printed exactly like Latin ones: OCR and typists mix them up in numbers."""


def norm_number(value: str) -> str:
    """`№ KZ-17 ` → `KZ17`: spaces, dashes, slashes and the number sign dropped, upper case, Cyrillic
    letters that look Latin made Latin (`АВР-1` and `ABP-1` are the same printed number)."""
    return re.sub(r"[\s\-–/№#.]", "", value).upper().translate(HOMOGLYPHS)


def doc_key(doc: Document) -> tuple[str, str, str] | None:
    """(type, number, date) of a document carrying both a number and a date, else None."""
    f = doc.fields
    if f.number is None or f.date is None or not norm_number(f.number.value):
        return None
    return doc.type.value, norm_number(f.number.value), f.date.value.isoformat()


def _numbered(doc: Document) -> bool:
    return doc.fields.number is not None and bool(norm_number(doc.fields.number.value))


def _same_payment(a: Document, b: Document) -> bool:
    """Two payment documents, the number of at least one unread, with the same date, amount and parties."""
    fa, fb = a.fields, b.fields
    if a.type not in PAYMENT_TYPES or b.type != a.type or (_numbered(a) and _numbered(b)):
        return False
    return (fa.date is not None and fb.date is not None and fa.date.value == fb.date.value
            and fa.total is not None and fb.total is not None and fa.total.amount == fb.total.amount
            and fa.total.currency == fb.total.currency
            and bool(fa.parties) and {p.bin for p in fa.parties} == {p.bin for p in fb.parties})


def repeat_of(doc: Document, earlier: Sequence[Document]) -> Document | None:
    """The earlier document that `doc` repeats: same type, number and date; or a payment whose number was
    not read on one of them, with the same date, amount and parties."""
    key = doc_key(doc)
    for e in earlier:
        if e.id != doc.id and ((key is not None and doc_key(e) == key) or _same_payment(doc, e)):
            return e
    return None


def distinct(documents: Sequence[Document]) -> list[Document]:
    """Documents with repeats (`repeat_of`) left out: the first one stays; a paper sent one file a page
    counts once (`whole_papers`)."""
    out: list[Document] = []
    for d in whole_papers(documents):
        if repeat_of(d, out) is None:
            out.append(d)
    return out


def whole_papers(documents: Sequence[Document]) -> list[Document]:
    """Documents with the later page-files of a paper sent one file a page (`continues`) folded into its
    first file's document: the number, date or total only a later file shows fill what the first did not."""
    out: list[Document] = []
    at: dict[str, int] = {}
    for d in documents:
        root = at.get(d.continues) if d.continues else None
        if root is None:
            at[d.id] = len(out)
            out.append(d)
            continue
        first = out[root]
        shown = {k: v for k in ("number", "date", "total")
                 if getattr(first.fields, k) is None and (v := getattr(d.fields, k)) is not None}
        if shown:
            out[root] = first.model_copy(update={"fields": first.fields.model_copy(update=shown)})
        at[d.id] = root
    return out


def of_type(documents: Sequence[Document], *types: DocType) -> list[Document]:
    return [d for d in documents if d.type in types]


TRIP_TYPES = (DocType.travel_document, DocType.accommodation_document)


def provider_payments(documents: Sequence[Document]) -> set[str]:
    """Ids of payments to a hotel or a carrier, not to the executor (p.17, p.20(2)–(3)): a payment naming no
    executor whose other company is a party (hotel, carrier, agent) of a travel or accommodation document.
    Those costs are claimed through the travel and accommodation documents."""
    providers = {p.bin for d in of_type(documents, *TRIP_TYPES) for p in d.fields.parties
                 if p.role != Role.applicant}
    return {
        d.id for d in of_type(documents, *PAYMENT_TYPES)
        if not any(p.role == Role.executor for p in d.fields.parties)
        and any(p.bin in providers for p in d.fields.parties)
    }


def main_contracts(documents: Sequence[Document]) -> list[Document]:
    """The contract(s) with the executor, not a supply contract with a third-party supplier.

    A single contract is the deal's. With several: those whose executor BIN is the executor (or
    beneficiary) on an act, invoice or payment; else those naming such a BIN in any role or misprinted by
    one digit (an invalid BIN has no role); else those whose total is what the acts or the payments add up
    to (a non-resident executor has no BIN); else those with any executor; else those that name no company
    but the applicant and the deal's executors (a contract whose parties were not read stays, one with a
    stranger goes); else all of them. A supplementary agreement to a priced contract (`supplements`) is
    never the deal's contract while that contract stands beside it, nor a later page of a contract sent one
    file a page (`continues`): the paper is counted once, by its first file.
    """
    contracts = of_type(whole_papers(documents), DocType.contract)
    if len(contracts) <= 1:
        return contracts
    agreements = supplements(contracts)
    return _main_of([d for d in contracts if d.id not in agreements] or contracts, documents)


def supplements(contracts: Sequence[Document]) -> set[str]:
    """Ids of supplementary agreements among the contracts: a paper typed as the contract's (a
    «Дополнительное соглашение № 1 к Договору …», an annex) with no price of its own, dated after a priced
    contract whose parties include all of its own (a BIN that contract carries with a failed check digit one
    digit off counts: the same company misprinted or misread). The deal's price and start are that
    contract's; the agreement changes a term, and its missing price is no unread total of the deal."""
    priced = [c for c in contracts if c.fields.total is not None and c.fields.date is not None]
    out = set()
    for d in contracts:
        if d.fields.total is not None or d.fields.date is None:
            continue
        own = {p.bin for p in d.fields.parties if p.valid}
        if own and any(c.fields.date is not None and c.fields.date.value < d.fields.date.value
                       and all(_names(c, b) for b in own) for c in priced):
            out.add(d.id)
    return out


def _names(contract: Document, bin_: str) -> bool:
    """`contract` names the company of `bin_`: the same BIN, or one digit off it failing its check digit."""
    return any(p.bin == bin_ or (not p.valid and _near(p.bin, bin_)) for p in contract.fields.parties)


def _main_of(contracts: list[Document], documents: Sequence[Document]) -> list[Document]:
    executors = {
        p.bin
        for d in of_type(documents, DocType.act, DocType.invoice, *PAYMENT_TYPES)
        for p in d.fields.parties
        if p.role == Role.executor
    }
    linked = [d for d in contracts
              if any(p.role == Role.executor and p.bin in executors for p in d.fields.parties)]
    if linked:
        return linked
    near = [d for d in contracts if any(_near(p.bin, b) for p in d.fields.parties for b in executors)]
    if near:
        return near
    priced = _priced_like_the_deal(contracts, documents)
    if priced:
        return priced
    with_executor = [d for d in contracts if any(p.role == Role.executor for p in d.fields.parties)]
    if with_executor:
        return with_executor
    ours = [d for d in contracts
            if all(p.role == Role.applicant or p.bin in executors for p in d.fields.parties if p.valid)]
    return ours or contracts


def _priced_like_the_deal(contracts: list[Document], documents: Sequence[Document]) -> list[Document]:
    """Contracts whose total is what the acts, or the payments, add up to (in one currency)."""
    sums = set()
    for types in ((DocType.act,), PAYMENT_TYPES):
        docs = [d for d in documents if d.type in types]
        totals = [d.fields.total for d in docs]
        if docs and all(t is not None for t in totals) and len({t.currency for t in totals if t}) == 1:
            sums.add(sum((t.amount for t in totals if t), Decimal(0)))
    return [c for c in contracts if c.fields.total is not None
            and any(abs(c.fields.total.amount - s) <= TIYN for s in sums)]


def _near(a: str, b: str) -> bool:
    """Equal, or the same length and one digit apart (a misprinted or misread BIN)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def is_purchase(cost_type: CostType) -> bool:
    return cost_type in EQUIPMENT_COST_TYPES
