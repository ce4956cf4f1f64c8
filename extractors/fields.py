"""Fields stage: a document's number, date, total with currency and parties, each with evidence.

Every document, `other` included, goes through the same type-agnostic detectors (`candidates.py`): a
number after `№`/`No`/`N` on the title lines or under/beside a header-table label, a date on the
number's line or under its label, a grand total after a total label (checked against the page's other
amounts and the amount in words), a currency from the amount, the contract's currency clause or the
document's marks. Where each field stands on each kind of document is data (`data/templates.yaml`,
read by `templates.py`): a template's reading is the prior candidate, the detectors the way in when
the template finds nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from extractors import (
    amount_words,
    damaged_labels,
    dates,
    file_names,
    money,
    row_sums,
    statement,
    vat_triples,
)
from extractors import bin as bins
from extractors.parties import find_parties
from extractors.templates import (
    NUMBER_MARK,
    NUMBER_TOKEN,
    Rule,
    cells_below,
    edge_tolerant,
    homoglyph_tolerant,
    rule_spots,
    template_for,
    title_regex,
)
from extractors.textindex import DocText, Line
from models.documents import DateField, Document, Fields, MoneyField, TextField
from models.pages import Page
from models.vocab import DocType, Role

FIELDS_VERSION = "fields/49"
DEFAULT_CURRENCY = "KZT"
_FLAGS = re.IGNORECASE | re.MULTILINE
_NUMBER = re.compile(rf"{NUMBER_MARK}\s*[:.]?\s*({NUMBER_TOKEN})")
_TOKEN = re.compile(NUMBER_TOKEN)
_NOT_NUMBER = re.compile(r"п/п")
_SHORT = re.compile(r"^\d{1,2}$")
_LEADING_MARK = re.compile(rf"^\s*{NUMBER_MARK}?\s*[:.]?\s*")
_ZERO_FOR_O = re.compile(r"(?<![0-9])0(?=([A-Za-zА-Яа-яЁё]))")
_KZ_PREFIX = re.compile(r"^[KК][Z7З2]\.?(?=[-\s]\d)")
_S_AS_DOLLAR = re.compile(r"(?<![^\s:])\$([№N])?\Z")
"""A `$` (with OCR's `№` for an `N`) glued before a number's digits: the letter S of a serial's prefix."""
_HEAD_LINES = 12
_TITLE_LINES = 30


@dataclass(frozen=True)
class FieldRules:
    totals: dict[str, tuple[re.Pattern[str], ...]]
    not_total: re.Pattern[str]
    net_total: re.Pattern[str]
    not_doc_date: re.Pattern[str]
    not_doc_date_after: re.Pattern[str]
    not_number: re.Pattern[str]
    currency_clause: re.Pattern[str]
    number_labels: tuple[re.Pattern[str], ...]
    registry_number_labels: tuple[re.Pattern[str], ...]
    date_labels: tuple[re.Pattern[str], ...]


@cache
def load_rules() -> FieldRules:
    raw = yaml.safe_load(resources.files("extractors.data").joinpath("fields.yaml").read_text("utf-8"))
    return FieldRules(
        totals={k: tuple(re.compile(edge_tolerant(p), _FLAGS) for p in v) for k, v in raw["totals"].items()},
        not_total=re.compile(homoglyph_tolerant(raw["not_total"]), _FLAGS),
        net_total=re.compile(homoglyph_tolerant(raw["net_total"]), _FLAGS),
        not_doc_date=re.compile(raw["not_doc_date"], _FLAGS),
        not_doc_date_after=re.compile(raw["not_doc_date_after"], _FLAGS),
        not_number=re.compile(raw["not_number"], _FLAGS),
        currency_clause=re.compile(raw["currency_clause"], _FLAGS),
        number_labels=tuple(re.compile(homoglyph_tolerant(p), _FLAGS) for p in raw["number_labels"]),
        registry_number_labels=tuple(re.compile(homoglyph_tolerant(p), _FLAGS)
                                     for p in raw["registry_number_labels"]),
        date_labels=tuple(re.compile(homoglyph_tolerant(p), _FLAGS) for p in raw["date_labels"]),
    )


def extract_fields(doc: Document, pages: Sequence[Page], applicant_bin: str | None = None) -> Document:
    """The document with its fields read from `pages` (the document's own pages, in order)."""
    text = DocText(pages)
    row = statement.paying_row(text) if doc.type == DocType.payment_order else None
    if row is not None:
        return doc.model_copy(update={"fields": _statement_fields(text, row, applicant_bin)})
    number = file_names.as_file_names_it(find_number(text, doc.type), pages)
    fields = Fields(
        number=number,
        date=find_date(text, after=number, doc_type=doc.type),
        total=find_total(text, doc.type),
        parties=find_parties(text, applicant_bin, doc.type),
    )
    return doc.model_copy(update={"fields": fields})


def _statement_fields(text: DocText, row: statement.StatementRow, applicant_bin: str | None) -> Fields:
    """An account statement as a payment order: the fields of the operation that pays a counterparty,
    who is the one paid (the executor)."""
    found = dates.find_dates(text.text[row.date[0]: row.date[1]])
    when = _date_field(text, found[0], row.date[0]) if found else None
    amount = row.amount
    ev = text.evidence(amount.start, amount.end)
    total = MoneyField(amount=amount.amount,
                       currency=amount.currency or find_currency(text, amount.start, amount.end),
                       **ev.model_dump())
    paid = text.text[row.counterparty[0]: row.counterparty[1]]
    parties = tuple(
        p.model_copy(update={"role": Role.executor, "position": "beneficiary"})
        if p.bin == paid and p.bin != applicant_bin else p
        for p in find_parties(text, applicant_bin, DocType.payment_order)
    )
    return Fields(number=_number_field(text, *row.number, text.text[row.number[0]: row.number[1]]),
                  date=when, total=total, parties=parties)


def _head_end(text: DocText, lines: int = _HEAD_LINES) -> int:
    head = text.lines[:lines]
    return head[-1].end if head else len(text.text)


# --- number ---------------------------------------------------------------------------------------

def clean_number(value: str) -> str:
    """A number as printed, with OCR's reading of a `KZ` prefix (`К7-`, `К2 7 1 00`, `KZ` in Cyrillic)
    repaired, and a zero read for the letter О where letters follow (`620-0У/2025` → `620-ОУ/2025`)."""
    value = value.strip().rstrip(".,-/:;")
    value = _ZERO_FOR_O.sub(lambda m: "О" if re.match(r"[А-Яа-яЁё]", m.group(1)) else "O", value)
    return _KZ_PREFIX.sub("KZ", value)


_SPACED_REGISTER = re.compile(r"(\d{1,3})[^\S\n]((?:19|20)\d\d)[^\S\n](\d{4,6})(?![\w.,/-])")
"""`18 2026 57933`: a register's number `18-2026-57933` whose hyphens a scan read as spaces."""
_DIGIT_TWINS = str.maketrans({"З": "3", "з": "3", "О": "0", "о": "0", "O": "0", "o": "0", "б": "6"})
"""Letters OCR reads for digits inside a number's figures (`5793З`, `2О26`, `0б91`)."""
_GROUP = re.compile(r"[^-/.]+")


def _digit_lookalikes(value: str) -> str:
    """`АВР-О59394` → `АВР-059394`, `18-2026-5793З` → `18-2026-57933`: in a group of the number (parted by
    `-`, `/`, `.`) of three figures or more whose other characters are all digits' look-alikes, those are
    the digits (a group of letters, `ОУ` in `620-ОУ/2025`, stays)."""
    def fix(m: re.Match[str]) -> str:
        group = m.group()
        twins = group.translate(_DIGIT_TWINS)
        if twins != group and twins.isdigit() and sum(c.isdigit() for c in group) >= 3:
            return twins
        return group
    return _GROUP.sub(fix, value)


def _number_field(text: DocText, start: int, end: int, value: str) -> TextField:
    if not text.printed(start, end) and (glued := _S_AS_DOLLAR.search(text.text, max(0, start - 2), start)):
        # `$№202357595`: OCR's reading of a serial's Latin prefix `SN`, glued to its digits
        value = "S" + ("N" if glued.group(1) else "") + value
        start = glued.start()
    rest = _SPLIT_REST.match(text.text, end) if _PREFIX_ONLY.fullmatch(value) else None
    if rest and not text.printed(start, end):
        # `№ 1Р- 31141`: OCR parted a number's letter prefix from its digits after the hyphen
        value, end = f"{value}-{rest.group(1)}", rest.end(1)
    suffix = _LETTER_SUFFIX.match(text.text, end) if value[-1:].isdigit() else None
    if suffix and not text.printed(start, suffix.end(1)):
        # `№ 216 -п`: OCR parted an order's letter suffix (`216-П`) from its digits by a space
        value, end = f"{value}-{suffix.group(1)}", suffix.end(1)
    if not text.printed(start, end):
        value = _digit_lookalikes(value)
    ev = text.evidence(start, end)
    return TextField(value=clean_number(value), **ev.model_dump())


def _token_in(text: DocText, start: int, end: int, under_header: bool = False) -> tuple[str, int, int] | None:
    """The first number-shaped token (holding a digit) in [start, end), skipping a leading `№`; under a
    column header (`under_header`), also the header's own wrapped words before it (an Excel cell's
    `Номер` over `документа`, the value printed over the header's second line)."""
    segment = text.text[start:end]
    lead = _LEADING_MARK.match(segment)
    offset = lead.end() if lead else 0
    for m in _TOKEN.finditer(segment, offset):
        value = m.group()
        serial = _SERIAL_SN.match(segment, m.start())
        if serial and not text.printed(start + m.start(), start + serial.end()):
            # `[9№202595526`: a serial's `SN` read as `9№` (or `$№`, `5N`) glued to its digits
            return "SN" + serial.group(1), start + m.start(), start + serial.end()
        spaced = _SPACED_REGISTER.match(segment, m.start()) if m.start() == offset else None
        if spaced and not text.printed(start + m.start(), start + spaced.end()):
            return "-".join(spaced.groups()), start + m.start(), start + spaced.end()
        if any(c.isdigit() for c in value) and not _NOT_NUMBER.search(value):
            rest = _SPLIT_REST.match(segment, m.end()) if _YEAR_OPEN.search(value) else None
            if rest:  # `ОТП-2026- 34744`: OCR split the number after its year's hyphen
                return value + "-" + rest.group(1), start + m.start(), start + rest.end(1)
            return value, start + m.start(), start + m.end()
        if under_header and value.isalpha() and value[:1].islower():
            continue  # the header's wrapped tail (`документа`), never a label of its own (`Дата выписки`)
        lost = _LOST_HYPHEN.match(segment, m.start())
        if lost and m.start() - offset == 0 and not text.printed(start + m.start(), start + lost.end()):
            # `СФ 205`: a prefix and its digits whose hyphen OCR lost (read as a space)
            return f"{lost.group(1)}-{lost.group(2)}", start + m.start(), start + lost.end()
        if m.start() - offset > 0:
            break  # only the first token after the label
        return None
    return None


_LETTER_SUFFIX = re.compile(r"[^\S\n]-(?!(?:от|до|по|на|за|из|ot)(?!\w))([^\W\d_]{1,2})(?![\w/-])",
                            re.IGNORECASE)
"""A number's suffix of one or two letters glued to a hyphen that OCR parted from the digits by a space
(`216 -п`, `15 -ОД`); never a preposition (`- от`)."""
_SERIAL_SN = re.compile(r"(?:[$95S][№N]|(?-i:[$5][MМ]))[^\S\n]?(\d{6,})(?!\w)")
"""A serial number's Latin `SN` as OCR reads it glued to its digits: `9№202595526`, `$№…`, `5N…`, and on a
bad scan `5М202594828` (the `S` read as a five, the `N` as an `M`; never `SM…`, a prefix as printed)."""
_LOST_HYPHEN = re.compile(r"((?-i:[A-ZА-ЯЁ]{1,4}))[^\S\n]{1,2}(\d{2,})(?![\w/.-]*\w)")
"""A number's capital-letter prefix and its digits parted by a space where OCR lost the hyphen."""
_YEAR_OPEN = re.compile(r"(?:[^\W\d_]|(?<![\w/.-])\d{1,3})-(?:19|20)\d\d$")
"""A registry number's head up to its year (`ОТП-2026-`, the register's `18-2026-`)."""
_SPLIT_REST = re.compile(r"-[^\S\n]{1,2}(\d{3,})(?![\w-])")
_PREFIX_ONLY = re.compile(r"(?=[^\W_]*[^\W\d_])[^\W_]{1,4}")
"""A number's letter prefix alone (`LP`, `СФ`, OCR's `1Р`): up to four letters or digits, a letter
among them."""


def _number_by_rule(text: DocText, rule: Rule) -> TextField | None:
    rules = load_rules()
    if rule.kind == "title":
        rx = title_regex(rule)
        first, at = _number_before_title(text, rule)
        for m in rx.finditer(text.text, 0, _head_end(text, _TITLE_LINES)):
            value = m.group("v")
            if first is not None and at < m.start():
                break  # `№ 742 ШАРТ` heads the page; `Шартқа № 1 қосымша` is its annex further on
            if any(c.isdigit() for c in value) and not _NOT_NUMBER.search(value):
                tail = _WRAPPED_TAIL.match(text.text, m.end("v"))
                if tail:  # `ДОГОВОР … № KZ-2025-` over `5935`: the heading wrapped inside the number
                    return _number_field(text, m.start("v"), tail.end(1), value + "-" + tail.group(1))
                return _number_field(text, m.start("v"), m.end("v"), value)
        return first
    for spot in rule_spots(text, rule):
        if rule.kind == "rest":
            segment = text.text[spot.start: spot.end]
            lead = _LEADING_MARK.match(segment)
            value = " ".join(segment[lead.end() if lead else 0:].split())
            if any(c.isdigit() for c in value):
                return _number_field(text, spot.start, spot.end, value)
            continue
        if rule.kind != "below" and rules.not_number.search(
                text.text[max(0, spot.label_end - 60): spot.label_end]):
            continue
        found = _token_in(text, spot.start, spot.end, under_header=rule.kind == "below")
        if found:
            return _number_field(text, found[1], found[2], found[0])
    return None


_MARK_FIRST = re.compile(
    rf"^[^\S\n]*(?P<mark>{NUMBER_MARK})?[^\S\n]*(?P<v>{NUMBER_TOKEN})[^\S\n]+(?=[^\W\d_])", _FLAGS)
"""`№ 742 ШАРТ`, `383-ОУ/2025 ШАРТ`: a Kazakh heading prints the number before the title word (without its
`№` only where the title word is all the rest of the line and the number has a digit and no point:
`KZ-2025-2298 ШАРТ`, never a clause's `1.ПРЕДМЕТ ДОГОВОРА`)."""
_UNMARKED = re.compile(r"(?=[\w/-]*\d)[^\W_][\w/-]*")


def _number_before_title(text: DocText, rule: Rule) -> tuple[TextField | None, int]:
    """The number of a heading line that opens with it and goes on with the type's title (`№ 742 ШАРТ`,
    `№ 15 Шот-фактура`), in the head of the document, and where it stands in the text ((None, -1) when
    there is none)."""
    assert rule.regex is not None
    for m in _MARK_FIRST.finditer(text.text, 0, _head_end(text, _HEAD_LINES)):
        value = m.group("v")
        line = text.line_at(m.start("v"))
        if line is None or not any(c.isdigit() for c in value) or _NOT_NUMBER.search(value):
            continue
        rest = text.text[m.end(): line.end]
        if m.group("mark"):
            heads = rule.regex.match(rest) is not None
        else:
            heads = _UNMARKED.fullmatch(value) is not None and rule.regex.fullmatch(rest.rstrip()) is not None
        if heads:
            return _number_field(text, m.start("v"), m.end("v"), value), m.start("v")
    return None, -1


_WRAPPED_TAIL = re.compile(r"-[^\S\n]*\n[^\S\n]*([\w/-]*\d[\w/-]*)[^\S\n]*$", re.MULTILINE)
"""A number's rest after a hyphen that ends the title line, alone on the next line."""


def find_number(text: DocText, doc_type: DocType = DocType.other) -> TextField | None:
    """The document number: the type's template reading when it finds one (the prior), else the best
    type-agnostic candidate (`number_candidates`)."""
    rules = template_for(doc_type).number
    if rules is None:
        return None
    for i, rule in enumerate(rules):
        found = _number_by_rule(text, rule)
        if found is not None:
            scanned = (found.file, found.page) not in text.layer_pages
            if rule.kind == "title" and _SHORT.search(found.value) and scanned:
                found = _labelled_instead(text, rules[i + 1:]) or found
            return _as_printed(text, found, doc_type)
    best = _best(number_candidates(text))
    if best is None and doc_type in _CITED_BY_ANNEX:
        return _number_cited_by_annex(text)
    if best is None:
        return None
    return _as_printed(text, _number_field(text, best.start, best.end, best.value), doc_type)


def _labelled_instead(text: DocText, rules: Sequence[Rule]) -> TextField | None:
    """A longer number a later rule of the template reads where the title gave one or two digits on an
    OCR'd page: a speck by the heading read as `№4` (`ВЫПИСКА 3 ¢ awe №4`), the register's labelled
    number (`Регистрационный номер записи` … `ТП-09/26/017453`) the paper's."""
    for rule in rules:
        found = _number_by_rule(text, rule)
        if found is not None and not _SHORT.search(found.value):
            return found
    return None


def _as_printed(text: DocText, found: TextField, doc_type: DocType) -> TextField:
    """A number read, made whole where a column's edge cut it, with its slash and register prefix as
    printed where OCR misread them."""
    found = _slash_as_cited(text, _completed_elsewhere(text, found))
    return _register_prefix(_slash_read_as_point(text, found), doc_type)


def _completed_elsewhere(text: DocText, found: TextField) -> TextField:
    """`ДОГОВОР … № 297-` cut at its column's edge (the rest, `ОУ/2025`, on the line below, the other
    language's title beside it): a number printed only up to a hyphen that ends its word is the whole number
    the document prints elsewhere opening with it (`CONTRACT No. 297-ОУ/2025`)."""
    head = re.escape(found.value)
    if not re.search(rf"(?<![\w/-]){head}-(?!\S)", text.text):
        return found
    whole = re.search(rf"(?<![\w/-]){head}-[\w/-]*\w", text.text)
    return found if whole is None else _number_field(text, whole.start(), whole.end(), whole.group())


_NUMBER_OF_YEAR = re.compile(r"(\d{1,5})[.,](\d{2})")
_YEARS = re.compile(r"(?<!\d)20(\d{2})(?!\d)")


def _slash_read_as_point(text: DocText, found: TextField) -> TextField:
    """`Исх. № 342.26` on a scan of a letter dated `27.05.2026`: a number and the two digits of a year the
    page prints, parted by a point, are a letter's number `342/26` whose slash OCR read as a point."""
    m = _NUMBER_OF_YEAR.fullmatch(found.value)
    printed = (found.file, found.page) in text.layer_pages
    if m is None or printed or m.group(2) not in _YEARS.findall(text.text):
        return found
    return found.model_copy(update={"value": f"{m.group(1)}/{m.group(2)}"})


_CITED_BY_ANNEX = frozenset({DocType.contract})
_ANNEX_CITES = re.compile(rf"(?<!\w)к\s+(?:договору|контракту|шарту)\s*{NUMBER_MARK}\s*[:.]?\s*"
                          rf"({NUMBER_TOKEN})(?=[^\S\n]+(?:от|from)\b)", re.IGNORECASE)


def _number_cited_by_annex(text: DocText) -> TextField | None:
    """A contract whose first lines a bad scan lost: its own annex, a page of the same document, cites it
    (`Приложение № 1` / `к Договору № 0691/24 от 16 сентября 2024 г.`), and that is its number."""
    m = _ANNEX_CITES.search(text.text)
    return _number_field(text, m.start(1), m.end(1), m.group(1)) if m else None


_HRB_MISREAD = re.compile(r"^[HН][EЕBВРPR8][BВ8](?=\s?\d{4,}$)")
"""`HEB125516`, `HBB105909`, `НЕВ 125516` (in Cyrillic look-alikes): a German commercial register's `HRB`
(Handelsregister B) as OCR reads it."""


_OTP_MISREAD = re.compile(r"^[OО0][TТ](?:[TТ][IІl1|]|[IІl1|]{2}|N)(?=-(?:19|20)\d\d-\d)")
"""`OTTІ-2026-51737`: the domestic producers register's `ОТП` whose `П` OCR read as two strokes."""
_TP_MISREAD = re.compile(r"^(?:[1lIІ|]П|[ТT][1lIІ|]П|[ТT][HНN]|[ТT][IІl1|]{2})(?=-\d\d/\d\d/\d)")
"""`1П-14/26/856045`, `TH-07/26/328930`, `TІ1-07/26/904278`, `TІП-04/26/725145`: the register's `ТП` whose `Т`
OCR read as `1` (or a table border before it, also as the Kazakh `І`), or whose `П` as `H` or as two
strokes."""
_PREFIXES = {DocType.foreign_registration: ((_HRB_MISREAD, "HRB"),),
             DocType.ktp_extract: ((_OTP_MISREAD, "ОТП"), (_TP_MISREAD, "ТП"))}


def _register_prefix(found: TextField, doc_type: DocType) -> TextField:
    """A register's number with its register's prefix as printed (`HRB`, `ОТП`), whatever OCR made of
    its letters."""
    for misread, prefix in _PREFIXES.get(doc_type, ()):
        if misread.match(found.value):
            return found.model_copy(update={"value": misread.sub(prefix, found.value)})
    return found


_SLASH_READ_AS = frozenset("1lI|")


def _slash_as_cited(text: DocText, found: TextField) -> TextField:
    """`ДОГОВОР № ДП-20241673` over an annex headed `к Договору № ДП-2024/673`: OCR read the number's
    slash as `1` where the paper cites itself with the slash; the cited spelling is the number."""
    value = found.value
    if "/" in value or not any(c in _SLASH_READ_AS for c in value):
        return found
    for m in _TOKEN.finditer(text.text):
        cited = m.group().rstrip(".,")
        if len(cited) == len(value) and "/" in cited and all(
                a == b or (a == "/" and b in _SLASH_READ_AS) for a, b in zip(cited, value, strict=True)):
            return found.model_copy(update={"value": cited})
    return found


@dataclass(frozen=True)
class Candidate:
    """A value a detector proposes for a field: its span, the value as read, a score and the detector."""

    start: int
    end: int
    value: str
    score: float
    source: str


def _best(candidates: list[Candidate]) -> Candidate | None:
    """The highest-scoring candidate; the earliest in the text among equals."""
    return max(candidates, key=lambda c: (c.score, -c.start), default=None)


NUMBER_SCORES = {"label_beside": 3.0, "label_below": 2.8, "title_mark": 2.5, "beside_registry": 2.3,
                 "registry_beside": 2.2, "registry_below": 2.0, "value_row": 1.8, "head_mark": 1.5}
"""Base score of each number detector (a short `№ 7` loses 1, each line further down 0.02). A registry's
number (an ЭСФ's `Регистрационный номер`) is the document's only when no own-number label or title
`№` gives one, and the token in the cell right of the registration number (`/ ESF-… / СФ-48`,
`beside_registry`) outranks it; a header table's value row whose label row OCR lost
(`АВР-031455 30.12.2025`: a number and a date alone on a head line, `value_row`) only then too."""


def _line_index(text: DocText, pos: int) -> int:
    for i, ln in enumerate(text.lines):
        if ln.start <= pos <= ln.end:
            return i
    return len(text.lines)


_BLANK_NUMBER = re.compile(r"[:.]?\s*(?:([KК][ZЗ](?:[ \t]*\d)+)|[KКк][ZЗ2zз]?(?=[ \t]*\d)((?:[ \t]*\d){8,}))")
"""A certificate blank's number printed in groups (`KZ 7 1 00 077246`), also with its `KZ` read by OCR
as `к`, `К2` (then ten digits or so follow: the prefix is restored)."""


def _label_value(text: DocText, start: int, end: int) -> tuple[str, int, int] | None:
    """The value of a label at [start, end): a blank number in groups, else the first token."""
    blank = _BLANK_NUMBER.match(text.text, start, end)
    if blank and blank.group(1):
        return " ".join(blank.group(1).split()), blank.start(1), blank.end(1)
    if blank:
        return "KZ " + " ".join(blank.group(2).split()), blank.start(), blank.end(2)
    return _token_in(text, start, end)


_REGISTRY_CELL = r"(?P<registry>[EЕ][SС5][FҒ]-[\d-]+[^\S\n]*[|/]?[^\S\n]*)?"
"""An ЭСФ's registration number (`ESF-…`, OCR's `Е5Ғ-…`) in the cell left of the document's number."""
_VALUE_ROW = re.compile(rf"[^\w\n]{{0,3}}{_REGISTRY_CELL}(?P<number>{NUMBER_TOKEN})[^\S\n]+"
                        rf"(?P<date>\S+(?:[^\S\n]+\S+){{0,3}}?)[^\w\n]{{0,3}}")
"""A head line of a number and a date alone (`АВР-031455 30.12.2025`, after an ЭСФ's registration number
`Е5Ғ-070840136335-78631 | 88 10.09 2025`): a header table's value row."""
_BESIDE_REGISTRY = re.compile(rf"[^\S\n]*[|/][^\S\n]*({NUMBER_TOKEN})[^\S\n|/]*$", re.MULTILINE)
"""`/ ESF-760913365927-34017 / СФ-48`: the document's own number in the cell right of the registration
number, its label row lost."""


def number_candidates(text: DocText) -> list[Candidate]:
    """Numbers of the document from its head, whatever its layout: the value beside or under a
    header-table label (`Номер документа | Дата составления`, `Құжат нөмірі`, `Исх. №`), and the token
    after `№`, `No`, `N`, `№:` on the title lines (`Счет на оплату № 15 от …`, `№ 15 2025 жылғы …`),
    never after a reference to another document (an order approving the form, a contract, an annex)."""
    rules = load_rules()
    head_end = _head_end(text, _TITLE_LINES)
    out: list[Candidate] = []

    def add(value: str, start: int, end: int, source: str) -> None:
        value = value.rstrip(".,;:")
        if not any(c.isdigit() for c in value) or _NOT_NUMBER.search(value) or dates.find_dates(value):
            return
        score = NUMBER_SCORES[source] - 0.02 * _line_index(text, start)
        if _SHORT.search(value) and source.startswith("head"):
            score -= 1.0
        out.append(Candidate(start, max(end, start + len(value)), value, score, source))

    labels = [(label, "label") for label in rules.number_labels]
    labels += [(label, "registry") for label in rules.registry_number_labels]
    for label, kind in labels:
        for m in label.finditer(text.text, 0, head_end):
            line = text.line_at(m.start())
            if line is None:
                continue
            found = _label_value(text, m.end(), line.end)
            if found:
                add(found[0], found[1], found[2], f"{kind}_beside")
                continue
            for s, e in cells_below(text, m.start(), m.end(), max_lines=2):
                found = _label_value(text, s, e)
                if found:
                    add(found[0], found[1], found[2], f"{kind}_below")
                    own = text.line_at(found[1])
                    beside = _BESIDE_REGISTRY.match(text.text, found[2], own.end) if own else None
                    if kind == "registry" and beside:
                        add(beside.group(1), beside.start(1), beside.end(1), "beside_registry")
                    break
    for line in text.lines:
        if line.start >= head_end:
            break
        row = _VALUE_ROW.fullmatch(text.text, line.start, line.end)
        if row is None or (len(row.group("number")) < 3 and not row.group("registry")):
            continue
        when = dates.find_dates(row.group("date"))
        if when and when[0].start == 0 and when[0].end == len(row.group("date")):
            add(row.group("number"), row.start("number"), row.end("number"), "value_row")
    for m in _NUMBER.finditer(text.text, 0, head_end):
        line = text.line_at(m.start())
        before = text.text[line.start if line else 0: m.start()]
        if rules.not_number.search(before) or rules.not_number.search(
                _with_line_above(text, line, m.start())):
            continue
        if not before.strip() and line is not None and _CITING_LABEL.match(text.text, line.end + 1):
            continue  # `№ 0581/25 от 21.04.2025` over `Договор (контракт) на поставку …:`, its label
        title = len(before.split()) <= 6 and _line_index(text, m.start()) < _HEAD_LINES + 6
        if not title and bins.is_valid_bin(m.group(1)):
            continue  # `Грузополучатель: № 210140854968 …`: a party's BIN among the requisites
        add(m.group(1), m.start(1), m.end(1), "title_mark" if title else "head_mark")
    return out


_CITING_LABEL = re.compile(r"[^\S\n]*(?:договор|контракт|шарт)\w*[^\S\n]*\(", re.IGNORECASE)
"""A form's row label citing the contract (`Договор (контракт) на поставку товаров …:`), on the line under
a value alone on its line: OCR read the row's value cell before its label cell."""


def _with_line_above(text: DocText, line: Line | None, pos: int) -> str:
    """The text from the start of the line above to `pos`: a citation whose words wrapped
    (`свидетельство по` / `НДС серия 23546 № 7832014`) still reads as one."""
    i = _line_index(text, line.start) if line is not None else 0
    return text.text[text.lines[i - 1].start if 0 < i <= len(text.lines) else 0: pos]


# --- date -----------------------------------------------------------------------------------------

def _date_field(text: DocText, d: dates.DateMatch, offset: int = 0) -> DateField:
    ev = text.evidence(offset + d.start, offset + d.end)
    return DateField(value=d.value, **ev.model_dump())


def _date_by_rule(text: DocText, rule: Rule, number: TextField | None) -> DateField | None:
    if rule.kind == "near_title":
        if number is None or number.page is None:
            return None
        pos = _position_of(text, number)
        line = text.line_at(pos) if pos is not None else None
        if pos is None or line is None:
            return None
        # the number's own line first (`… № 7 от 07.01.2025`, `2025 жылғы 7 қаңтар № 7`), then below
        following = [ln for ln in text.lines if ln.start > line.end][:4]
        windows = [(line.start, line.end)] + [(ln.start, ln.end) for ln in following]
        not_date = load_rules().not_doc_date
        # then lines that stand on the page just under the number, wherever OCR put them in reading
        # order (a date right of the city, a bilingual heading read as two blocks)
        # `Договор № 15 от 07.01.2025`: the date right after the document's own number is its date,
        # whatever word the title starts with (a cited contract's date is what `not_doc_date` skips)
        token = re.match(r"\S+", text.text[pos: line.end])
        after = pos + (token.end() if token else 0)
        own = dates.find_dates(text.text[after: line.end])
        if own and _OWN_DATE.fullmatch(text.text[after: after + own[0].start]):
            return _date_field(text, own[0], after)
        for start, end in windows + _rows_below(text, number):
            for d in dates.find_dates(text.text[start:end]):
                if not not_date.search(text.text[max(0, start + d.start - 80): start + d.start]) \
                        and not _cites_a_paper(text, start + d.end):
                    return _date_field(text, d, start)
        return None
    for spot in rule_spots(text, rule):
        segment = text.text[spot.start: spot.end]
        found = _labelled_dates(segment)
        if found and len(segment[: found[0].start].split()) <= 3:
            return _date_field(text, found[0], spot.start)
    return None


def _labelled_dates(segment: str) -> list[dates.DateMatch]:
    """The dates of the text after a date label; there, `08 09 2025` (the points lost on a photo) too."""
    found = dates.find_dates(segment)
    if not found and (spaced := dates.spaced_date(segment.lstrip(" :.\t|"))) is not None:
        shift = len(segment) - len(segment.lstrip(" :.\t|"))
        found = [dates.DateMatch(spaced.value, spaced.start + shift, spaced.end + shift)]
    return found


def _cites_a_paper(text: DocText, end: int) -> bool:
    """The date ending at `end` is followed by the paper it dates (`… № 925 шарт бойынша`)."""
    return bool(load_rules().not_doc_date_after.match(text.text, end, min(len(text.text), end + 60)))


_OWN_DATE = re.compile(r"[^\S\n]*(?:от|from|dated|,)?[^\S\n]*", re.IGNORECASE)
"""What may stand between a document's number and its own date on the title line."""

DATE_BELOW = 0.08
"""How far under the number's line (page fraction) the document date may stand."""
DATE_ABOVE = 0.05
"""… and how far above it (a register extract prints the date over the number)."""


def _rows_below(text: DocText, number: TextField) -> list[tuple[int, int]]:
    """Lines of the number's page whose words stand on the number's row, up to DATE_BELOW under it or
    DATE_ABOVE over it, nearest first."""
    if number.bbox is None:
        return []
    row = (number.bbox[1] + number.bbox[3]) / 2
    top, bottom = number.bbox[1] - DATE_ABOVE, number.bbox[3] + DATE_BELOW
    found: dict[int, float] = {}
    for w in text.words:
        if w.page != number.page or w.file != number.file:
            continue
        y = (w.word.bbox[1] + w.word.bbox[3]) / 2
        if top <= y <= bottom and (line := text.line_at(w.start)) is not None:
            found[line.start] = min(found.get(line.start, 1.0), abs(y - row))
    spans = {ln.start: (ln.start, ln.end) for ln in text.lines if ln.start in found}
    return [spans[s] for s in sorted(spans, key=lambda s: found[s])]


def _position_of(text: DocText, number: TextField) -> int | None:
    for w in text.words:
        if w.page == number.page and number.bbox is not None and w.word.bbox[0] >= number.bbox[0] - 1e-4 \
                and w.word.bbox[1] >= number.bbox[1] - 1e-4 and w.word.bbox[2] <= number.bbox[2] + 1e-4:
            return w.start
    pos = text.text.find(number.value)
    return pos if pos >= 0 else None


def find_date(text: DocText, after: TextField | None = None,
              doc_type: DocType = DocType.other) -> DateField | None:
    """The document date: the type's template reading when it finds one (the prior), else the best
    type-agnostic candidate (`date_candidates`)."""
    template = template_for(doc_type).date
    if template is None:
        return None
    for rule in template:
        found = _date_by_rule(text, rule, after)
        if found is not None:
            return found
    candidates = date_candidates(text, after)
    if template_for(doc_type).number is None:
        # a kind that carries no number of its own (a report, an application): a date after `№ … от` is the
        # numbered paper's it cites (`Договор … № 88-0У/2025 ot 07.04.2025` in a report's table)
        candidates = [c for c in candidates if not _NUMBERED_BEFORE.search(text.text, 0, c[1])]
    return _best_date(candidates)


_NUMBERED_BEFORE = re.compile(rf"{NUMBER_MARK}[^\S\n]*\S+[^\S\n]+(?:от|ot|of|from)[^\S\n]*\Z", re.IGNORECASE)


DATE_SCORES = {"near_number": 3.0, "label": 2.5, "signed": 2.0, "alone": 1.9, "head": 1.0}
_SIGNED = re.compile(r"_{3,}|\bм\.\s?п\.|подпис|қолы|signature|\bдата\s*:|^\W*(?:руководител|директор|"
                     r"председател|басшы|бас\s+директор|генеральн)|^\W{0,3}[дмлnh][аa][тtвv][аa]\s*:",
                     re.IGNORECASE)
"""A signature line (`Директор ________ Сериков А. К. 16.09.2025`, the rule lost by OCR): its date is the
date of signing; also `Дата:` opening its line with its first letter or its `т` misread (`Мата: 01.09.2026`,
`Nava: 27.06.2026` on a bad scan)."""
_SIGNED_LINES = 6


def _date_alone(line: str) -> bool:
    """A line that is a date and nothing else (`11 мая 2026 года`, `г. Астана 05.03.2025 г.`) among the
    last lines — lone letters and marks aside, specks of a scan — : the date the document was signed,
    printed without a label under its table."""
    found = dates.find_dates(line)
    if len(found) != 1:
        return False
    rest = _PLACE_OR_YEAR_WORD.sub(" ", line[: found[0].start] + line[found[0].end:])
    return not _SPECK_FREE.sub(" ", rest).strip(" .,;:|!'\"`")


_SPECK_FREE = re.compile(r"(?<!\w)(?![вскВСК])[^\W\d_](?!\w)|[^\w\s]")
"""A lone letter or a mark beside a date alone on its line: a speck of a bad scan read as a letter (`е «10»
августа 2026 года`, `и ' «04» августа 2026 года`), not a word; the one-letter prepositions a date follows
(`с 10.08.2026`: a period's start; `к`, `в`) are words, while a conjunction (`и`, `а`) or `о`, `у` opens
no date of its own: there a speck is likelier."""


_PLACE_OR_YEAR_WORD = re.compile(r"(?<!\w)(?:г\.?\s*[А-ЯЁA-Z][\w-]+|года?|г\.|жылғы|ж\.)(?!\w)"
                                 r"|\A[^\S\n]*(?-i:[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]{2,}),(?=[^\S\n])",
                                 re.IGNORECASE)
"""… and the place a certificate or a letter is dated at, its name and a comma opening the line (`Костанай,
2025 жылғы 22 желтоқсан`)."""


def _best_date(candidates: list[tuple[float, int, DateField]]) -> DateField | None:
    best = max(candidates, key=lambda c: (c[0], -c[1]), default=None)
    return best[2] if best else None


def date_candidates(text: DocText, number: TextField | None) -> list[tuple[float, int, DateField]]:
    """(score, position, date) proposals: the date on or just under the number's line (`№ 15 от
    07.01.2025`, `2025 жылғы 7 қаңтар № 15`), the value beside or under a date label (`Дата составления`,
    `Құжат күні`, `Date:`), and the first date of the head; dates of cited laws and contracts never."""
    rules = load_rules()
    out: list[tuple[float, int, DateField]] = []
    near = _date_by_rule(text, Rule("near_title"), number)
    if near is not None:
        out.append((DATE_SCORES["near_number"], 0, near))
    head_end = _head_end(text, _TITLE_LINES)
    for label in rules.date_labels:
        for m in label.finditer(text.text, 0, head_end):
            line = text.line_at(m.start())
            if line is None:
                continue
            spans = [(m.end(), line.end), *cells_below(text, m.start(), m.end(), max_lines=2)]
            for s, e in spans:
                segment = text.text[s:e]
                found = _labelled_dates(segment)
                before = text.text[line.start: s + found[0].start] if found else ""
                if found and len(segment[: found[0].start].split()) <= 2 \
                        and not rules.not_doc_date.search(before):
                    score = DATE_SCORES["label"] - 0.02 * _line_index(text, s)
                    out.append((score, s + found[0].start, _date_field(text, found[0], s)))
                    break
    # the last lines holding figures: a photo's specks and smudges read as lines of letters after the
    # signatures never push the signing date out
    with_figures = [ln for ln in text.lines if any(c.isdigit() for c in text.text[ln.start: ln.end])]
    for line in with_figures[-_SIGNED_LINES:]:
        segment = text.text[line.start: line.end]
        signed_line = bool(_SIGNED.search(segment))
        if signed_line or _date_alone(segment):
            for d in dates.find_dates(segment):
                at = line.start + d.start
                # a date alone on its line may be the tail of the line above (`Дата регистрации:`)
                context = text.text[max(line.start if signed_line else 0, at - 80): at]
                if not rules.not_doc_date.search(context):
                    score = DATE_SCORES["signed" if signed_line else "alone"]
                    out.append((score, at, _date_field(text, d, line.start)))
                    break
    head = text.text[: _head_end(text)]
    for d in dates.find_dates(head):
        if not rules.not_doc_date.search(head[max(0, d.start - 80): d.start]) \
                and not _cites_a_paper(text, d.end):
            score = DATE_SCORES["head"] - 0.02 * _line_index(text, d.start)
            out.append((score, d.start, _date_field(text, d)))
            break
    return out


# --- total ----------------------------------------------------------------------------------------

def _words_amounts(text: DocText) -> set[Decimal]:
    return {v for v, _, _ in amount_words.find_amounts_in_words(text.text)}


_CLOSING = re.compile(r"[^\S\n]*\)?[\s,]*(?:(?:российск|американск|китайск|ресей|ақш|акш)\w*\s+)?"
                      r"(?:тенге|теңге|тг|руб\w*|доллар\w*|долл|евро|еуро|юан\w*|kzt|usd|eur|rub|cny)(?!\w)",
                      re.IGNORECASE)
"""A currency word right after a phrase's last number word (past its closing parenthesis)."""


def _closed_words_amounts(text: DocText) -> set[Decimal]:
    """Amounts in words whose phrase a currency word closes (`… сорок два тенге 85 тиын`): a phrase that
    stops at a word OCR damaged (`… сорок asa тенге`: `два` lost) is short of its value and repairs no
    digits."""
    return {v for v, s, e in amount_words.find_amounts_in_words(text.text)
            if money.detect_currency(text.text[s: e])}


def _pick(amounts: list[money.MoneyMatch], in_words: set[Decimal], table_line: bool) -> money.MoneyMatch:
    for a in amounts:
        if a.amount in in_words:
            return a
    nonzero = [a for a in amounts if a.amount] or amounts  # a zero is a VAT column, never the total
    # a table's total line: the largest cell (the sum with VAT), never a quantity or a price beside it
    return max(nonzero, key=lambda a: a.amount) if table_line else nonzero[0]


_ROW_INDEX = re.compile(r"\d{1,3}")
_ROW_INDEX_LEAD = re.compile(r"[^\S\n]*(?:[|\[][^\S\n]*)?(?:№[^\S\n]*)?")
"""Before a row's number: spaces, a table's left border as OCR reads it (`|`, `[`), a `№`."""


def _is_row_index(text: str, start: int, end: int) -> bool:
    """The amount at [start, end) is a table row's number (`1 ИП Попов … 55 060 966,28` under a `№` or
    `№ п/п` column): a small integer without decimals first on its line, with the row's cells (words and
    figures) after it. A row's number is never a money amount."""
    if not _ROW_INDEX.fullmatch(text, start, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end: line_end if line_end >= 0 else len(text)]
    return bool(_ROW_INDEX_LEAD.fullmatch(text, line_start, start)) and any(c.isalpha() for c in rest) \
        and any(c.isdigit() for c in rest)  # `500 (пятьсот) тенге` wrapped onto its own line is an amount


_TIYN_END = re.compile(r"[.,\-=]\d{2}\Z")


def _amounts(text: DocText, start: int, end: int) -> list[money.MoneyMatch]:
    """Amounts in [start, end) (spans relative to `start`), a table row's number left out."""
    return [a for a in money.find_amounts(text.text[start:end])
            if not _is_row_index(text.text, start + a.start, start + a.end)
            and not (a.amount < 100 and money.tiyn_after(text.text, start + a.end))
            and not (a.currency is None and _is_clause_number(text.text, start + a.start, start + a.end))]


_CLAUSE_NUMBER = re.compile(r"\d{1,2}\.\d{1,2}")
_CLAUSE_LEAD = re.compile(r"[^\S\n]*")
_CLAUSE_TEXT = re.compile(r"\.?[^\S\n]+[^\W\d_]")


def _is_clause_number(text: str, start: int, end: int) -> bool:
    """The number at [start, end) opens a contract's clause (`2.1. Шарттың жалпы сомасы 3 428 873,93`,
    under the section heading `2. ШАРТТЫҢ БАҒАСЫ`): first on its line, a section and a clause of one or two
    digits each, words after it. A clause's number is never the amount it states."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_CLAUSE_NUMBER.fullmatch(text, start, end) and _CLAUSE_LEAD.fullmatch(text, line_start, start)
                and _CLAUSE_TEXT.match(text, end))


def _labelled_amount(text: DocText, label: re.Pattern[str], in_words: set[Decimal],
                     kind: str = "after", net: bool = False) -> tuple[Decimal, str | None, int, int] | None:
    """The amount a total label stands for: beside it, in the cell under it (`below`), or for running
    text on the next two lines. A net row (`Итого без НДС`) counts only with `net`; a label heading a
    column over numbered rows (`Сумма затрат, тенге` over `1 ИП … 55 060 966,28`) stands for no total."""
    rules = load_rules()
    for m in label.finditer(text.text):
        line = text.line_at(m.start())
        if line is None:
            continue
        if rules.not_total.search(text.text[line.start: m.start()]):
            continue
        if kind == "below":
            for s, e in cells_below(text, m.start(), m.end()):
                amounts = _amounts(text, s, e)
                if amounts:
                    a = amounts[0]
                    return a.amount, a.currency, s + a.start, s + a.end
            continue
        # the label's line and, for running text, the next two lines
        window_end = line.end
        following = [ln for ln in text.lines if ln.start > line.end][:2]
        if following:
            window_end = following[-1].end
        segment = text.text[m.end(): window_end]
        found = _amounts(text, m.end(), window_end)
        if not found:  # read with the label before it: a total label is money context for tenge and
            # tiyn however parted (`Итого 9082-85`), never for bare digits (`477701578`: a point lost)
            shift = m.end() - m.start()
            found = [money.MoneyMatch(a.amount, a.currency, a.start - shift, a.end - shift)
                     for a in _amounts(text, m.start(), window_end)
                     if a.start >= shift and _TIYN_END.search(text.text, 0, m.start() + a.end)]
        amounts = [a for a in found if not rules.not_total.search(segment[max(0, a.start - 25): a.start])]
        if not amounts:
            figures = any(c.isdigit() for c in text.text[m.end(): line.end])
            if not figures and (above := _total_above(text, line)) is not None:
                return above
            continue
        on_line = [a for a in amounts if m.end() + a.start <= line.end]
        if not on_line and following and _is_row_index_line(text.text, following[0].start, following[0].end):
            continue  # a column header over numbered rows
        stacked = None if on_line else _column_under(text, line, m.group())
        if stacked is not None:
            return stacked
        if not net and rules.net_total.search(
                text.text[m.start(): m.end() + on_line[0].start if on_line else line.end]):
            continue  # `Итого без НДС 1 775 600,00`: the net row, the grand total follows
        for a in on_line or amounts:  # `4538 775,71`: the amount in words confirms the glued head
            start = m.end() + a.start
            whole, head_start = _glued_head(text.text, a.amount, start, m.end() + a.end)
            if whole != a.amount and _spelled(whole, in_words):
                return whole, a.currency, head_start, m.end() + a.end
        table = bool(on_line) and _is_table_line(text.text[line.start: line.end])
        if table:  # `3101 019,02`: a cell whose glued head OCR split off counts whole when sizing the cells
            on_line = [_with_glued_head(text.text, a, m.end()) for a in on_line]
        pick = _pick(on_line if on_line else amounts, in_words, table)
        return pick.amount, pick.currency, m.end() + pick.start, m.end() + pick.end
    return None


def _total_above(text: DocText, line: Line) -> tuple[Decimal, str | None, int, int] | None:
    """`6729802.96` / `ИТОГО затрат` / `Сумма к возмещению (40 %): …`: a table's total row whose amount cell
    OCR read onto the line above its label (a photo's slant, a tall label cell). A label line without
    figures, with no amount after it either, stands for the amount alone on the line right above it when
    that amount is larger than every amount of the `MAX_COLUMN` lines above it (the rows it totals; a row's
    own amount is never larger than the total's)."""
    before = [ln for ln in text.lines if ln.end < line.start and (ln.file, ln.page) == (line.file, line.page)]
    if not before:
        return None
    last = before[-1]
    found = money.find_amounts(text.text[last.start: last.end])
    if len(found) != 1 or found[0].amount <= 0:
        return None
    a = _with_glued_head(text.text, found[0], last.start)
    if not (_FIGURES_ONLY.fullmatch(text.text, last.start, last.start + a.start)
            and _FIGURES_ONLY.fullmatch(text.text, last.start + a.end, last.end)):
        return None
    for ln in before[-1 - MAX_COLUMN: -1]:
        if any(_with_glued_head(text.text, r, ln.start).amount >= a.amount
               for r in money.find_amounts(text.text[ln.start: ln.end])):
            return None
    return a.amount, a.currency, last.start + a.start, last.start + a.end


def _spelled(amount: Decimal, in_words: set[Decimal]) -> bool:
    """Does the document spell out `amount` in words: the same amount, or its tenge where the words give
    no tiyn (`… двадцать один тенге 06` with `тиын` lost: the phrase ends at `тенге`)?"""
    return amount in in_words or any(
        not amount_words.has_fraction(w) and w == int(amount) for w in in_words)


_FIGURES_ONLY = re.compile(r"[\W_]*")
_TOTAL_WORD = re.compile(r"итог|всего|барлығы|жиыны|total", re.IGNORECASE)
MAX_COLUMN = 12
"""The most lines of a column read as a block under its header."""


def _column_under(text: DocText, line: Line, label: str) -> tuple[Decimal, str | None, int, int] | None:
    """A label alone on its line over two or more lines that each hold one amount and nothing else: a
    column OCR read as a block. When its last amount is the sum of the others, that is the total; under
    a column header (`Сумма с НДС` / `14.097,90` / `480.79`, no total word) whose total row was lost,
    the column's sum is. A total word over a column that does not add up gives no reading here."""
    column: list[money.MoneyMatch] = []
    for ln in [ln for ln in text.lines if ln.start > line.end][:MAX_COLUMN]:
        found = money.find_amounts(text.text[ln.start: ln.end])
        if len(found) != 1 or found[0].amount <= 0:
            break
        a = _with_glued_head(text.text, found[0], ln.start)
        if not (_FIGURES_ONLY.fullmatch(text.text, ln.start, ln.start + a.start)
                and _FIGURES_ONLY.fullmatch(text.text, ln.start + a.end, ln.end)):
            break
        column.append(money.MoneyMatch(a.amount, a.currency, ln.start + a.start, ln.start + a.end))
    if len(column) < 2:
        return None
    last = column[-1]
    if last.amount == sum((a.amount for a in column[:-1]), Decimal(0)):
        return last.amount, last.currency, last.start, last.end
    if _TOTAL_WORD.search(label):
        return None
    return sum((a.amount for a in column), Decimal(0)), None, column[0].start, column[-1].end


_ROW_START = re.compile(r"[^\S\n]*(?:[|\[][^\S\n]*)?(\d{1,3})(?:[^\S\n]*\|[^\S\n]*|[^\S\n]+)(?=[^\d\s|])")


def _is_row_index_line(text: str, start: int, end: int) -> bool:
    """The line [start, end) opens with a table row's number (`1 ТОО «Бета» …`, not `1 200 000,00`)."""
    first = _ROW_START.match(text, start, end)
    return first is not None and _is_row_index(text, first.start(1), first.end(1))


def _with_glued_head(text: str, a: money.MoneyMatch, offset: int) -> money.MoneyMatch:
    """`a` (found at `offset` + its span) with the head digits OCR glued before it (`_glued_head`)."""
    whole, head_start = _glued_head(text, a.amount, offset + a.start, offset + a.end)
    if whole == a.amount:
        return a
    return money.MoneyMatch(whole, a.currency, head_start - offset, a.end)


def _is_table_line(line: str) -> bool:
    return len(money.find_amounts(line)) >= 2


TOTAL_SCORES = {"template": 6.0, "label": 4.0, "in_words": 5.0, "rank_step": 0.1, "words_on_page": 5.5,
                "rows_sum": 4.5, "vat_line": 3.5}
"""A template label's amount is the prior; any total label's amount is a candidate; an amount equal to
the amount in words outweighs both; earlier (stronger) labels of a list by `rank_step` each. Without a
labelled amount above `words_on_page`, the largest amount in digits the words spell out is the total.
An amount below a table that equals the sum of its rows (`rows_sum`) outweighs a generic label's but
not the type's own label's. The gross of the largest `net VAT gross` line, else the largest amount a
`в том числе НДС` line under it states the included VAT of (`vat_line`), outweighs the weak
generic labels (`итого`, `сумма` at a line's start), which on a damaged page head a column as often as
they label a total."""


@dataclass(frozen=True)
class TotalCandidate:
    """An amount a total detector proposes, with what the score is made of."""

    amount: Decimal
    currency: str | None
    start: int
    end: int
    source: str
    """`template` (the type's own label), `label` (a total label of fields.yaml), `words_on_page` or
    `rows_sum` (the sum of a table's rows, whatever its label reads) or `vat_line` (the gross of a
    `net VAT gross` line, or an amount whose included VAT the next lines state)."""
    rank: int
    """Place of its label in its list (0 = the strongest label)."""
    confirmed: bool
    """Equal to an amount the document spells out in words."""
    summed: tuple[Decimal, ...] = ()
    """For `rows_sum`: the amounts of the rows it is the sum of."""

    @property
    def score(self) -> float:
        base = TOTAL_SCORES[self.source]
        if self.source == "words_on_page":
            return base
        words = TOTAL_SCORES["in_words"] if self.confirmed else 0.0
        return base - TOTAL_SCORES["rank_step"] * self.rank + words


_MARKED = re.compile(rf"(?:{NUMBER_MARK}[^\S\n]*|\w[-/])$")
"""`№ 341 663 116.74`, `№ СФ-906 315 387,76`: digits after a number mark or inside a number token start
with a document's number, not an amount (a table row's invoice number beside its amount)."""


def total_candidates(text: DocText, doc_type: DocType) -> list[TotalCandidate]:
    """Every grand-total proposal of the document, in the order its detectors ran: the amount after
    each of the type's template labels, after each total label of `fields.yaml`, the largest
    printed amount the words spell out, and an amount below a table equal to the sum of its rows.
    Fragments of a larger amount of the page are left out."""
    own = template_for(doc_type)
    template = own.total
    if template is None:
        return []
    rules = load_rules()
    in_words = _words_amounts(text)
    closed_words = _closed_words_amounts(text)
    page_amounts = [a.amount for a in money.find_amounts(text.text)
                    if not _MARKED.search(text.text, max(0, a.start - 6), a.start)]
    tries: list[tuple[re.Pattern[str], str, str, int]] = [
        (r.regex, r.kind, "template", i) for i, r in enumerate(template) if r.regex is not None]
    if not own.total_own_only:
        labels = rules.totals.get(doc_type.value, ()) + rules.totals["default"]
        tries += [(label, "after", "label", i) for i, label in enumerate(labels)]
    tries += _damaged_tries(text, tries)
    out: list[TotalCandidate] = []
    # a net row's amount (`Итого без НДС`) only when no label yields another amount
    for label, kind, source, rank, net in [(*t, False) for t in tries] + [(*t, True) for t in tries]:
        if net and out:
            break
        found = _labelled_amount(text, label, in_words, kind, net)
        if found is None:
            continue
        amount, currency, start, end = found
        amount, start = _glued_head(text.text, amount, start, end)
        if not text.printed(start, end) and not in_vat_sum(amount, page_amounts):
            # a text layer's digits are exact; OCR's are checked by the words, unless the page's VAT
            # arithmetic already confirms them (words OCR damaged never outvote `net + VAT = gross`)
            amount = _repair_by_words(amount, text.text[end: end + 400], closed_words)
            amount = _without_glued_cell(amount, text.text[start: end], in_words)
            amount = _without_glued_one(amount, text.text[start: end], in_words, text.text)
        if amount not in in_words and (_is_fragment(amount, page_amounts)
                                        or _cut_at_line_end(text, amount, end, page_amounts)):
            continue
        out.append(TotalCandidate(amount, currency, start, end, source, rank, amount in in_words))
    out += [_with_printed_tiyn(text, c) for c in _labels_spelled_out(text, tries)]
    if not out:
        out += _tiyn_separator_lost(text, tries, in_words)
    if own.total_own_only:
        return out or [_with_printed_tiyn(text, c) for c in _spelled_under_label(text)]
    spelled = _spelled_on_page(text, in_words, page_amounts) if in_words else None
    if spelled is not None:
        amount, currency, start, end = spelled
        out.append(TotalCandidate(amount, currency, start, end, "words_on_page", 0, True))
    vat_line = _vat_line_total(text) or _vat_included_total(text) or _vat_and_gross_cells(text) \
        or _triple_line_total(text)
    if vat_line is not None:
        out.append(TotalCandidate(vat_line.amount, vat_line.currency, vat_line.start, vat_line.end,
                                  "vat_line", 0, vat_line.amount in in_words))
    summed = row_sums.rows_total(text, lambda a, offset: _with_glued_head(text.text, a, offset),
                                 rules.not_total)
    if summed is not None:
        total = summed.match
        out.append(TotalCandidate(total.amount, total.currency, total.start, total.end, "rows_sum", 0,
                                  total.amount in in_words, tuple(r.amount for r in summed.rows)))
    return out or [_with_printed_tiyn(text, c) for c in _spelled_under_label(text)] or _headline_amount(text)


def _with_printed_tiyn(text: DocText, c: TotalCandidate) -> TotalCandidate:
    """`Всего к оплате: Семь миллионов … сорок семь тенге 77 тиым` under `на сумму 7 399 547.77 KZT`: an
    amount read from words whose tiyn OCR damaged (no tiyn in the phrase) is the one amount in digits of
    the document with the same tenge and tiyn besides, where there is exactly one such amount."""
    if amount_words.has_fraction(c.amount):
        return c
    found = {a.amount: a for a in money.find_amounts(text.text)
             if amount_words.has_fraction(a.amount) and a.amount != c.amount
             and a.amount.to_integral_value(rounding="ROUND_DOWN") == c.amount}
    if len(found) != 1:
        return c
    a = next(iter(found.values()))
    return TotalCandidate(a.amount, c.currency or a.currency, a.start, a.end, c.source, c.rank, True,
                          c.summed)


def _damaged_tries(text: DocText, tries: list[tuple[re.Pattern[str], str, str, int]]
                   ) -> list[tuple[re.Pattern[str], str, str, int]]:
    """`Всега по счету: 878 520,00`, `Фсего по чету … 411 219-66`: a total label whose letters OCR damaged
    (`damaged_labels`) on an OCR'd page reads as the first label of `tries` its printed wording fits, with
    that label's weight."""
    out: list[tuple[re.Pattern[str], str, str, int]] = []
    for found in damaged_labels.damaged_labels(text.text):
        if text.printed(found.start, found.end):
            continue  # a text layer's letters are as printed: another wording, not damage
        for label, kind, source, rank in tries:
            m = label.search(found.phrase)
            if m is not None and m.span() == (0, len(found.phrase)):
                literal = re.compile(re.escape(text.text[found.start: found.end]))
                out.append((literal, kind, source, rank))
                break
    return out


_HEADLINE_LINES = 8
_HEADLINE_REST = re.compile(r"[\s:=*]*")


def _headline_amount(text: DocText) -> list[TotalCandidate]:
    """`1 487 586,41 ₸` printed large and alone on its line under the heading of an internet bank's receipt
    (the amount transferred, labelled by nothing): where no label, sum or words give a total, the one amount
    of the document's first lines that stands alone on its line with its currency is the total."""
    found: list[TotalCandidate] = []
    for line in text.lines[:_HEADLINE_LINES]:
        segment = text.text[line.start: line.end]
        read_sign = None if text.printed(line.start, line.end) else _TENGE_READ.search(segment)
        if read_sign:  # `444 554,48 т`: OCR's reading of the tenge sign after the amount (a tonne to money)
            segment = segment[: read_sign.start()] + " " * len(read_sign.group())
        amounts = money.find_amounts(segment)
        if len(amounts) != 1 or amounts[0].amount < MIN_CELL_REST:
            continue
        a = amounts[0]
        rest = segment[: a.start] + " " + segment[a.end:]
        currency = a.currency or money.detect_currency(rest) or ("KZT" if read_sign else None)
        if currency is None or _HEADLINE_REST.fullmatch(_CURRENCY_WORDS.sub(" ", rest)) is None:
            continue
        found.append(TotalCandidate(a.amount, currency, line.start + a.start, line.start + a.end, "label", 0,
                                    False))
    return found if len(found) == 1 else []


_CURRENCY_WORDS = re.compile(r"(?<!\w)(?:KZT|тенге|тг\.?|₸)(?!\w)", re.IGNORECASE)
_TENGE_READ = re.compile(r"(?<=\d)[^\S\n]+[тТT][^\S\n]*\Z")


_LABEL_GAP = re.compile(r"[^\S\n]*[:.;,\-–—]*[^\S\n]*")
_LABEL_TAIL = 20
"""The most characters of a label's rest (`Всего` + ` к оплоте: `) before its amount in words."""


def _labels_spelled_out(text: DocText,
                        tries: list[tuple[re.Pattern[str], str, str, int]]) -> list[TotalCandidate]:
    """`Всего к оплоте: Ава миллиона … тенге 02 тиын, в т.ч. НДС 220 213,23` where the digits of the total
    OCR damaged beyond reading: a total label followed on its line by a complete amount in words (closed by
    a currency word) gives that amount, never an amount the line prints after it (the VAT)."""
    out: list[TotalCandidate] = []
    for label, kind, source, rank in tries:
        if kind != "after":
            continue
        for m in label.finditer(text.text):
            line = text.line_at(m.start())
            if line is None:
                continue
            at = _LABEL_GAP.match(text.text, m.end(), line.end)
            start = at.end() if at else m.end()
            found = amount_words.find_amount_in_words(text.text[start: line.end])
            if found is None or found[0] <= 0 or found[1] > _LABEL_TAIL or \
                    any(c.isdigit() for c in text.text[start: start + found[1]]):
                continue
            begin, end = start + found[1], start + found[2]
            if money.detect_currency(text.text[begin: end]):
                out.append(TotalCandidate(found[0], None, begin, end, source, rank, True))
                break
    return out


_TIYN_GLUED = re.compile(r"(?<![\d.,])(\d{1,3}(?:[^\S\n]\d{3})*)[^\S\n](\d{3})(\d{2})(?![\d.,])")
"""`32 790 68352`: a grouped amount whose last group OCR glued to its tiyn (the comma lost)."""
_WORDS_SUFFIX = 6
"""Digits (tiyn included) the amount in words must end the glued reading with to confirm it."""


def _tiyn_separator_lost(text: DocText, tries: list[tuple[re.Pattern[str], str, str, int]],
                         in_words: set[Decimal]) -> list[TotalCandidate]:
    """`Итого … [32 790 68352` with `… два миллиона семьсот девяносто тысяч шестьсот восемьдесят три тенге
    52 тиын` spelled below: on an OCR'd page a total label's line whose grouped amount lost its tiyn
    separator (the last group five digits) gives that amount where the amount in words confirms it: equal,
    or its digits the reading's last ones (a scan damaged the words' leading number word, `Тридцать`)."""
    spelled = [f"{w:.2f}".replace(".", "") for w in in_words if amount_words.has_fraction(w)]
    for label, kind, source, rank in tries:
        if kind != "after":
            continue
        for m in label.finditer(text.text):
            line = text.line_at(m.start())
            if line is None:
                continue
            for glued in _TIYN_GLUED.finditer(text.text, m.end(), line.end):
                head, last, tiyn = glued.groups()
                digits = "".join(head.split()) + last + tiyn
                if text.printed(glued.start(), glued.end()):
                    continue  # a text layer's digits are exact: five digits there are no glued tiyn
                if any(len(w) >= _WORDS_SUFFIX and digits.endswith(w) for w in spelled):
                    amount = Decimal(digits) / 100
                    return [TotalCandidate(amount, None, glued.start(), glued.end(), source, rank, True)]
    return []


_SPELLED_LABEL = re.compile(homoglyph_tolerant(r"(?<!\w)(?:сумма\s+)?прописью\b[^\S\n]*[:.]?"), _FLAGS)


def _spelled_under_label(text: DocText) -> list[TotalCandidate]:
    """`Сумма прописью:` over `Восемьсот тридцать четыре тысячи … тенге 96 тиын` on a scan whose amount in
    digits a seal or a smudge took: where no detector finds a total in digits, an OCR'd amount in words
    (a thousand or more) after its label, from the label's line or the next and wrapped onto one line
    more at most, closed by its currency word, is the total."""
    out: list[TotalCandidate] = []
    for m in _SPELLED_LABEL.finditer(text.text):
        line = text.line_at(m.start())
        if line is None or load_rules().not_total.search(text.text[line.start: m.end()]):
            continue  # the amount to reimburse or the VAT in words
        following = [ln for ln in text.lines if ln.start > line.end][:2]
        start, end = m.end(), (following[0].end if following else line.end)
        if not re.search(r"\w", text.text[start: line.end]):
            if not following:
                continue
            start, end = following[0].start, following[-1].end
        found = amount_words.find_amount_in_words(text.text[start:end])
        if found is None or found[0] < MIN_CELL_REST or found[1] > 3 or text.printed(start, end):
            continue
        begin, stop = start + found[1], start + found[2]
        if money.detect_currency(text.text[begin:stop]):
            out.append(TotalCandidate(found[0], None, begin, stop, "label", 0, True))
    return out


def find_total(text: DocText, doc_type: DocType) -> MoneyField | None:
    """The grand total with its currency: the best-scoring of `total_candidates` — the type's template
    labels are the prior, any total label (`Итого`, `Всего к оплате`, `Барлығы` …) a candidate, an
    amount the amount in words confirms wins, a fragment of a larger amount on the page never does."""
    best = _chosen_total(text, doc_type)
    if best is None:
        return None
    amount, currency, start, end = best.amount, best.currency, best.start, best.end
    proven = _gross_of_page_triple(text, best)
    gross = proven if proven is not None or best.confirmed else (_with_vat_below(text, amount, end)
                                         or _gross_of_vat(text, amount, end)
                                         or _net_and_vat_beside(text, amount, start, end)
                                         or _net_and_vat_below(text, amount, start, end))
    if gross is not None:
        amount, currency, start, end = gross.amount, gross.currency or currency, gross.start, gross.end
    if currency is not None and not text.printed(start, end):
        words = money.currency_marks(text.text, symbols=False)
        if words and currency not in words:
            # `¥93,202,416.13`: on a scan OCR makes `¥` or `$` of the tenge sign; a document that names
            # its currency in words or codes (`тенге`) and never this one is in its own (`find_currency`)
            currency = None
    ev = text.evidence(start, end)
    currency = currency or find_currency(text, start, end, amount)
    return MoneyField(amount=amount, currency=currency, **ev.model_dump())


def _chosen_total(text: DocText, doc_type: DocType) -> TotalCandidate | None:
    """The best-scoring of `total_candidates` (`find_total`), before the gross its VAT may lead to."""
    best: TotalCandidate | None = None
    candidates = total_candidates(text, doc_type)
    if any(c.confirmed or not _tag_sized(c.amount) for c in candidates):
        # `Сумма … 50 Перевододатель`: a SWIFT field's tag or a row's number read after the label (`Сумма
        # затрат, тенге` heading a table's column over its first row's `1 |`), while the document spells
        # out its amount or reads another — a whole number under a hundred is never that total
        candidates = [c for c in candidates if c.confirmed or not _tag_sized(c.amount)]
    for c in candidates:
        if best is None or c.score > best.score:
            best = c
    if best is None or (_tag_sized(best.amount) and not best.confirmed
                        and not text.printed(best.start, best.end)):
        return None  # `2` summed from one row, `19` after a label: OCR's fragment of a damaged page, no total
    return _total_below_row(text, best, candidates)


def overruled_total(text: DocText, doc_type: DocType) -> tuple[Decimal, Decimal] | None:
    """`(read, gross)`: the amount the document's total label reads and the gross of the page's own
    arithmetic that `find_total` takes instead (`_gross_of_page_triple`); None where it takes the label's."""
    best = _chosen_total(text, doc_type)
    proven = None if best is None else _gross_of_page_triple(text, best)
    return None if best is None or proven is None else (best.amount, proven.amount)


def _total_below_row(text: DocText, best: TotalCandidate, candidates: list[TotalCandidate]) -> TotalCandidate:
    """`Итого затрат` / `1.115.469,28` / `1.673.203,92` / `2.788.673,20`: a column read as a block under
    its total label gives the label the first row's amount. A row amount followed by a larger amount
    that sums it with the rows beside it is never the total: that sum is. Nor is an item row's amount
    (a numbered row's, read under a label whose own line OCR emptied) followed by a larger `net VAT gross`
    line: that line's gross is."""
    if best.confirmed or best.source in ("rows_sum", "vat_line"):
        return best
    for c in candidates:
        if c.source == "rows_sum" and c.amount > best.amount and c.start > best.start \
                and best.amount in c.summed:
            return c
    later = [c for c in candidates
             if c.source == "vat_line" and c.amount > best.amount and c.start > best.end]
    if later and _on_an_item_row(text, best):
        return later[0]
    return best


TRIPLE_LINES = 6
"""Lines after a total's own line that its row's net, VAT and gross cells may stand on (read one per line)."""


def _gross_of_page_triple(text: DocText, best: TotalCandidate) -> money.MoneyMatch | None:
    """The gross the page's own arithmetic proves (`vat_triples`) where the total read contradicts it, on an
    OCR'd page whose words do not confirm that total: the total read is a triple's net (`8 283 789,77` for
    `9 277 844,54`) or VAT (a `Сумма НДС` column summed), or its net or gross with a ruling or the tenge
    sign glued before it as a digit (`71385 012,50`, `71,840,503.00`), or another figure than the gross of
    the triple its own row holds (`Всего по счету` / `3 912 353.50 2 737 060-50 12%` / `328 447.26` /
    `3 065 507. 76`: the quantity glued to the price, read first). A figure larger than that row's gross
    stands only where the page's triples disagree (a table of several rows, whose total sums them)."""
    line = text.line_at(best.start)
    if best.confirmed or line is None or text.printed(best.start, best.end):
        return None
    same = [ln for ln in text.lines if (ln.file, ln.page) == (line.file, line.page)]
    found = vat_triples.triples(text.text, lambda a, offset: _with_glued_head(text.text, a, offset),
                                same[0].start, same[-1].end)
    if not found or any(t.gross == best.amount for t in found):
        return None
    proven = [t for t in found if (best.amount in (t.net.amount, t.vat.amount) and t.vat.amount > 0)
              or _ruling_glued(best.amount, t.gross) or _ruling_glued(best.amount, t.net.amount)]
    if not proven:
        below = [ln for ln in same if ln.start >= line.start][: TRIPLE_LINES + 1]
        largest = max(t.gross for t in found)
        proven = [t for t in found if t.net.start >= line.start and t.end <= below[-1].end
                  and t.gross == largest and (best.amount < t.gross or len({u.gross for u in found}) == 1)]
    if not proven:
        return None
    t = max(proven, key=lambda t: t.gross)
    return money.MoneyMatch(t.gross, None, t.start, t.end)


def _on_an_item_row(text: DocText, c: TotalCandidate) -> bool:
    """The candidate's amount is an item row's: a line opening with a row number and a name holds it."""
    for line in text.lines:
        s = text.text[line.start: line.end]
        if row_sums.ROW_START.match(s) and any(
                _with_glued_head(text.text, a, line.start).amount == c.amount for a in money.find_amounts(s)):
            return True
    return False


def _tag_sized(amount: Decimal) -> bool:
    """A whole number of one or two digits (`50`, `59`, `71`): the size of a form's field tag."""
    return amount == amount.to_integral_value() and amount < 100


MAX_VAT_SHARE = Decimal("0.2")
"""The largest VAT rate a net total is followed by (Kazakhstan's is 12 %; 20 % covers Russia's)."""


def _with_vat_below(text: DocText, net: Decimal, after: int) -> money.MoneyMatch | None:
    """`Итого 5 325 619,87` / `НДС 12%: 639 074,38` / `Всего с НДС: 5 964 694,25`: when the total read
    is followed by a tax amount and then by their sum, it was the net and the sum is the grand total,
    whatever the label of the sum reads (a seal over it, another wording)."""
    window = text.text[after:]
    # `1087 139,32`: a cell whose head OCR split off counts whole
    later = [_with_glued_head(window, a, 0) for a in money.find_amounts(window) if a.amount > 0]
    for i, vat in enumerate(later):
        if not vat.amount <= net * MAX_VAT_SHARE:
            continue
        for gross in later[i + 1:]:
            if gross.amount == net + vat.amount:
                return money.MoneyMatch(gross.amount, gross.currency, after + gross.start, after + gross.end)
    return None


VAT_RATES = (12, 16, 20)
"""VAT rates (%) a price may include: Kazakhstan's 12 % (16 % from 2026), Russia's 20 %."""
VAT_ROUNDING = Decimal("0.05")
"""VAT is rounded per row: the VAT of a total differs from the rows' VAT by a few tiyn."""


def _includes_vat(gross: Decimal, vat: Decimal, rates: tuple[int, ...] = VAT_RATES) -> bool:
    """`vat` is the VAT included in `gross` at one of `rates` (12/112 of it …), to a few tiyn."""
    return any(abs(gross * r / (100 + r) - vat) <= VAT_ROUNDING for r in rates)


def _vat_on(net: Decimal, vat: Decimal, tolerance: Decimal) -> bool:
    """`vat` is one of `VAT_RATES` of `net` (12 % of it …), to `tolerance`."""
    return any(abs(net * r / 100 - vat) <= tolerance for r in VAT_RATES)


def _gross_of_vat(text: DocText, vat: Decimal, after: int) -> money.MoneyMatch | None:
    """`Всего по счету: 963 384,33 8 991 587,13` with the cells read onto lines of their own: the amount
    read is the VAT included in a larger amount on the next lines (12/112 of it, to a few tiyn), and
    that larger amount is the grand total."""
    following = [ln for ln in text.lines if ln.end > after][:3]
    if not following:
        return None
    window = text.text[after: following[-1].end]
    for found in money.find_amounts(window):
        g = _with_glued_head(window, found, 0)
        if g.amount > vat and _includes_vat(g.amount, vat):
            return money.MoneyMatch(g.amount, g.currency, after + g.start, after + g.end)
    return None


VAT_OF_NET = Decimal("0.05")
"""VAT rounded per row: the VAT of a net total differs from the rate applied to the total by a few tiyn."""


def _net_and_vat_beside(text: DocText, net: Decimal, start: int, end: int) -> money.MoneyMatch | None:
    """`Всего по счету: 5 747 010,36 689 641,24 6436 651.601`: the total read is followed on its line by
    a tax amount at a VAT rate of it (12, 16 or 20 % of it, to a few tiyn) and no amount of the line reads
    as their sum — the gross cell was misread (a digit added, the comma lost) — so the net was read and
    their sum is the grand total. The total read may be the net cell itself with a table's ruling read as a
    `1` or `7` glued before it (`Всего по счету 11751663,02 = 1751 663,02 210 199,56`: the gross cell lost):
    the net is then the cell it repeats."""
    line = text.line_at(start)
    if line is None or net <= 0:
        return None
    cells = [a for a in money.find_amounts(text.text[end: line.end]) if a.amount > 0]
    # a cell whose head OCR glued (`1751 663,02`) counts whole for the repeated net
    whole = [_with_glued_head(text.text, a, end).amount for a in cells]
    for base in (net, *(c for c in whole if _ruling_glued(net, c))):
        for vat in cells:
            if _vat_on(base, vat.amount, VAT_OF_NET):
                gross = base + vat.amount
                if any(c.amount == gross for c in cells):
                    return None
                return money.MoneyMatch(gross, vat.currency, start, end + vat.end)
    return None


def _ruling_glued(read: Decimal, cell: Decimal) -> bool:
    """`read` is `cell` with a `1` or `7` (a table's ruling as OCR reads it) glued before its digits."""
    digits, own = format(read, "f").replace(".", ""), format(cell, "f").replace(".", "")
    return cell >= MIN_CELL_REST and digits[:1] in bins.RULING_DIGITS and digits[1:] == own


NET_VAT_LINES = 4
"""How many lines after a net total its `Итого без НДС` / `НДС 12%` block may spread over on a photo."""


def _net_and_vat_below(text: DocText, net: Decimal, start: int, end: int) -> money.MoneyMatch | None:
    """`Итого без НДС:` / `НДС 12%:` / `19 880 694,22` / `2 385 683,31` / `Всего к om 26`: the total read
    is the net — a net row's label (`без НДС`) stands within `NET_VAT_LINES` lines of it — and a tax amount
    at a VAT rate of it follows within as many lines, while their sum is printed nowhere legibly (OCR lost
    the gross cell): their sum is the grand total."""
    line = text.line_at(start)
    if line is None or net <= 0:
        return None
    near = [ln for ln in text.lines if ln.end >= line.start][: NET_VAT_LINES + 1]
    before = [ln for ln in text.lines if ln.end < line.start][-NET_VAT_LINES:]
    said = text.text[before[0].start if before else line.start: near[-1].end]
    if not load_rules().net_total.search(said):
        return None
    window = text.text[end: near[-1].end]
    for vat in money.find_amounts(window):
        if vat.amount > 0 and _vat_on(net, vat.amount, VAT_OF_NET):
            gross = net + vat.amount
            if any(a.amount == gross for a in money.find_amounts(text.text)):
                return None
            return money.MoneyMatch(gross, vat.currency, start, end + vat.end)
    return None


def _spelled_on_page(text: DocText, in_words: set[Decimal],
                     page_amounts: list[Decimal]) -> tuple[Decimal, str | None, int, int] | None:
    """The largest amount printed in digits that the document also spells out in words: a total whose
    label the layout cut off or put elsewhere (a landscape form's last row), or whose digits OCR damaged
    so that no label's reading holds (`1372 705,68`: the head split off; `477701578`: the decimal point
    lost — the same digits as the words' `4 777 015,78`). Never a fragment of a larger amount the page
    prints (`440,08` of `1 396 440,08` under words whose head a bad scan damaged or put on another line,
    `… четыреста сорок тенге 08 тиын`: the words are the fragment too); that larger amount where the
    words' head is spelled apart (`_whole_of_parted_words`)."""
    spelled = {f"{w:.2f}".replace(".", ""): w for w in in_words if w > 0}
    found: list[money.MoneyMatch] = []
    for a in money.find_amounts(text.text):
        whole, start = _glued_head(text.text, a.amount, a.start, a.end)
        digits = "".join(c for c in text.text[a.start: a.end] if c.isdigit())
        for amount, at in ((a.amount, a.start), (whole, start), (spelled.get(digits), a.start)):
            if amount is not None and amount in in_words and amount > 0:
                found.append(money.MoneyMatch(amount, a.currency, at, a.end))
    if not found:
        found = _spelled_in_digit_runs(text.text, spelled)
    found = [kept for a in found
             if (kept := _whole_of_parted_words(text.text, a, page_amounts, in_words)) is not None]
    if not found:
        return None
    a = max(found, key=lambda m: (m.amount, -m.start))
    return a.amount, a.currency, a.start, a.end


def _whole_of_parted_words(text: str, a: money.MoneyMatch, page_amounts: list[Decimal],
                           in_words: set[Decimal]) -> money.MoneyMatch | None:
    """`a`, an amount the words spell, unless it is a fragment of a larger amount of the page
    (`_is_fragment`): then that larger amount where the document spells its head apart (`Один миллион триста
    девяносто шесть тысяч` read on one line, `четыреста сорок тенге 08 тиын` on another, around
    `1 396 440,08`), else None."""
    if not _is_fragment(a.amount, page_amounts):
        return a
    wholes = {other for other in _larger_ending_with(a.amount, page_amounts) if other - a.amount in in_words}
    if len(wholes) != 1:
        return None
    whole = wholes.pop()
    return next((m for m in money.find_amounts(text) if m.amount == whole), None)


_AMOUNT_RUN = re.compile(r"(?<![^\W_])\d[\d .,\-=]*\d(?![\d.,\-=])")
_GROUP_START = re.compile(r"(?:^|(?<=[ ]))\d")
MIN_SPELLED_DIGITS = 5
"""Digits an amount needs (tiyn included) to be found by its digits alone: `643-94` is too short."""


def _spelled_in_digit_runs(text: str, spelled: dict[str, Decimal]) -> list[money.MoneyMatch]:
    """`| 17 1300 982-11`, `17 [3176 643-94` in a payment's requisites row: a cell OCR glued to the code
    before it (`Кбе 17`) and wrote with a dash for the comma, which no amount reading accepts. A run of
    digits whose tail, from a group's start, has exactly the digits (tiyn included) of an amount the
    document spells out in words is that amount. `Сумма 73177116к2Т` under words whose tiyn OCR damaged
    (`… семьдесят один тенге 16 Tye`): the whole tenge the words spell and two digits more are that
    amount with its tiyn, its decimal point lost."""
    whole = {k[:-2]: v for k, v in spelled.items() if k.endswith("00")}
    out: list[money.MoneyMatch] = []
    for run in _AMOUNT_RUN.finditer(text):
        chunk = run.group(0)
        for g in _GROUP_START.finditer(chunk):
            digits = "".join(c for c in chunk[g.start():] if c.isdigit())
            amount = spelled.get(digits)
            if amount is None and digits[:-2] in whole:
                amount = whole[digits[:-2]] + Decimal(digits[-2:]) / 100
            if amount is not None and len(digits) >= MIN_SPELLED_DIGITS:
                out.append(money.MoneyMatch(amount, None, run.start() + g.start(), run.end()))
                break
    return out


VAT_LINE_TOLERANCE = Decimal("1")
"""VAT summed over rows differs from the rate applied to the net total by up to a tenge."""


def _vat_line_total(text: DocText) -> money.MoneyMatch | None:
    """`934 623,00 | 12% 112 154,76 1.046.777.76` under a total label OCR put lines away: the largest
    amount of the document that ends a line's `net, VAT, gross` run (the VAT at 12, 16 or 20 % of the
    net, the gross their sum, in that order) — a table's total line, whatever its label reads. The
    largest, since an item row holds the same run for less."""
    best: money.MoneyMatch | None = None
    for line in text.lines:
        cells = [_with_glued_head(text.text, a, line.start)
                 for a in money.find_amounts(text.text[line.start: line.end]) if a.amount > 0]
        for i, net in enumerate(cells):
            for j in range(i + 1, len(cells)):
                vat = cells[j].amount
                if not _vat_on(net.amount, vat, VAT_LINE_TOLERANCE):
                    continue
                for gross in cells[j + 1:]:
                    if gross.amount == net.amount + vat and (best is None or gross.amount > best.amount):
                        best = money.MoneyMatch(gross.amount, gross.currency, line.start + gross.start,
                                                line.start + gross.end)
    return best


def _triple_line_total(text: DocText) -> money.MoneyMatch | None:
    """`по счету` / `1 71,840,503.00] 70.00 71.840.503.00`: a total row whose label OCR damaged and whose
    cells each carry the tenge sign read as a `7`. The largest gross of a `net VAT gross` triple
    (`vat_triples`) an OCR'd line holds whole, its cells read alike, is the total."""
    best: money.MoneyMatch | None = None
    for line in text.lines:
        if text.printed(line.start, line.end):
            continue
        for t in vat_triples.triples(text.text, lambda a, offset: _with_glued_head(text.text, a, offset),
                                     line.start, line.end):
            if t.net.glued == t.vat.glued == t.glued and (best is None or t.gross > best.amount):
                best = money.MoneyMatch(t.gross, None, t.start, t.end)
    return best


_CELL_DIGITS = re.compile(r"(?<![\w.,])\d{1,4}(?:[ ,.']\d{3})*[.,]\d{2}(?![\d.,]?\d)")
"""A cell's figure with tiyn as OCR reads it off a ruled total line, its groups parted any way
(`477,940.46`, `1565 068.35`)."""
MIN_GROSS = Decimal(1000)
CELL_VAT_RATES = (12, 16)
"""Kazakhstan's VAT rates: a row's price at a quantity of 6 is 20/120 of its amount too (`6 71 523.55
429 141.20`), so a pair of cells no label or net confirms is taken at these rates only."""


def _cell_readings(raw: str) -> list[Decimal]:
    """The figure's value as read, and without its first digit (a ruling or a tenge sign before the cell
    read as a digit: `1565 068.35` of `565 068.35`)."""
    digits = "".join(c for c in raw if c.isdigit())
    out = [Decimal(f"{digits[:-2]}.{digits[-2:]}")]
    if len(digits) > 6:
        out.append(Decimal(f"{digits[1:-2]}.{digits[-2:]}"))
    return out


def _vat_and_gross_cells(text: DocText) -> money.MoneyMatch | None:
    """`Әсеғо по счету 748712784 477,940.46) 1565 068.35)`: a total line whose label and net OCR ruined,
    each cell with a ruling read as a leading digit. A VAT cell and a later gross cell of a line, each as
    read or without its first digit, where the VAT is that gross's included VAT (12/112 or 16/116 of it,
    to a few tiyn), give the gross; the largest, since an item row holds the same pair for less."""
    best: money.MoneyMatch | None = None
    for line in text.lines:
        cells = list(_CELL_DIGITS.finditer(text.text, line.start, line.end))
        for i, vat_cell in enumerate(cells):
            for gross_cell in cells[i + 1:]:
                for gross in _cell_readings(gross_cell.group()):
                    if gross < MIN_GROSS or (best is not None and gross <= best.amount):
                        continue
                    if any(0 < vat < gross and _includes_vat(gross, vat, CELL_VAT_RATES)
                           for vat in _cell_readings(vat_cell.group())):
                        best = money.MoneyMatch(gross, None, gross_cell.start(), gross_cell.end())
    return best


_VAT_INCLUDED = re.compile(r"в\s*т(?:ом)?\.?\s*ч(?:исле)?\.?\s*ндс|ққс\s+қоса\s+алғанда", re.IGNORECASE)


def _vat_included_total(text: DocText) -> money.MoneyMatch | None:
    """`5, 358,690.28` / `в том числе НДС: 574.145.39` under a column whose `Итого` OCR lost: the amount on
    the two lines above a `в том числе НДС` line whose VAT is that amount's included VAT (12/112, 16/116
    or 20/120 of it, to a few tiyn) is the grand total; the largest, when several are."""
    best: money.MoneyMatch | None = None
    for i, line in enumerate(text.lines):
        said = _VAT_INCLUDED.search(text.text, line.start, line.end)
        if said is None:
            continue
        vats = [a.amount for a in money.find_amounts(text.text[said.end(): line.end]) if a.amount > 0]
        if not vats:
            continue
        for above in text.lines[max(0, i - 2): i]:
            for a in money.find_amounts(text.text[above.start: above.end]):
                for g in _with_heads(text.text, a, above.start):
                    if g.amount > vats[0] and _includes_vat(g.amount, vats[0]) and (
                            best is None or g.amount > best.amount):
                        best = money.MoneyMatch(g.amount, g.currency, above.start + g.start,
                                                above.start + g.end)
    return best


_LOOSE_HEAD = re.compile(r"(?<![\d.,])(\d{1,3})[,.]? $")
"""`5, 358,690.28`: a head of one to three digits OCR parted from the amount by a stray comma and a space."""
_GROUPED_TAIL = re.compile(r"\d{3}(?:[ ,.']\d{3})*[.,]\d{2}")
"""The rest such a head is parted from: 3-digit groups and a 2-digit fraction."""


def _with_heads(text: str, a: money.MoneyMatch, offset: int) -> list[money.MoneyMatch]:
    """`a` (spans relative to `offset`) with a head OCR split off, glued (`_glued_head`) or loose — only
    for a caller that checks the result against arithmetic — and `a` as read."""
    out = [_with_glued_head(text, a, offset)]
    loose = _LOOSE_HEAD.search(text, max(0, offset + a.start - 6), offset + a.start)
    if loose and _GROUPED_TAIL.fullmatch(text[offset + a.start: offset + a.end].strip()):
        whole = Decimal(loose.group(1)) * 10 ** len(str(int(a.amount))) + a.amount
        out.append(money.MoneyMatch(whole, a.currency, loose.start(1) - offset, a.end))
    return [*out, a]


def in_vat_sum(amount: Decimal, page_amounts: Sequence[Decimal]) -> bool:
    """`Итого: 24578526-79` / `В том числе НДС: 3932564-29` / `Всего к оплате: 28511091-08`: the amount is
    the net or the gross of a net + VAT = gross triple the page prints (the VAT at most MAX_VAT_SHARE of
    the net), so its digits were read right."""
    if amount <= 0:
        return False
    printed = set(page_amounts)
    for vat in printed:
        if vat <= 0 or vat >= amount:
            continue
        if amount - vat in printed and vat <= (amount - vat) * MAX_VAT_SHARE:
            return True  # the gross
        if amount + vat in printed and vat <= amount * MAX_VAT_SHARE:
            return True  # the net
    return False


_CELL_HEAD = re.compile(r"\d{1,3}[^\S\n]*[|\]]?[^\S\n]+(?=\d)")


def _without_glued_cell(amount: Decimal, printed: str, in_words: set[Decimal]) -> Decimal:
    """`Итого 2 159 402 763.27` under words spelling `сто пятьдесят девять миллионов …`: OCR read the
    quantity column's total (`2`) as the amount's first group. An amount printed as a group of one to three
    digits and then, whole, an amount the document spells out is that amount."""
    if amount in in_words:
        return amount
    head = _CELL_HEAD.match(printed.strip())
    rest = money.parse_amount(printed.strip()[head.end():]) if head else None
    return rest if rest is not None and rest >= MIN_CELL_REST and rest in in_words else amount


_GLUED_ONE = re.compile(r"1(?=\d{1,2}(?:(?:,\d{3})+\.\d{2}|(?:\.\d{3})+,\d{2})(?!\d))")
"""A `1` opening a first group of two or three digits of an amount in a spreadsheet's currency format
(`19,966,266.99`, `19.966.266,99`; an amount grouped by spaces, `112 000,00`, is typed, and its `1`
printed: `двенадцать тысяч` of its VAT in words is no reason to drop it)."""


def _without_glued_one(amount: Decimal, printed: str, in_words: set[Decimal], page: str) -> Decimal:
    """`19,966,266.99` under words spelling `девять миллионов девятьсот …`: OCR read the tenge sign of an
    Excel currency format (`₸9,966,266.99`), or a table's ruling, as a `1` glued into the amount's first
    group. An amount whose first group opens with such a `1` is the rest of its digits when the document
    spells that rest out, or prints it elsewhere after a tenge sign as OCR reads one (`T32,977,846.72` in
    the row above `Итого 132,977,846.72`)."""
    lead = printed.strip()
    if amount in in_words:
        return amount
    if not _GLUED_ONE.match(lead):
        return _without_glued_sign(amount, lead, page)
    rest = money.parse_amount(lead[1:])
    if rest is None or rest < MIN_CELL_REST:
        return amount
    signed = re.search(rf"(?<![\w.,])[TТ₸¥$][^\S\n]?{re.escape(lead[1:])}(?![\d.,]\d)", page)
    return rest if rest in in_words or signed else amount


_GLUED_SIGN = re.compile(r"[17](?=\d{1,2}(?:[.,]\d{3})+[.,-]\d{2}(?!\d))")
"""A `7` or `1` opening the first group of an amount in a spreadsheet's currency format, the tenge sign
or a table's ruling as OCR reads it (`78.916.292.56` for `₸8,916,292.56`)."""
_CELL_AMOUNT = re.compile(r"(?<![\d.,])[17]?\d{1,3}(?:[.,]\d{3})+[.,-]\d{2}(?![\d])")


def _without_glued_sign(amount: Decimal, lead: str, page: str) -> Decimal:
    """`|Всего по счету 77,960,975-50] #955.317.06] 78.916.292.56]`: the row's net, VAT and gross each
    behind a tenge sign OCR read as `7` (or `#`). The gross without its glued digit is the amount when
    the row's net without its own, plus a VAT at a rate of that net, makes it exactly."""
    if not _GLUED_SIGN.match(lead):
        return amount
    rest = money.parse_amount(lead[1:])
    if rest is None or rest < MIN_CELL_REST:
        return amount
    cells: set[Decimal] = set()
    for m in _CELL_AMOUNT.finditer(page):
        for digits in {m.group(), m.group()[1:] if _GLUED_SIGN.match(m.group()) else m.group()}:
            if (value := money.parse_amount(digits)) is not None:
                cells.add(value)
    for net in cells:
        vat = rest - net
        if 0 < vat < net and vat in cells and _vat_on(net, vat, VAT_ROUNDING):
            return rest
    return amount


MIN_CELL_REST = Decimal(1000)
"""A quantity cell glued before an amount of thousands at least: `258 585.00` under words OCR cut to
`… пятьсот восемьдесят пять` is an amount whose words lost their head, not a `258` before `585.00`."""


def _is_fragment(amount: Decimal, page_amounts: list[Decimal]) -> bool:
    """`640,00` of `21 864 640,00`: the amount's digits end a larger amount of the page (OCR or a stamp
    split the number and the parser kept its tail)."""
    return amount <= 0 or bool(_larger_ending_with(amount, page_amounts))


def _larger_ending_with(amount: Decimal, page_amounts: list[Decimal]) -> set[Decimal]:
    """The page's amounts at least a hundred times `amount` whose digits end with its digits (tiyn
    included): the wholes `amount` may be a fragment of."""
    tail = f"{amount:.2f}".replace(".", "")
    return {other for other in page_amounts
            if other > amount and other >= amount * 100 and f"{other:.2f}".replace(".", "").endswith(tail)}


def _cut_at_line_end(text: DocText, amount: Decimal, end: int, page_amounts: list[Decimal]) -> bool:
    """`… составляет 55 060` / `966.28 (пятьдесят пять миллионов …)`: a whole amount that ends its line
    (a two-column page wrapped the number), whose digits begin a larger amount of the page and whose
    rest stands on the next line, is the head of that amount, not an amount."""
    line = text.line_at(max(0, end - 1))
    if amount != amount.to_integral_value() or line is None or text.text[end: line.end].strip():
        return False
    head = str(int(amount))
    following = [ln for ln in text.lines if ln.start > line.end][:1]
    if not following:
        return False
    tails = {"".join(c for c in m.group() if c.isdigit())
             for m in _DIGIT_RUN.finditer(text.text, following[0].start, following[0].end)}
    for other in page_amounts:
        whole = f"{other:.2f}".replace(".", "")
        if other >= amount * 100 and whole.startswith(head) and whole[len(head):] in tails:
            return True  # the rest of its digits opens a number on the next line
    return False


_DIGIT_RUN = re.compile(r"\d[\d .,]*\d")
_AT_RATE = re.compile(r"\W*\w+\W+(?:по\s+(?:официальному\s+|рыночному\s+)?курсу|at\s+the\s+(?:\w+\s+)?rate)",
                      re.IGNORECASE)
"""A currency named with the rate it is converted at (`в тенге по курсу …`): the currency of payment."""


def find_currency(text: DocText, start: int, end: int, amount: Decimal | None = None) -> str:
    """The currency of the amount at [start, end): a mark on its own line after it, else the mark beside
    the same `amount` printed elsewhere in the document (`… 78 346 543,27 тенге` in the text over a table
    whose total row names none), else the contract's currency clause (`Валюта договора – евро`, `цены
    указаны в российских рублях`), else the mark after
    the amount (the amount in words' `… тенге`), else the document's most frequent mark, else tenge. On an
    OCR'd page a symbol counts only where the document names no currency in words or codes and the
    symbol marks `MIN_SYMBOL_MARKS` amounts or more: OCR makes `$` of `5S`, of a smudge (`Lean Consulting
    $68`) and of the tenge sign (`$717506.22`, `¥93,202,416.13`); where the document names its currency
    (`тенге`, `EUR`) the words and codes decide. And on an OCR'd page the document's marks count only
    beside its amounts, or named `MIN_OCR_MARKS` times: a bad scan makes currency words of noise."""
    words = money.currency_marks(text.text, symbols=False)
    symbols = text.printed(start, end) or (not words and any(
        n >= MIN_SYMBOL_MARKS for n in money.currency_marks(text.text).values()))
    line = text.line_at(start)
    if line is not None and (on_line := money.detect_currency(text.text[end: line.end], symbols=symbols)):
        return on_line
    amounts = money.find_amounts(text.text)
    stated = {c for a in amounts if amount is not None and a.amount == amount
              and (c := _stated(text.text, a, symbols))}
    if len(stated) == 1:  # the same amount printed elsewhere with its currency (`78 346 543,27 тенге`)
        return stated.pop()
    clause = load_rules().currency_clause
    for m in clause.finditer(text.text):
        said = text.text[m.end(): m.end() + 80]
        if _AT_RATE.match(said):
            continue  # `Оплата производится в тенге по курсу НБ РК`: how it is paid, not what it costs
        if found := money.detect_currency(_before_reference(said)):
            return found
    if after := money.detect_currency(_before_reference(text.text[end: end + 300]), symbols=symbols):
        return after
    # codes and words first: an OCR'd `$605.5)` of a smudged cell never outvotes `14,165.34 EUR`
    marks = words or (money.currency_marks(text.text) if symbols else {})
    if not text.printed(start, end):
        # on an OCR'd page a currency word once in the noise (`евро риноортная…`) marks nothing: the
        # currencies the page states beside amounts count, else a word or code named twice or more
        beside = Counter(c for a in amounts if (c := _stated(text.text, a, symbols)))
        marks = dict(beside) or {c: n for c, n in marks.items() if n >= MIN_OCR_MARKS}
    return max(marks, key=lambda c: (marks[c], c == DEFAULT_CURRENCY)) if marks else DEFAULT_CURRENCY


_REFERENCE = re.compile(r"(?<!\w)(?:для\s+справки|for\s+reference|эквивалент\w*|equivalent|"
                        r"по\s+(?:официальному\s+|рыночному\s+)?курсу)(?!\w)", re.IGNORECASE)
"""Words that name another currency for reference only (`Для справки: по курсу НБ РК … (RUB)`)."""


def _before_reference(said: str) -> str:
    """`said` up to a reference to another currency (`_REFERENCE`): `Цена Договора установлена в тенге
    (KZT). Для справки: … эквивалентна … (RUB)` read from a bad scan as `установлен: енге ГЕ Для справки: …
    (RUB)` names no currency of the price."""
    m = _REFERENCE.search(said)
    return said[: m.start()] if m else said


MIN_SYMBOL_MARKS = 2
"""How many times a currency symbol must mark amounts of a document naming no currency in words or codes."""
MIN_OCR_MARKS = 2
"""How many times an OCR'd document must name a currency that marks none of its amounts for it to count."""


def _stated(text: str, a: money.MoneyMatch, symbols: bool) -> str | None:
    """The currency stated beside the amount `a` of `text`; one stated by a symbol only (`$`, `€`, `¥`,
    `₽`, which OCR also makes of `S`, `5` and the tenge sign) only with `symbols`."""
    if a.currency is None or symbols:
        return a.currency
    around = text[max(0, a.start - 8): a.end + 40]
    return a.currency if money.detect_currency(around, symbols=False) == a.currency else None


_GLUED_HEAD = re.compile(r"(?<![\d.,:/\-])([1-9]\d{3,5}) $")
_THREE_HEAD = re.compile(r"\d{3}(?:[ ]\d{3})*[.,]\d{2}$")


def _glued_head(text: str, amount: Decimal, start: int, end: int) -> tuple[Decimal, int]:
    """`1858 185,00`, `10971 014,66`: OCR lost a space of `1 858 185,00` / `10 971 014,66` and the parser
    kept the well-formed tail; the four to six digits before it are the amount's head. Only for an amount
    with tiyn in 3-digit groups."""
    m = _GLUED_HEAD.search(text, max(0, start - 8), start)
    tail = text[start:end].strip()
    if m is None or not _THREE_HEAD.fullmatch(tail):
        return amount, start
    head = Decimal(m.group(1)) * 10 ** sum(c.isdigit() for c in re.split(r"[.,]", tail)[0])
    return head + amount, m.start(1)


def _repair_by_words(amount: Decimal, after: str, in_words: set[Decimal] | None = None) -> Decimal:
    """Use the amount in words that follows the digits to repair OCR damage to the digits.

    Only a complete phrase counts: one closed by a currency word (`… шесть) тенге 48 тиын`), so a
    phrase cut at a line end never overrides the digits; a complete phrase at least as long as the
    digits wins over digits that disagree with it. Elsewhere in the document, an amount in
    words that differs from the digits by a typical OCR confusion repairs them too.
    """
    if in_words and amount not in in_words:
        for words in sorted(in_words):
            fixed = amount_words.reconcile(amount, words)
            if fixed is not None and fixed != amount and fixed == words:
                return fixed
    found = amount_words.find_amount_in_words(after)
    if found is None:
        return amount
    words, words_start, words_end = found
    if not (money.detect_currency(after[words_start: words_end]) or _CLOSING.match(after, words_end)):
        # `… тенге 48 тиын` closes the phrase, also after its parenthesis (`… шесть) тенге`); a currency
        # word after a word OCR damaged (`… сорок asa тенге`: `два` lost) closes nothing
        return amount
    fixed = amount_words.reconcile(amount, words) or amount
    if fixed != words and len(str(int(words))) >= len(str(int(fixed))):
        # OCR'd digits that disagree with a complete amount in words as long as they are: the words win
        # (a scale word lost from the words would make them shorter; then the digits stay)
        return words if amount_words.has_fraction(words) or not amount_words.has_fraction(fixed) \
            else Decimal(int(words)) + (fixed - int(fixed))
    return fixed


def document_date(doc: Document) -> date | None:
    return doc.fields.date.value if doc.fields.date else None
