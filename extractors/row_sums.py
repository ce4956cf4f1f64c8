"""A table's grand total found as the sum of its rows, whatever its label reads.

On a scan or a phone photo the label of a total row is often lost — a seal printed over `Итого`, a
fold, OCR reading `Итого` as `oro` or `yore` — while the amount beside it survives, sometimes on a line
of its own after the signatures. The total of an act, an invoice or a waybill is the sum of its
item rows' last cells (`Стоимость`, `Стоимость с НДС`), so an amount below the rows that equals the
sum of consecutive rows to the tiyn is that total, with no label needed.
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


def item_rows(text: DocText, whole: Callable[[money.MoneyMatch, int], money.MoneyMatch]) -> list[Row]:
    """The table rows of the text with the amount of their last cell. `whole(match, offset)` gives an
    amount found at `offset` + its span back with the head digits OCR split off (`1436 351,18`)."""
    rows = []
    for i, line in enumerate(text.lines):
        s = text.text[line.start: line.end]
        if not ROW_START.match(s):
            continue
        amounts = [a for a in money.find_amounts(s) if a.amount > 0]
        if amounts:
            rows.append(Row(i, whole(amounts[-1], line.start).amount))
    return rows


def rows_total(text: DocText, whole: Callable[[money.MoneyMatch, int], money.MoneyMatch],
               excluded: re.Pattern[str] | None = None) -> money.MoneyMatch | None:
    """The largest amount on a line below the item rows (not itself a row) that equals the sum of one or
    more consecutive rows above it; None when none does. An amount whose line, before it, matches
    `excluded` (a VAT line) never counts. The match's span is in `text.text`."""
    rows = item_rows(text, whole)
    if not rows:
        return None
    row_lines = {r.line for r in rows}
    sums_of: dict[int, set[Decimal]] = {}  # rows above → sums of their consecutive runs
    best: money.MoneyMatch | None = None
    for i, line in enumerate(text.lines):
        if i in row_lines or i < rows[0].line:
            continue
        s = text.text[line.start: line.end]
        k = sum(1 for r in rows if r.line < i)
        if k not in sums_of:
            above = [r.amount for r in rows[:k]]
            sums_of[k] = {sum(above[a:b], Decimal(0)) for a in range(k) for b in range(a + 1, k + 1)}
        sums = sums_of[k]
        for found in money.find_amounts(s):
            a = whole(found, line.start)
            if a.amount <= 0 or a.amount not in sums:
                continue
            if excluded is not None and excluded.search(s[: a.start]):
                continue
            if best is None or a.amount > best.amount:
                best = money.MoneyMatch(a.amount, a.currency, line.start + a.start, line.start + a.end)
    return best
