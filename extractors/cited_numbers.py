"""Package stage: a document number OCR damaged, set right by the package's citations of it.

A payment's purpose cites the invoice and the contract it pays (`по договору № ДП-2026/911 от …, сч/ф
№ СФ-533`), an invoice or an act cites its contract. When a scanned paper's own number reads one
character off what the other documents cite for a paper of its kind (`CO-533` for `СФ-533`,
`ДП-20241673` for `ДП-2024/673`) and no other document cites the number as read, the cited spelling is
the number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from extractors.fields import clean_number
from extractors.templates import NUMBER_TOKEN
from models.documents import Document
from models.vocab import DocType

_CITATIONS: dict[DocType, re.Pattern[str]] = {
    DocType.invoice: re.compile(
        rf"(?<![\w])(?:сч\.?\s*/\s*ф|сч[её]т[а-я]*[- ]фактур\w*|ЭСФ)\.?\s*№\s*({NUMBER_TOKEN})", re.I),
    DocType.contract: re.compile(
        rf"(?<![\w])(?:договор\w*|контракт\w*)(?:\s*\(\s*контракт\w*\s*\))?\s*№\s*({NUMBER_TOKEN})", re.I),
}
SURE = 0.95
"""A number read at least this sure (a text layer's, a clean scan's) is never replaced."""
_HOMOGLYPHS = str.maketrans("АВЕКМНОРСТХУаеорсху", "ABEKMHOPCTXYaeopcxy")


def _fold(value: str) -> str:
    """Upper case with Cyrillic capitals that print like Latin ones folded (`СФ` and `CФ` are one)."""
    return value.upper().translate(_HOMOGLYPHS)


def cited_numbers(doc_type: DocType, texts: Sequence[str]) -> dict[str, str]:
    """Folded number → the number as cited, over the texts of the other documents."""
    rx = _CITATIONS.get(doc_type)
    out: dict[str, str] = {}
    if rx is None:
        return out
    for text in texts:
        for m in rx.finditer(text):
            value = clean_number(m.group(1))  # a citation's `К7-2025-…` is `KZ-2025-…` as the paper's own is
            if any(c.isdigit() for c in value):
                out.setdefault(_fold(value), value)
    return out


def agree_numbers(documents: Sequence[Document], texts: dict[str, str]) -> list[Document]:
    """`documents` with each unsure invoice or contract number that is one character off exactly one
    number the other documents cite for its kind (and cited by none as read) given the cited spelling.
    `texts`: document id → its text."""
    out = []
    for d in documents:
        number = d.fields.number
        if d.type in _CITATIONS and number is not None and (number.confidence or 0.0) < SURE:
            cited = cited_numbers(d.type, [t for i, t in texts.items() if i != d.id])
            read = _fold(number.value)
            near = {v for k, v in cited.items()
                    if len(k) == len(read) and Levenshtein.distance(k, read) == 1}
            if read not in cited and len(near) == 1:
                fixed = number.model_copy(update={"value": next(iter(near))})
                d = d.model_copy(update={"fields": d.fields.model_copy(update={"number": fixed})})
        out.append(d)
    return out
