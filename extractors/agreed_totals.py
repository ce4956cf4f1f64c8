"""Package stage: a total OCR misread by one digit, set right by the figure the package agrees on.

A deal's contract, invoice, act, payments and report print the same amount again and again. Where a scan
or photo of one of them reads a digit wrong (`700 098,76` for `700 598,76`), two or more other documents
of the package read that figure and none reads the document's: the document's total is the figure. A total
read sure (a text layer's, a clean scan's) or equal to another document's is never changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from models.documents import Document

SURE = 0.95
"""A total read at least this sure is never replaced."""
AGREEING = 2
"""Other documents that must read the figure."""


def one_digit_off(a: Decimal, b: Decimal) -> bool:
    """Same digits, tiyn included, but for one."""
    x, y = f"{a:.2f}", f"{b:.2f}"
    return len(x) == len(y) and sum(p != q for p, q in zip(x, y, strict=True)) == 1


def agree_totals(documents: Sequence[Document]) -> list[Document]:
    """`documents` with each unsure total one digit off a figure `AGREEING` other documents read (in
    the same currency, none reading it as this one does) replaced by that figure."""
    read = Counter((d.fields.total.amount, d.fields.total.currency) for d in documents if d.fields.total)
    out = []
    for d in documents:
        total = d.fields.total
        if total is not None and (total.confidence is None or total.confidence < SURE) \
                and read[(total.amount, total.currency)] == 1:
            agreed = [amount for (amount, currency), n in read.items()
                      if currency == total.currency and n >= AGREEING and one_digit_off(amount, total.amount)]
            if len(agreed) == 1:
                fixed = total.model_copy(update={"amount": agreed[0]})
                d = d.model_copy(update={"fields": d.fields.model_copy(update={"total": fixed})})
        out.append(d)
    return out
