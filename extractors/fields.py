"""Fields stage: a document's number, date, total with currency and parties, each with evidence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from extractors import amount_words, dates, money
from extractors.parties import find_parties
from extractors.textindex import DocText
from models.documents import DateField, Document, Fields, MoneyField, TextField
from models.pages import Page
from models.vocab import DocType

FIELDS_VERSION = "fields/1"
DEFAULT_CURRENCY = "KZT"
_FLAGS = re.IGNORECASE | re.MULTILINE
_NUMBER = re.compile(r"№\s*([A-Za-zА-Яа-я0-9][\w/\-.]*\w|\d)")
_NOT_NUMBER = re.compile(r"п/п|^\d{1,2}$")
_HEAD_LINES = 12


@dataclass(frozen=True)
class FieldRules:
    totals: dict[str, tuple[re.Pattern[str], ...]]
    not_total: re.Pattern[str]
    not_doc_date: re.Pattern[str]


@cache
def load_rules() -> FieldRules:
    raw = yaml.safe_load(resources.files("extractors.data").joinpath("fields.yaml").read_text("utf-8"))
    return FieldRules(
        totals={k: tuple(re.compile(p, _FLAGS) for p in v) for k, v in raw["totals"].items()},
        not_total=re.compile(raw["not_total"], _FLAGS),
        not_doc_date=re.compile(raw["not_doc_date"], _FLAGS),
    )


def extract_fields(doc: Document, pages: Sequence[Page], applicant_bin: str | None = None) -> Document:
    """The document with its fields read from `pages` (the document's own pages, in order)."""
    text = DocText(pages)
    number = find_number(text)
    fields = Fields(
        number=number,
        date=find_date(text, after=number),
        total=find_total(text, doc.type),
        parties=find_parties(text, applicant_bin),
    )
    return doc.model_copy(update={"fields": fields})


def _head_end(text: DocText) -> int:
    lines = text.lines[:_HEAD_LINES]
    return lines[-1].end if lines else len(text.text)


def find_number(text: DocText) -> TextField | None:
    """The document number: the first `№ …` among the first lines (the title line)."""
    for m in _NUMBER.finditer(text.text, 0, _head_end(text)):
        value = m.group(1).rstrip(".-/")
        if _NOT_NUMBER.search(value):
            continue
        ev = text.evidence(m.start(), m.end())
        return TextField(value=value, **ev.model_dump())
    return None


def find_date(text: DocText, after: TextField | None = None) -> DateField | None:
    """The document date: the first date in the head, on the number's line when there is one.

    Dates of cited laws (`Закон … от 26 декабря 2019 года`) are skipped.
    """
    rules = load_rules()
    head = text.text[: _head_end(text)]
    found = dates.find_dates(head)
    candidates = [d for d in found if not rules.not_doc_date.search(head[max(0, d.start - 80): d.start])]
    if not candidates:
        return None
    best = candidates[0]
    if after is not None and after.page is not None:
        num_pos = text.text.find(after.value)
        same_line = text.line_at(num_pos) if num_pos >= 0 else None
        for d in candidates:
            if same_line and same_line.start <= d.start <= same_line.end:
                best = d
                break
    ev = text.evidence(best.start, best.end)
    return DateField(value=best.value, **ev.model_dump())


def _labelled_amount(text: DocText, label: re.Pattern[str]) -> tuple[Decimal, str | None, int, int] | None:
    rules = load_rules()
    for m in label.finditer(text.text):
        line = text.line_at(m.start())
        if line is None:
            continue
        # the label's line and, for running text, the next two lines
        window_end = line.end
        following = [ln for ln in text.lines if ln.start > line.end][:2]
        if following:
            window_end = following[-1].end
        segment = text.text[m.end(): window_end]
        if rules.not_total.search(text.text[line.start: m.start()]):
            continue
        amounts = [a for a in money.find_amounts(segment)
                   if not rules.not_total.search(segment[max(0, a.start - 25): a.start])]
        if not amounts:
            continue
        on_line = [a for a in amounts if m.end() + a.start <= line.end]
        pick = on_line[-1] if on_line and _is_table_line(text.text[line.start: line.end]) else amounts[0]
        return pick.amount, pick.currency, m.end() + pick.start, m.end() + pick.end
    return None


def _is_table_line(line: str) -> bool:
    return len(money.find_amounts(line)) >= 2


def find_total(text: DocText, doc_type: DocType) -> MoneyField | None:
    """The grand total after the type's labels, with its currency, repaired by the amount in words."""
    rules = load_rules()
    labels = rules.totals.get(doc_type.value, ()) + rules.totals["default"]
    for label in labels:
        found = _labelled_amount(text, label)
        if found is None:
            continue
        amount, currency, start, end = found
        amount = _repair_by_words(amount, text.text[end: end + 400])
        currency = currency or money.detect_currency(text.text[end: end + 300]) \
            or money.detect_currency(text.text) or DEFAULT_CURRENCY
        ev = text.evidence(start, end)
        return MoneyField(amount=amount, currency=currency, **ev.model_dump())
    return None


def _repair_by_words(amount: Decimal, after: str) -> Decimal:
    """Use the amount in words that follows the digits to repair OCR damage to the digits.

    Only a complete phrase counts: one closed by a currency word (`… шесть) тенге 48 тиын`), so a
    phrase cut at a line end never overrides the digits.
    """
    found = amount_words.find_amount_in_words(after)
    if found is None:
        return amount
    words, _, words_end = found
    tail = after[words_end: words_end + 12]
    if not (money.detect_currency(after[max(0, words_end - 12): words_end]) or money.detect_currency(tail)):
        return amount
    return amount_words.reconcile(amount, words) or amount


def document_date(doc: Document) -> date | None:
    return doc.fields.date.value if doc.fields.date else None
