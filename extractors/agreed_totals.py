"""Package stage: a total OCR misread by one digit, set right by the figure the package agrees on.

A deal's contract, invoice, act, payments and report print the same amount again and again. Where a scan
or photo of one of them reads a digit wrong (`700 098,76` for `700 598,76`), glues a table's ruling or the
tenge sign before it as a digit (`75,918,505.21` for `₸5,918,505.21`) or loses its head group on a bad
scan (`78 007,34` of `6 788 007,34`), two or more other documents of the package read that figure and none
reads the document's: the document's total is the figure. A total read sure (a text layer's, a clean
scan's) or equal to another document's is never changed.

And where the page's own arithmetic (`net + VAT = gross`) overruled the figure a document's total label
reads (`fields.overruled_total`), another document reading that label's figure confirms it: the label's
figure is the total again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal

from extractors import bin as bins
from extractors.fields import overruled_total
from extractors.textindex import DocText
from models.documents import Document, MoneyField

SURE = 0.95
"""A total read at least this sure is never replaced."""
AGREEING = 2
"""Other documents that must read the figure."""


def one_digit_off(a: Decimal, b: Decimal) -> bool:
    """Same digits, tiyn included, but for one."""
    return bins.one_digit_off(f"{a:.2f}", f"{b:.2f}")


MIN_TAIL = 6
"""A head lost: the digits read (tiyn included) must be at least this many."""


def misread_of(read: Decimal, figure: Decimal) -> bool:
    """Is `read` the `figure` misread: one digit off, with a `1` or `7` glued before it (a ruling, the
    tenge sign), or its tail with the head group(s) lost?"""
    x, y = f"{read:.2f}", f"{figure:.2f}"
    return one_digit_off(read, figure) or (x[0] in "17" and x[1:] == y) or (
        len(x) < len(y) and y.endswith(x) and sum(c.isdigit() for c in x) >= MIN_TAIL)


def agree_totals(documents: Sequence[Document],
                 text_of: Callable[[Document], DocText] | None = None) -> list[Document]:
    """`documents` with each unsure total that is a misreading (`misread_of`) of a figure `AGREEING` other
    documents read (in the same currency, none reading it as this one does) replaced by that figure; first,
    with `text_of` (a document's text), each total the page's arithmetic set back to its label's figure
    where another document reads that figure (`_label_confirmed`)."""
    if text_of is not None:
        documents = _label_confirmed(documents, text_of)

    def agreed(d: Document, total: MoneyField, read: Counter[tuple[Decimal, str]]) -> Decimal | None:
        figures = [amount for (amount, currency), n in read.items()
                   if currency == total.currency and n >= AGREEING and misread_of(total.amount, amount)]
        return figures[0] if len(figures) == 1 else None

    return _replace_unsure(documents, agreed)


def _label_confirmed(documents: Sequence[Document], text_of: Callable[[Document], DocText]) -> list[Document]:
    """`documents` with each unsure total read by no other document, which is the gross of its page's own
    arithmetic taken over the figure its label reads (`overruled_total`), set to that figure where another
    document reads it (in the same currency)."""

    def label(d: Document, total: MoneyField, read: Counter[tuple[Decimal, str]]) -> Decimal | None:
        overruled = overruled_total(text_of(d), d.type)
        if overruled is not None and overruled[1] == total.amount and read[(overruled[0], total.currency)]:
            return overruled[0]
        return None

    return _replace_unsure(documents, label)


Pick = Callable[[Document, MoneyField, Counter[tuple[Decimal, str]]], Decimal | None]
"""The figure an unsure total stands for (a document, its total, how many documents read each figure), or
None."""


def _replace_unsure(documents: Sequence[Document], pick: Pick) -> list[Document]:
    """`documents` with each total read unsure (below `SURE`, or with no confidence) and by no other document
    replaced by the figure `pick` gives for it."""
    read = Counter((d.fields.total.amount, d.fields.total.currency) for d in documents if d.fields.total)
    out = []
    for d in documents:
        total = d.fields.total
        unsure = total is not None and (total.confidence is None or total.confidence < SURE) \
            and read[(total.amount, total.currency)] == 1
        if unsure and total is not None and (figure := pick(d, total, read)) is not None:
            fixed = total.model_copy(update={"amount": figure})
            d = d.model_copy(update={"fields": d.fields.model_copy(update={"total": fixed})})
        out.append(d)
    return out
