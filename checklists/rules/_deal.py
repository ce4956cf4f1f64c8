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


def norm_number(value: str) -> str:
    """`№ KZ-17 ` → `KZ17`: spaces, dashes, slashes and the number sign dropped, upper case."""
    return re.sub(r"[\s\-–/№#.]", "", value).upper()


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
    """Contracts with the executor (a supply contract with a third-party supplier is not one).

    A contract whose parties were not read counts when it is the only contract.
    """
    contracts = of_type(documents, DocType.contract)
    with_executor = [d for d in contracts if any(p.role == Role.executor for p in d.fields.parties)]
    if with_executor:
        return with_executor
    unknown = [d for d in contracts if not d.fields.parties]
    return unknown if len(contracts) == 1 else []


def is_purchase(cost_type: CostType) -> bool:
    return cost_type in EQUIPMENT_COST_TYPES
