"""Package stage: the currency of a total its document never names.

An acceptance certificate of a foreign supplier may print `Итого 9082-85` and no currency at all; the
field reader then falls back to tenge. When another document of the package states a foreign currency
for exactly that amount (the contract's `9 082,85 EUR`), the unmarked total is in that currency.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.fields import DEFAULT_CURRENCY, load_rules
from extractors.money import currency_marks, detect_currency
from models.documents import Document


def names_a_currency(text: str) -> bool:
    """`text` marks some amount with a currency or has a currency clause naming one."""
    if currency_marks(text):
        return True
    return any(detect_currency(text[m.end(): m.end() + 80])
               for m in load_rules().currency_clause.finditer(text))


def settle_currencies(documents: Sequence[Document], texts: dict[str, str]) -> list[Document]:
    """`documents` with each unmarked default-currency total that equals a foreign-currency total of
    another document (whose text names its currency) put in that currency. `texts`: document id →
    its text."""
    stated: dict[object, set[str]] = {}
    unmarked: set[str] = set()
    for d in documents:
        total = d.fields.total
        if total is None:
            continue
        if names_a_currency(texts.get(d.id, "")):
            stated.setdefault(total.amount, set()).add(total.currency)
        elif total.currency == DEFAULT_CURRENCY:
            unmarked.add(d.id)
    out = []
    for d in documents:
        total = d.fields.total
        if d.id in unmarked and total is not None:
            foreign = stated.get(total.amount, set()) - {DEFAULT_CURRENCY}
            if len(foreign) == 1:
                total = total.model_copy(update={"currency": next(iter(foreign))})
                d = d.model_copy(update={"fields": d.fields.model_copy(update={"total": total})})
        out.append(d)
    return out
