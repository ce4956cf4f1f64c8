"""A table's grand total found as the sum of its rows, whatever its label reads.

On a scan or a phone photo the label of a total row is often lost — a seal printed over `Итого`, a
fold, OCR reading `Итого` as `oro` or `yore` — while the amount beside it survives, sometimes on a line
of its own after the signatures. The total of an act, an invoice or a waybill is the sum of its
item rows' last cells (`Стоимость`, `Стоимость с НДС`), so an amount below the rows that equals the
sum of consecutive rows to the tiyn is that total, with no label needed. A row is a line that starts
with a row number and holds an amount, or (its number lost at the edge of a photo) holds two amounts or
more: a price and a cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from extractors import money
from extractors.textindex import DocText

ROW_START = re.compile(r"^\W{0,3}\d{1,3}\s*[|.)]?\s*\|?\s*[^\W\d_]")
"""An item row: a row number (`1`, `2 |`, `| 3`, `4.`) and then a word (the item's name); a clause number
`4.1.` is not one (a digit follows its dot)."""


@dataclass(frozen=True)
class Row:
    line: int
    """Index of the row's line in `DocText.lines`."""
    amount: Decimal
    numbered: bool


def item_rows(text: DocText, whole: Callable[[money.MoneyMatch, int], money.MoneyMatch]) -> list[Row]:
    """The table rows of the text with the amount of their last cell. `whole(match, offset)` gives an
    amount found at `offset` + its span back with the head digits OCR split off (`1436 351,18`)."""
    rows = []
    for i, line in enumerate(text.lines):
        s = text.text[line.start: line.end]
        amounts = [a for a in money.find_amounts(s) if a.amount > 0]
        numbered = bool(ROW_START.match(s))
        if amounts and (numbered or len(amounts) >= 2):
            rows.append(Row(i, whole(amounts[-1], line.start).amount, numbered))
    return rows


def rows_total(text: DocText, whole: Callable[[money.MoneyMatch, int], money.MoneyMatch],
               excluded: re.Pattern[str] | None = None) -> money.MoneyMatch | None:
    """The largest amount on a line below the item rows that equals the sum of consecutive rows above it
    (of one row or more on a line that is no row, of two or more on a line that looks like one: a total
    line holding the VAT beside the total); None when none does. An amount whose line, before it,
    matches `excluded` (a VAT line) never counts. The match's span is in `text.text`."""
    rows = item_rows(text, whole)
    if not rows:
        return None
    row_lines = {r.line for r in rows}
    sums_of: dict[tuple[int, int], set[Decimal]] = {}  # (rows above, least run) → sums of consecutive runs
    best: money.MoneyMatch | None = None
    for i, line in enumerate(text.lines):
        if i <= rows[0].line:
            continue
        s = text.text[line.start: line.end]
        k = sum(1 for r in rows if r.line < i)
        least = 2 if i in row_lines else 1
        if (k, least) not in sums_of:
            above = [r.amount for r in rows[:k]]
            sums_of[(k, least)] = {sum(above[a:b], Decimal(0))
                                   for a in range(k) for b in range(a + least, k + 1)}
        sums = sums_of[(k, least)]
        for found in money.find_amounts(s):
            a = whole(found, line.start)
            if a.amount <= 0 or a.amount not in sums:
                continue
            if excluded is not None and excluded.search(s[: a.start]):
                continue
            if best is None or a.amount > best.amount:
                best = money.MoneyMatch(a.amount, a.currency, line.start + a.start, line.start + a.end)
    return best
