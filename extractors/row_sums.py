"""A table's grand total found as the sum of its rows, whatever its label reads.

On a scan or a phone photo the label of a total row is often lost — a seal printed over `Итого`, a
fold, OCR reading `Итого` as `oro` or `yore` — while the amount beside it survives, sometimes on a line
of its own after the signatures. The total of an act, an invoice or a waybill is the sum of its
item rows' last cells (`Стоимость`, `Стоимость с НДС`), so an amount below the rows that equals the
sum of consecutive rows to the tiyn is that total, with no label needed. A row is a line that starts
with a row number and holds an amount, or (its number lost at the edge of a photo) holds two amounts or
more — a price and a cost — (strong rows), or ends with an amount (a weak row: the right part of a row
the reading order split off the item's name). A single weak row proves little: a sum of one row is taken
from a strong row, or from the table's only row when a line with no word on it (its label lost) repeats
that row's amount below it.
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
    strong: bool


_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]{3,}")
"""A word: three letters or more (OCR's specks and a damaged label's remains are shorter)."""
_LINE_END = re.compile(r"[\s|\]\\_.]*$")


def item_rows(text: DocText, whole: Callable[[money.MoneyMatch, int], money.MoneyMatch],
              excluded: re.Pattern[str] | None = None) -> list[Row]:
    """The table rows of the text with the amount of their last cell. `whole(match, offset)` gives an
    amount found at `offset` + its span back with the head digits OCR split off (`1436 351,18`); a line
    matching `excluded` (a VAT line) is no row."""
    rows = []
    for i, line in enumerate(text.lines):
        s = text.text[line.start: line.end]
        if excluded is not None and excluded.search(s):
            continue
        amounts = [a for a in money.find_amounts(s) if a.amount > 0]
        if not amounts:
            continue
        strong = bool(ROW_START.match(s)) or len(amounts) >= 2
        if strong or _LINE_END.fullmatch(s, amounts[-1].end):
            rows.append(Row(i, whole(amounts[-1], line.start).amount, strong))
    return rows


@dataclass(frozen=True)
class RowsTotal:
    """An amount below a table equal to the sum of consecutive rows, with those rows."""

    match: money.MoneyMatch
    """The total's amount and span in `text.text`."""
    rows: tuple[Row, ...]
    """The rows it sums."""


def rows_total(text: DocText, whole: Callable[[money.MoneyMatch, int], money.MoneyMatch],
               excluded: re.Pattern[str] | None = None) -> RowsTotal | None:
    """The largest amount on a line below the item rows that equals the sum of consecutive rows above it
    (two rows or more, or one strong row; two or more on a line that is itself a strong row: a total
    line holding the VAT beside the total), with the rows it sums; None when none does. An amount whose
    line, before it, matches `excluded` (a VAT line) never counts."""
    rows = item_rows(text, whole, excluded)
    if not rows:
        return None
    strong_lines = {r.line for r in rows if r.strong}
    # (rows above, on a strong row) → sum of a run → the run
    sums_of: dict[tuple[int, bool, bool], dict[Decimal, tuple[Row, ...]]] = {}
    best: RowsTotal | None = None
    for i, line in enumerate(text.lines):
        if i <= rows[0].line:
            continue
        s = text.text[line.start: line.end]
        k = sum(1 for r in rows if r.line < i)
        # a line of figures only (`1072 686.72 0.00 1072 686.72` under a single row) is a total line
        on_row = i in strong_lines and _LETTER.search(s) is not None
        # … and a line with no word left (`СС: О ОИ _ 2 140 036,64`: its `Итого` lost) repeating the one
        # row's amount above it confirms even a weak row (its number and name read apart from it)
        bare = _WORD.search(s) is None
        if (k, on_row, bare) not in sums_of:
            sums_of[(k, on_row, bare)] = {
                sum((r.amount for r in rows[a:b]), Decimal(0)): tuple(rows[a:b])
                for a in range(k) for b in range(a + 1, k + 1)
                if b - a >= 2 or (not on_row and (rows[a].strong or (bare and k == 1)))}
        sums = sums_of[(k, on_row, bare)]
        for found in money.find_amounts(s):
            a = whole(found, line.start)
            if a.amount <= 0 or a.amount not in sums:
                continue
            if excluded is not None and excluded.search(s[: a.start]):
                continue
            if best is None or a.amount > best.match.amount:
                best = RowsTotal(money.MoneyMatch(a.amount, a.currency, line.start + a.start,
                                                  line.start + a.end), sums[a.amount])
    return best
