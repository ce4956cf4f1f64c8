"""Package stage: a report's total costs whose own cell OCR emptied, told by the share it claims.

An applicant's report closes its table with `ИТОГО затрат` and states the amount to reimburse as a share
of it (`Сумма к возмещению (40 %): 142365.22 тенге.`). Where a scan or photo lost the total's digits, the
share still names it: the total is the amount the package's other documents print (the contract, the
payments) — or the report's own rows — whose share, rounded to the tiyn, is exactly the amount to
reimburse. Only an amount so confirmed is taken; dividing alone would guess the last tiyn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from extractors import money
from models.documents import Document, MoneyField

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


def whole_of(rate: Decimal, share: Decimal, candidates: Sequence[Decimal]) -> Decimal | None:
    """The one candidate whose `rate` per cent, rounded half up to the tiyn, is `share`."""
    fits = {c for c in candidates if (c * rate / 100).quantize(TIYN, ROUND_HALF_UP) == share}
    return next(iter(fits)) if len(fits) == 1 else None


def totals_from_share(documents: Sequence[Document], texts: dict[str, str]) -> list[Document]:
    """`documents` with each unread total that a stated share of it confirms (`texts`: id → text)."""
    out = []
    for d in documents:
        stated = share_of(texts.get(d.id, "")) if d.fields.total is None else None
        if stated is not None:
            others = [o.fields.total.amount for o in documents
                      if o.id != d.id and o.fields.total is not None and o.fields.total.currency == "KZT"]
            own = [a.amount for a in money.find_amounts(texts.get(d.id, ""))]
            whole = whole_of(*stated, others) or whole_of(*stated, own)
            if whole is not None:
                first = d.pages[0]
                total = MoneyField(amount=whole, currency="KZT", file=first.file, page=first.page)
                d = d.model_copy(update={"fields": d.fields.model_copy(update={"total": total})})
        out.append(d)
    return out
