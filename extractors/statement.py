"""A bank account statement submitted as proof of a payment: the operation that pays a counterparty.

An internet bank's `Выписка по счету` lists the account's operations, one row each (`Дата  № док.
Корреспондент  БИН/ИИН корр.  Дебет  Кредит  КНП  Назначение платежа`): the bank's fees, utilities and
salaries carry no counterparty's BIN (`—`), the payment for the deal does. That row is the payment
order: its date, its document number, the amount after the counterparty's BIN, and the counterparty
as the one paid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors import bin as bins
from extractors import money
from extractors.textindex import DocText, Line

_FLAGS = re.IGNORECASE | re.MULTILINE
_STATEMENT = re.compile(r"^\s*выписка\s+по\s+(?:текущему\s+|банковскому\s+|лицевому\s+)?сч[её]ту", _FLAGS)
_COLUMNS = re.compile(r"\bдебет\b[^\n]*\bкредит\b", _FLAGS)
_CELL_EDGE = r"[^\S\n]*[|}\]]?[^\S\n]*"
"""Between two cells: spaces, and on a scan the table's rule as OCR reads it (`29.12.2025| 1549 |`)."""
_ROW = re.compile(rf"^{_CELL_EDGE}(?P<date>\d{{2}}\.\d{{2}}\.\d{{4}}){_CELL_EDGE}(?<=[\s|}}\]])"
                  rf"(?P<number>[\w/-]*\d[\w/-]*)(?=[^\S\n]|[|])", _FLAGS)


@dataclass(frozen=True)
class StatementRow:
    """Spans (in the document's text) of the paying operation's date, number, amount and counterparty BIN."""

    date: tuple[int, int]
    number: tuple[int, int]
    amount: money.MoneyMatch
    """Its span is absolute in the document's text."""
    counterparty: tuple[int, int]


def is_statement(text: DocText) -> bool:
    """The document is an account statement: its heading, and a table with debit and credit columns."""
    return bool(_STATEMENT.search(text.text)) and bool(_COLUMNS.search(text.text))


ROW_LINES = 4
"""The most lines one operation takes when its counterparty's name wraps (`ТОО «ТехноСервис` / `Азия»` /
`|210240125735 |4 174 008.86 859 | …`)."""


def paying_row(text: DocText) -> StatementRow | None:
    """The statement's operation naming a counterparty by a valid BIN/IIN (the first such row); failing
    that, the first naming one by a 12-digit number shaped as a BIN/IIN whose check digit fails (a
    misprinted BIN, which the rules report as such); else None. The BIN and the amount after it may stand
    on a line below the row's date and number, up to the next row's date."""
    if not is_statement(text):
        return None
    rows = list(_rows(text))
    return next((r for r, valid in rows if valid), None) or next((r for r, _ in rows), None)


def _rows(text: DocText) -> Iterator[tuple[StatementRow, bool]]:
    """Each operation naming a counterparty by a BIN-shaped number and an amount after it, and whether that
    number passes the check digit."""
    lines = text.lines
    for i, line in enumerate(lines):
        row = _ROW.match(text.text, line.start, line.end)
        if row is None:
            continue
        own = [line]
        for nxt in lines[i + 1: i + ROW_LINES]:
            if _ROW.match(text.text, nxt.start, nxt.end):
                break
            own.append(nxt)
        found_row = _counterparty_amount(text, row, own)
        if found_row is not None:
            yield found_row


def _counterparty_amount(text: DocText, row: re.Match[str], own: list[Line]
                         ) -> tuple[StatementRow, bool] | None:
    for ln in own:
        for found in bins.TWELVE_DIGITS.finditer(text.text, max(row.end(), ln.start), ln.end):
            if not bins.is_structured(found.group()):
                continue
            amounts = money.find_amounts(text.text[found.end(): ln.end])
            if not amounts:
                continue
            start = found.end()
            a = _cited_number_dropped(text.text[start: ln.end], amounts[0],
                                      text.text[:ln.start] + text.text[ln.end:])
            amount = money.MoneyMatch(a.amount, a.currency, start + a.start, start + a.end)
            return (StatementRow(row.span("date"), row.span("number"), amount, found.span()),
                    bins.is_valid_bin(found.group()))
    return None


_AFTER_MARK = re.compile(r"№[^\S\n]*\Z")
_FIRST_TOKEN = re.compile(r"\d+[^\S\n]+(?=\d)")


def _cited_number_dropped(cells: str, amount: money.MoneyMatch, rest_of_text: str) -> money.MoneyMatch:
    """`… по договору № 507 953 148,67`: a purpose cut at its cell's edge leaves the number it cites right
    before the operation's amount; the token after `№` is that number where the statement's other lines
    (its turnover, `Обороты за период 953 148,67`) give the amount without it and never with it."""
    head = _FIRST_TOKEN.match(cells, amount.start, amount.end)
    if head is None or not _AFTER_MARK.search(cells, 0, amount.start):
        return amount
    rest = money.find_amounts(cells[head.end():])
    elsewhere = {a.amount for a in money.find_amounts(rest_of_text)}
    if not rest or rest[0].amount not in elsewhere or amount.amount in elsewhere:
        return amount
    a = rest[0]
    return money.MoneyMatch(a.amount, a.currency, head.end() + a.start, head.end() + a.end)
