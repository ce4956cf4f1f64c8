"""A bad scan's total with the tenge sign or a ruling glued before it as a digit, or with its head group
lost, is the figure two other documents of the package read; a total no two others agree on stays."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.agreed_totals import agree_totals
from models.documents import Document, Fields, MoneyField, PageRef
from models.vocab import DocType


def _doc(doc_id: str, kind: DocType, amount: str, confidence: float) -> Document:
    total = MoneyField(amount=Decimal(amount), currency="KZT", confidence=confidence)
    return Document(id=doc_id, type=kind, confidence=0.9, pages=(PageRef(file=f"{doc_id}.tif", page=1),),
                    fields=Fields(total=total))


@pytest.mark.parametrize("read", [
    "75918505.21",  # `Итого 75,918,505.21`: the tenge sign of `₸5,918,505.21` read as 7
    "15918505.21",  # the table's ruling read as 1
    "918505.21",  # `5 918 505,21` with its head group lost
])
def test_a_misread_act_total_is_the_figure_the_contract_and_the_payment_read(read: str) -> None:
    docs = [_doc("a", DocType.acceptance_certificate, read, 0.88),
            _doc("c", DocType.contract, "5918505.21", 0.93),
            _doc("p", DocType.payment_order, "5918505.21", 0.94)]
    total = agree_totals(docs)[0].fields.total
    assert total is not None and total.amount == Decimal("5918505.21")


@pytest.mark.parametrize("read", [
    "25918505.21",  # another digit before it: a figure of its own
    "505.21",  # too short a tail to say whose
])
def test_a_total_that_is_no_such_misreading_stays_as_read(read: str) -> None:
    docs = [_doc("a", DocType.acceptance_certificate, read, 0.88),
            _doc("c", DocType.contract, "5918505.21", 0.93),
            _doc("p", DocType.payment_order, "5918505.21", 0.94)]
    total = agree_totals(docs)[0].fields.total
    assert total is not None and total.amount == Decimal(read)
