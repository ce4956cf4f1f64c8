"""A page's own VAT arithmetic: the `net + VAT = gross` triples among the figures it prints.

An invoice's, an act's or a waybill's total row prints the net, the VAT (at 0 %, 12 % or the rate the row
states) and the gross, in that order. On a scan OCR misreads single cells, puts the cells on lines of their
own, or glues a table's ruling or the tenge sign of a spreadsheet's currency format before a cell as a `1`
or a `7` (`₸1,840,503.00` read `71,840,503.00`). Where three cells, each as read or without such a glued
digit, still hold `net + VAT = gross` to the tiyn, and the gross's digits are printed (however OCR parted
them: `3 065 507. 76`), the triple is the page's own proof of its gross.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from extractors import money
from extractors.bin import RULING_DIGITS, one_digit_off

BASE_RATES = (0, 12)
"""VAT rates (%) a triple is checked at, besides the rates its text states (`12%`, `НДС 16 %`)."""
TOLERANCE = Decimal("0.01")
"""How far the VAT may be from the rate applied to the net: rounding to the tiyn."""
_RATE = re.compile(r"(?<![\d.,])(\d{1,2})[^\S\n]?%")
_DIGIT_RUN = re.compile(r"(?<![\d.,\-=])\d[\d .,\-=]*\d(?![\d])")
_GLUED_LEAD = re.compile(rf"[{RULING_DIGITS}](?=\d)")
MIN_MISREAD = 7
"""Digits (tiyn included) a gross needs for a run one digit off it to stand for it."""
MIN_RUN = 4
"""Digits a run needs (tiyn included) to be read as a gross: `12%` and a row's number are none."""
Whole = Callable[[money.MoneyMatch, int], money.MoneyMatch]


@dataclass(frozen=True)
class Cell:
    """A figure's reading: as OCR read it, or without the digit a ruling or a tenge sign glued before it."""

    amount: Decimal
    start: int
    end: int
    glued: bool


@dataclass(frozen=True)
class Triple:
    """Three cells holding `net + VAT = gross`, with the span of the gross's digits (a zero VAT's three in
    reading order; a VAT above zero proves its net and gross wherever OCR put the three cells)."""

    net: Cell
    vat: Cell
    gross: Decimal
    start: int
    end: int
    glued: bool
    """The gross cell was read with a glued digit before it."""


def _readings(text: str, a: money.MoneyMatch, whole: Whole, offset: int) -> list[Cell]:
    """The amount `a` as read, with the head digits OCR split off (`whole`: `1072 686.72`) and, when its
    first digit may be a glued ruling or sign, without that digit; spans relative to `offset`."""
    out = [Cell(a.amount, a.start, a.end, False)]
    if (w := whole(a, offset)).amount != a.amount:
        out.append(Cell(w.amount, w.start, w.end, False))
    raw = text[a.start: a.end]
    if _GLUED_LEAD.match(raw) and (rest := money.parse_amount(raw[1:])) is not None and "." in f"{rest}":
        out.append(Cell(rest, a.start, a.end, True))
    return out


def _rates(text: str) -> set[int]:
    return set(BASE_RATES) | {int(m.group(1)) for m in _RATE.finditer(text) if 0 < int(m.group(1)) <= 30}


def _digits(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", "")


def _gross_printed(text: str, cells: list[Cell], gross: Decimal, after: int, glued: bool,
                   misread_after: int | None = None) -> tuple[int, int, bool] | None:
    """The span of the gross after `after`: a cell read as it (without a glued digit only where the net
    and VAT cells had one: `glued`), else a run of digits whose digits are the gross's, else (past
    `misread_after`, the VAT cell) a run whose digits are the gross's but one (`23 608 663,00` for
    `21 608 663,00`: the net and its VAT to the tiyn prove the gross a misread cell stands for)."""
    for c in cells:
        if c.start >= after and c.amount == gross and (not c.glued or glued):
            return c.start, c.end, c.glued
    want = _digits(gross)
    runs = [(m, "".join(ch for ch in m.group() if ch.isdigit())) for m in _DIGIT_RUN.finditer(text, after)]
    for m, digits in runs:
        if digits == want:
            return m.start(), m.end(), False
    for m, digits in runs:
        if misread_after is not None and m.start() >= misread_after and len(want) >= MIN_MISREAD \
                and one_digit_off(digits, want):
            return m.start(), m.end(), False
    return None


def triples(text: str, whole: Whole = lambda a, _: a, start: int = 0, end: int | None = None) -> list[Triple]:
    """The `net + VAT = gross` triples of `text[start:end]` (spans in `text`); `whole(match, offset)` gives
    an amount found at `offset` + its span back with the head digits OCR split off. A VAT of 0 proves
    nothing by itself (any amount is its own gross): a zero-VAT triple counts only with its three cells
    read the same way, so a glued digit before the VAT cell (`70.00`) shows one before the net and the
    gross too."""
    stop = len(text) if end is None else end
    window = text[start: stop]
    cells = [Cell(c.amount, start + c.start, start + c.end, c.glued)
             for a in money.find_amounts(window) for c in _readings(window, a, whole, start)]
    rates = _rates(window)
    found: list[Triple] = []
    for net in cells:
        if net.amount <= 0:
            continue
        for vat in cells:
            zero = vat.amount == 0
            if vat.amount >= net.amount or (zero and (vat.start <= net.start or vat.glued != net.glued)):
                continue
            if vat.start == net.start or not any(
                    abs(net.amount * r / 100 - vat.amount) <= TOLERANCE for r in rates):
                continue
            gross = net.amount + vat.amount
            printed = _gross_printed(text[:stop], [c for c in cells if not zero or c.glued == net.glued],
                                     gross, vat.end if zero else start, net.glued or vat.glued,
                                     None if zero else vat.end)
            if printed is None or (zero and printed[2] != net.glued):
                continue
            found.append(Triple(net, vat, gross, printed[0], printed[1], printed[2]))
    return found + _included(text, start, stop, cells, rates, found)


def _included(text: str, start: int, stop: int, cells: list[Cell], rates: set[int],
              found: list[Triple]) -> list[Triple]:
    """`Сумма с НДС` / `Сумма НДС` columns without the net: a gross and the VAT it includes (12/112 of it,
    or at a rate printed, to the tiyn), the gross's digits however parted (`4113 108-60`), as a triple
    whose net (their difference, printed nowhere) stands where the first of the two does."""
    out: list[Triple] = []
    known = {t.gross for t in found}
    runs = [(m.start(), m.end(), Decimal(f"{d[:-2]}.{d[-2:]}"))
            for m in _DIGIT_RUN.finditer(text, start, stop)
            if len(d := "".join(ch for ch in m.group() if ch.isdigit())) >= MIN_RUN]
    for vat in cells:
        if vat.amount <= 0:
            continue
        for s, e, gross in runs:
            if gross > vat.amount and gross not in known and s != vat.start and any(
                    abs(gross * r / (100 + r) - vat.amount) <= TOLERANCE for r in rates if r > 0):
                first = min(s, vat.start)
                out.append(Triple(Cell(gross - vat.amount, first, first, False), vat, gross, s, e, False))
    return out
