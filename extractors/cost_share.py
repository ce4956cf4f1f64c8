"""Package stage: a report's total costs whose own cell OCR emptied or misread, told by the share it claims.

An applicant's report closes its table with `ИТОГО затрат` and states the amount to reimburse as a share
of it (`Сумма к возмещению (40 %): 142365.22 тенге.`). Where a scan or photo lost the total's digits, the
share still names it: the total is the amount the package's other documents print (the contract, the
payments) — or the report's own rows — whose share, rounded to the tiyn, is exactly the amount to
reimburse. Only an amount so confirmed is taken; dividing alone would guess the last tiyn. The same holds
where OCR read a total whose share is not the amount to reimburse (`9261 59.41`, a digit of `9261859.41`
lost, read as `59.41`): one of the two readings is wrong, and a package figure the share confirms is the
total; a total read from a text layer is as printed and stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from extractors import money
from models.documents import Document, MoneyField
from models.vocab import PageSource

_SHARE = re.compile(r"к[^\S\n]+возмещению[^\S\n]*\([^\S\n]*(\d{1,2}(?:[.,]\d{1,2})?)[^\S\n]*%[^\S\n]*\)"
                    r"[^\S\n]*[:.]?[^\S\n]*([^\n]{1,40})", re.IGNORECASE)
"""`Сумма к возмещению (40 %): 142 365,22 тенге`: the rate and the line's rest (the amount)."""
TIYN = Decimal("0.01")


def share_of(text: str) -> tuple[Decimal, Decimal] | None:
    """(rate in per cent, amount to reimburse) the text states, or None."""
    m = _SHARE.search(text)
    if m is None:
        return None
    amounts = money.find_amounts(m.group(2))
    if not amounts or amounts[0].amount <= 0:
        return None
    return Decimal(m.group(1).replace(",", ".")), amounts[0].amount


def _share(amount: Decimal, rate: Decimal) -> Decimal:
    return (amount * rate / 100).quantize(TIYN, ROUND_HALF_UP)


def whole_of(rate: Decimal, share: Decimal, candidates: Sequence[Decimal]) -> Decimal | None:
    """The one candidate whose `rate` per cent, rounded half up to the tiyn, is `share`."""
    fits = {c for c in candidates if _share(c, rate) == share}
    return next(iter(fits)) if len(fits) == 1 else None


def totals_from_share(documents: Sequence[Document], texts: dict[str, str]) -> list[Document]:
    """`documents` with each unread total that a stated share of it confirms (`texts`: id → text), and each
    total OCR read whose share is not the amount to reimburse replaced by the figure the share confirms."""
    out = []
    for d in documents:
        read = d.fields.total
        stated = share_of(texts.get(d.id, "")) if read is None or _misread(d, read) else None
        if stated is not None and (read is None or _share(read.amount, stated[0]) != stated[1]):
            others = [o.fields.total.amount for o in documents
                      if o.id != d.id and o.fields.total is not None and o.fields.total.currency == "KZT"]
            own = [a.amount for a in money.find_amounts(texts.get(d.id, ""))]
            whole = whole_of(*stated, others) or whole_of(*stated, own)
            if whole is not None:
                first = d.pages[0]
                total = (MoneyField(amount=whole, currency="KZT", file=first.file, page=first.page)
                         if read is None else read.model_copy(update={"amount": whole}))
                d = d.model_copy(update={"fields": d.fields.model_copy(update={"total": total})})
        out.append(d)
    return out


def _misread(doc: Document, total: MoneyField) -> bool:
    """May the tenge total be OCR's misreading: read from a scan or a photo, not from a text layer?"""
    where = (total.file, total.page)
    return total.currency == "KZT" and any(ref.source == PageSource.ocr and (ref.file, ref.page) == where
                                           for ref in doc.pages)
