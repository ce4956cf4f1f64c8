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


def distinct(documents: Sequence[Document]) -> list[Document]:
    """Documents with repeats (same type, number and date) left out: the first one stays."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for d in documents:
        key = doc_key(d)
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        out.append(d)
    return out


def of_type(documents: Sequence[Document], *types: DocType) -> list[Document]:
    return [d for d in documents if d.type in types]


def main_contracts(documents: Sequence[Document]) -> list[Document]:
    """The contract(s) with the executor, not a supply contract with a third-party supplier.

    A single contract is the deal's. With several: those whose executor BIN is the executor (or
    beneficiary) on an act, invoice or payment; else those naming such a BIN in any role or misprinted by
    one digit (an invalid BIN has no role); else those with any executor; else all of them.
    """
    contracts = of_type(documents, DocType.contract)
    if len(contracts) <= 1:
        return contracts
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
    with_executor = [d for d in contracts if any(p.role == Role.executor for p in d.fields.parties)]
    return with_executor or contracts


def _near(a: str, b: str) -> bool:
    """Equal, or the same length and one digit apart (a misprinted or misread BIN)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def is_purchase(cost_type: CostType) -> bool:
    return cost_type in EQUIPMENT_COST_TYPES
