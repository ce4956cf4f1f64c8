"""BIN/IIN (БИН/ИИН, Kazakh БСН/ЖСН) detection and validation in OCR'd page text.

A BIN/IIN is 12 digits whose last digit is a check digit (shared/regulation/RULES.md, "Identifiers").
`find_bins` returns character spans into the input so that a match can be mapped back to word boxes.
It also exposes the span finders it uses to rule out look-alikes: `find_ibans` (ИИК) and `find_phones`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from stdnum import iban as _iban

__all__ = [
    "TWELVE_DIGITS",
    "BinMatch",
    "SpanSet",
    "bin_check_digit",
    "find_bins",
    "find_ibans",
    "find_phones",
    "is_personal",
    "is_structured",
    "is_valid_bin",
]

TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")
"""Twelve digits standing apart from other digits: where a BIN or IIN may be."""

_WEIGHTS_1 = tuple(range(1, 12))
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# Characters OCR uses in place of a space inside a number: non-breaking, thin, figure, narrow spaces.
_SPACES = " \t\u00a0\u2007\u2009\u202f"
# Letters OCR commonly produces for digits inside a labelled BIN (at most two are tolerated).
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "О": "0", "о": "0", "I": "1", "l": "1", "|": "1",
                                   "З": "3"})
_MAX_LOOKALIKES = 2
_MAX_GROUPS = 4  # 12 digits split by OCR into at most four pieces
_LABEL_GAP = 40  # characters allowed between a label and the number it labels

# Labels, written with the Latin look-alikes OCR produces (H for Н, C for С, B/6 for Б, N for И).
_B, _I, _N, _S = "[БбB6]", "[ИиIN]", "[НнH]", "[СсCc]"
_ONE_BIN_LABEL = rf"{_B}{_I}{_N}|{_I}{_I}{_N}|{_B}{_S}{_N}|[Жж]{_S}{_N}"
_BIN_LABEL = (
    # `ИИНБИН`, `БИН|ИИН`: a pair label whose slash OCR lost or misread counts as one label
    rf"(?:{_ONE_BIN_LABEL})[|lI1]?(?:{_ONE_BIN_LABEL})|"
    rf"{_ONE_BIN_LABEL}|[РрP]{_N}{_N}|{_I}{_N}{_N}|BIN|IIN|TIN"
)
_OTHER_LABEL = (
    rf"{_I}{_I}[КкK]|IBAN|{_B}{_I}[КкK]|BIC|SWIFT|[КкK][БбB][Ее]|[КкK][Оо][Дд]|[КкK]{_N}[ПпП]|"
    r"[Тт]ел(?:ефон)?|[Фф]акс|[Кк]од|[Рр]/[Сс]|[Сс]ч[её]т|[Пп]аспорт|[Уу]д\.?\s*личн|"
    r"[Рр]еференс|[Rr]eference|[Rr]ef\.?|[Тт]ранзакци\w*|[Кк]витанци\w*"
)
_LABEL_RE = re.compile(
    rf"(?<![^\W\d_])(?:(?P<bin>{_BIN_LABEL})|(?P<num>№|N[oо°]\.?)|(?P<other>{_OTHER_LABEL}))(?![^\W\d_])"
)

_IBAN_RE = re.compile(
    r"(?<![0-9A-Za-zА-Яа-я])[A-ZКАВЕМНОРСТХ]{2}[ \u00a0]?\d{2}"
    r"(?:[ \u00a0]?[0-9A-ZАВЕКМНОРСТХ]){11,30}(?![0-9A-Za-zА-Яа-я])"
)
_CYR_TO_LAT = str.maketrans("АВЕКМНОРСТХ", "ABEKMHOPCTX")

_PHONE_RES = (
    re.compile(
        r"(?:\+\s?7|(?<![\d.,])8)[\s\-]*\(?\s*\d{3,4}\s*\)?[\s\-]*\d{2,3}[\s\-]*\d{2}[\s\-]*\d{2}(?![\d])"
    ),
    re.compile(r"(?<![\d.,\-])\d{3}-\d{2}-\d{2}(?![\d\-])"),
)
_NOT_PHONE_AFTER_RE = re.compile(
    r"[.,]\d|[\s\u00a0]{0,2}(?:тенге|теңге|тг|KZT|₸|руб|RUB|USD|EUR|\$|€)", re.IGNORECASE
)
_STANDALONE_RE = re.compile(r"(?<![\w+])(?<!\d[.,/\-])\d{12}(?!\w)(?![.,/\-]\d)")
_GROUP_RE = re.compile(r"[0-9][0-9OoОоIl|З]*")
_GROUP_SEP_RE = re.compile(rf"[{_SPACES}]{{1,2}}(?=\d)")
_NUMBER_GOES_ON_RE = re.compile(r"[.,/\-]?\d")
_WORD_RE = re.compile(r"[^\W\d_]+")
_AND_ADDRESS = re.compile(r"[^\S\n]+и[^\S\n]+адрес\w*[^\S\n]+места[^\S\n]+нахождения[^\S\n]+\w+[^\S\n]*:?",
                          re.IGNORECASE)
"""The rest of an invoice form's row label `БИН и адрес места нахождения поставщика:` before its value."""
RULING_DIGITS = "17"
"""The digits OCR reads for a table's vertical border glued before a value (`|` → `1`, `7`)."""
_CURRENCY_AFTER_RE = re.compile(r"[\s\u00a0]{0,2}(?:тенге|теңге|тг|KZT|₸|руб|RUB|USD|EUR)", re.IGNORECASE)


class SpanSet:
    """Character spans, merged and sorted, with a logarithmic overlap test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end


@dataclass(frozen=True)
class BinMatch:
    """A 12-digit BIN/IIN candidate: normalised digits, span in the input, check-digit result."""

    value: str
    start: int
    end: int
    valid: bool


def bin_check_digit(first11: str) -> int | None:
    """Check digit for the first 11 digits of a BIN/IIN; None when no check digit exists (10 twice).

    Raises ValueError unless `first11` is exactly 11 ASCII digits.
    """
    if len(first11) != 11 or not first11.isascii() or not first11.isdigit():
        raise ValueError(f"expected 11 digits, got {first11!r}")
    digits = [int(c) for c in first11]
    for weights in (_WEIGHTS_1, _WEIGHTS_2):
        c = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if c != 10:
            return c
    return None


def is_valid_bin(s: str) -> bool:
    """True if `s` (spaces ignored) is 12 digits with a correct check digit."""
    digits = "".join(s.split())
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return False
    return bin_check_digit(digits[:11]) == int(digits[11])


def one_digit_off(a: str, b: str) -> bool:
    """Two strings of digits of one length that differ in exactly one place (a BIN, or an amount's digits,
    read with one digit wrong)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _is_bin_shape(digits: str) -> bool:
    """A BIN's head: registration year and month (`YYMM`, month 01–12), then the kind of entity
    (4 resident, 5 non-resident legal entity, 6 individual entrepreneur in joint venture)."""
    return 1 <= int(digits[2:4]) <= 12 and digits[4] in "456"


def _is_iin_shape(digits: str) -> bool:
    """An IIN's head: a valid birth date `YYMMDD`, then the century-and-sex digit 1–6."""
    if digits[6] not in "123456":
        return False
    century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}[digits[6]]
    try:
        date(century + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return False
    return True


def is_personal(s: str) -> bool:
    """True if `s` (spaces ignored) can only be a person's IIN: a birth date head, no BIN head."""
    digits = "".join(s.split())
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return False
    return _is_iin_shape(digits) and not _is_bin_shape(digits)


def is_structured(s: str) -> bool:
    """True if `s` (spaces ignored) is 12 digits laid out as a BIN or an IIN (the check digit aside).

    A Russian 12-digit INN, an eGov document number or a card number usually fails both: its
    digits 3–4 are no month, or its 5th digit no kind of entity and its head no birth date.
    """
    digits = "".join(s.split())
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return False
    return _is_bin_shape(digits) or _is_iin_shape(digits)


def find_ibans(text: str, *, valid_only: bool = False) -> list[tuple[str, int, int]]:
    """IBAN-shaped tokens (ИИК), compact or in groups of four: (normalised value, start, end).

    A `KZ` token of 20 characters counts even with a wrong ISO 7064 checksum (OCR errors), so that its
    digits are never mistaken for other values; `valid_only=True` keeps only checksum-valid IBANs.
    Other countries count only when `stdnum.iban` validates them. Cyrillic look-alikes are mapped
    to Latin in the value (`КZ` → `KZ`).
    """
    found: list[tuple[str, int, int]] = []
    for m in _IBAN_RE.finditer(text):
        raw = m.group()
        compact = "".join(raw.split()).translate(_CYR_TO_LAT)
        start, end = m.start(), m.end()
        if compact.startswith("KZ") and len(compact) > 20:
            # A trailing word glued by a space: keep the 20-character IBAN only.
            compact, end = compact[:20], _advance(text, start, 20)
        valid = _iban.is_valid(compact)
        shaped = compact.startswith("KZ") and len(compact) == 20
        if valid or (shaped and not valid_only):
            found.append((compact, start, end))
    return found


def find_phones(text: str) -> list[tuple[int, int]]:
    """Spans of telephone numbers: `+7 (727) 250-11-22`, `8 701 123 45 67`, `87011234567`, `250-11-22`."""
    spans: list[tuple[int, int]] = []
    for rx in _PHONE_RES:
        for m in rx.finditer(text):
            n = sum(c.isdigit() for c in m.group())
            if rx is _PHONE_RES[0] and n != 11:
                continue
            if _NOT_PHONE_AFTER_RE.match(text, m.end()):
                continue  # `87011234567.00`, `87011234567 тенге`: an amount
            spans.append((m.start(), m.end()))
    return sorted(spans)


def find_bins(text: str) -> list[BinMatch]:
    """Every BIN/IIN candidate in `text`, sorted by position.

    Returned: a standalone 12-digit token (not glued to letters or other digits, not part of an amount,
    date, phone or IBAN, not labelled as something else such as `№`, `ИИК`, `тел.`), and a 12-digit
    number right after a BIN label (БИН, ИИН, БСН, ЖСН, РНН, ИНН, `ИИН/БИН:` …) even when OCR split it
    into up to four groups by one or two spaces, glued it to the label, or read up to two digits as
    look-alike letters (O→0, l→1, З→3). `valid` is the check-digit result; invalid candidates are kept
    so that the caller can report them.
    """
    excluded = SpanSet([(s, e) for _, s, e in find_ibans(text)] + find_phones(text))
    labels = _Labels(text)
    found: dict[tuple[int, int], BinMatch] = {}

    for m in _STANDALONE_RE.finditer(text):
        start, end = m.span()
        if excluded.overlaps(start, end) or _CURRENCY_AFTER_RE.match(text, end):
            continue
        if labels.last_before(start) not in (None, "bin"):
            continue
        found[(start, end)] = BinMatch(m.group(), start, end, is_valid_bin(m.group()))

    taken = SpanSet(list(found))
    for _, lab_end, kind in labels.items:
        if kind != "bin":
            continue
        match = _number_after_label(text, lab_end, labels)
        if match is None:
            continue
        value, start, end = match
        if excluded.overlaps(start, end) or taken.overlaps(start, end) or (start, end) in found:
            continue
        found[(start, end)] = BinMatch(value, start, end, is_valid_bin(value))

    return sorted(found.values(), key=lambda b: b.start)


class _Labels:
    """Field labels of the text (kind "bin", "num" or "other"), sorted by position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items = [(m.start(), m.end(), m.lastgroup or "") for m in _LABEL_RE.finditer(text)]
        self._starts = [s for s, _, _ in self.items]
        self._ends = [e for _, e, _ in self.items]

    def last_before(self, pos: int) -> str | None:
        """Kind of the closest label ending at most `_LABEL_GAP` characters before `pos` with no digit
        in between, or None."""
        i = bisect_right(self._ends, pos) - 1
        if i < 0:
            return None
        s, e, kind = self.items[i]
        if s < pos - _LABEL_GAP or any(c.isdigit() for c in self.text[e:pos]):
            return None
        if kind != "bin" and "\n" in self.text[e:pos]:
            return None  # a form's cell label (`18.3 Код страны`) ends its line: the next line is no value
        return kind

    def other_between(self, start: int, end: int) -> bool:
        """True if a non-BIN, non-`№` label starts in [start, end)."""
        i = bisect_left(self._starts, start)
        while i < len(self.items) and self._starts[i] < end:
            if self.items[i][2] == "other":
                return True
            i += 1
        return False


def _advance(text: str, start: int, n_chars: int) -> int:
    """Index just after the `n_chars`-th non-space character from `start`."""
    seen = 0
    for i in range(start, len(text)):
        if not text[i].isspace():
            seen += 1
            if seen == n_chars:
                return i + 1
    return len(text)


def _number_after_label(
    text: str, lab_end: int, labels: _Labels
) -> tuple[str, int, int] | None:
    """The 12-digit number following a BIN label closely, as (digits, start, end), or None."""
    address = _AND_ADDRESS.match(text, lab_end)
    if address:  # `ИИН и адрес места нахождения поставщика: 660701 346441` (an invoice form's row)
        lab_end = address.end()
    limit = min(len(text), lab_end + _LABEL_GAP)
    pos = next((i for i in range(lab_end, limit) if text[i].isdigit()), None)
    if pos is None:
        return None
    if len(_WORD_RE.findall(text, lab_end, pos)) > 3:
        return None
    if labels.other_between(lab_end, pos):
        return None  # another field's label stands between
    if pos > lab_end and (text[pos - 1].isalnum() or text[pos - 1] in "+-"):
        return None  # glued to something other than the label (e.g. `KZ75…`)
    digits: list[str] = []
    lookalikes = 0
    cur = pos
    end = pos
    for n_group in range(_MAX_GROUPS):
        g = _GROUP_RE.match(text, cur)
        if g is None:
            break
        piece = g.group()
        lookalikes += sum(not c.isdigit() for c in piece)
        digits.append(piece.translate(_DIGIT_LOOKALIKES))
        end = g.end()
        total = sum(len(d) for d in digits)
        if total >= 12 or lookalikes > _MAX_LOOKALIKES:
            break
        sep = _GROUP_SEP_RE.match(text, end)
        if sep is None or n_group == _MAX_GROUPS - 1:
            break
        cur = sep.end()
    value = "".join(digits)
    if len(value) == 13 and len(digits) == 1 and value[0] in RULING_DIGITS and is_valid_bin(value[1:]) \
            and not _NUMBER_GOES_ON_RE.match(text, end):
        return value[1:], pos + 1, end  # `БИН/ИИН 1911107314450`: a table's border read as a digit
    if len(value) != 12 or lookalikes > _MAX_LOOKALIKES:
        return None
    if _NUMBER_GOES_ON_RE.match(text, end):
        return None  # part of a longer number, an amount or a date
    if len(digits) > 1 and _GROUP_SEP_RE.match(text, end):
        return None  # the grouping goes on: a longer number (card, IBAN body, phone)
    return value, pos, end
