"""A document's text with every character traceable to the word (page, box) it came from.

A page printed in two columns (a bilingual contract: Russian | Kazakh, Russian | English) is read
column by column: the left column's lines, then the right column's (`column_order`), so that a
sentence, a number or an amount in words is never interleaved with its translation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from models.base import BBox
from models.documents import Evidence
from models.pages import Page, Word
from models.vocab import PageSource


@dataclass(frozen=True)
class Placed:
    start: int
    end: int
    file: str
    page: int
    word: Word


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    file: str
    page: int


class DocText:
    """Text of a document's pages (lines joined by newlines, pages by a blank line)."""

    def __init__(self, pages: Sequence[Page]) -> None:
        parts: list[str] = []
        self.words: list[Placed] = []
        self.lines: list[Line] = []
        pos = 0
        for page in pages:
            if parts:
                parts.append("\n")
                pos += 1
            current_line: int | None = None
            line_start = pos
            for w in column_order(page.words):
                if current_line is not None and w.line != current_line:
                    self.lines.append(Line(line_start, pos, page.file, page.page))
                    parts.append("\n")
                    pos += 1
                    line_start = pos
                elif current_line is not None:
                    parts.append(" ")
                    pos += 1
                current_line = w.line
                self.words.append(Placed(pos, pos + len(w.text), page.file, page.page, w))
                parts.append(w.text)
                pos += len(w.text)
            if current_line is not None:
                self.lines.append(Line(line_start, pos, page.file, page.page))
            parts.append("\n")
            pos += 1
        self.text = "".join(parts)
        self.layer_pages = {(p.file, p.page) for p in pages if p.source == PageSource.text_layer}

    def words_in(self, start: int, end: int) -> list[Placed]:
        return [p for p in self.words if p.start < end and p.end > start]

    def printed(self, start: int, end: int) -> bool:
        """Were the span's words taken from a PDF's trusted text layer (exact characters, no OCR)?"""
        placed = self.words_in(start, end)
        return bool(placed) and all((p.file, p.page) in self.layer_pages for p in placed)

    def evidence(self, start: int, end: int) -> Evidence:
        """File, page, union box and lowest word confidence of the span's words (on its first page)."""
        placed = self.words_in(start, end)
        if not placed:
            return Evidence()
        first = placed[0]
        same = [p for p in placed if p.page == first.page and p.file == first.file]
        return Evidence(file=first.file, page=first.page, bbox=union(p.word.bbox for p in same),
                        confidence=min(p.word.confidence for p in same))

    def line_at(self, pos: int) -> Line | None:
        for line in self.lines:
            if line.start <= pos <= line.end:
                return line
        return None

    def line_text(self, line: Line) -> str:
        return self.text[line.start:line.end]

    def iter_lines(self) -> Iterator[tuple[Line, str]]:
        for line in self.lines:
            yield line, self.text[line.start:line.end]


def union(boxes: Iterator[BBox] | Sequence[BBox]) -> BBox:
    bs = list(boxes)
    return (
        round(min(b[0] for b in bs), 4),
        round(min(b[1] for b in bs), 4),
        round(max(b[2] for b in bs), 4),
        round(max(b[3] for b in bs), 4),
    )


GUTTER_MIN = 0.012
"""Narrowest gap between two words (page fraction) that a column gutter may run through."""
COLUMN_LINES = 4
"""Fewest lines with text on both sides of the gutter for a block of the page to be two columns."""
COLUMN_WORDS = 4.0
"""Fewest words per line, on average on each side, for two columns of running text (not a table)."""
COLUMN_FILL = 0.6
"""Least mean share of its column's width a line's text spans on each side (running text fills its
column; a form's labels and values do not)."""
COLUMN_ALPHA = 0.6
"""Least share of words with letters on each side (a table's columns are mostly figures)."""
COLUMN_ALIGNED = 0.6
"""Least share of a side's lines that start at one left edge (a column of running text is left-aligned,
bar a centred title or an indented first line; a table's cells start wherever their column does)."""
ALIGN_SLACK = 0.006
"""How far apart (page fraction) two lines' starts may be and still share a left edge."""


def _line_words(words: Sequence[Word]) -> dict[int, list[Word]]:
    rows: dict[int, list[Word]] = {}
    for w in words:
        rows.setdefault(w.line, []).append(w)
    return rows


def _gutter(rows: dict[int, list[Word]]) -> float | None:
    """The x of a vertical gap between 0.3 and 0.7 of the width that most lines have words on both
    sides of and that no word crosses on those lines; None when fewer than `COLUMN_LINES` lines do."""
    best: tuple[int, float] | None = None
    for step in range(60, 141):
        x = step / 200
        support = 0
        for ws in rows.values():
            if any(w.bbox[0] < x < w.bbox[2] for w in ws):
                continue
            left = max((w.bbox[2] for w in ws if w.bbox[2] <= x), default=None)
            right = min((w.bbox[0] for w in ws if w.bbox[0] >= x), default=None)
            if left is not None and right is not None and right - left >= GUTTER_MIN:
                support += 1
        if support >= COLUMN_LINES and (best is None or support > best[0]):
            best = (support, x)
    return best[1] if best else None


def _prose(parts: list[list[Word]]) -> bool:
    """Are these line parts (one side of the gutter) running text that fills its column?"""
    words = [w for part in parts for w in part]
    if not words:
        return False
    alpha = sum(any(c.isalpha() for c in w.text) for w in words)
    x0 = min(w.bbox[0] for w in words)
    x1 = max(w.bbox[2] for w in words)
    fill = sum(max(w.bbox[2] for w in part) - min(w.bbox[0] for w in part) for part in parts) \
        / (len(parts) * (x1 - x0) or 1.0)
    starts = [min(w.bbox[0] for w in part) for part in parts if part]
    aligned = max(sum(abs(s - edge) <= ALIGN_SLACK for s in starts) for edge in starts)
    return len(words) >= COLUMN_WORDS * len(parts) and alpha >= COLUMN_ALPHA * len(words) \
        and fill >= COLUMN_FILL and aligned >= COLUMN_ALIGNED * len(parts)


def column_order(words: Sequence[Word]) -> list[Word]:
    """The page's words in reading order: blocks of consecutive lines printed as two columns of running
    text (a gutter from the word boxes that no word of the block crosses) give their left column's
    lines first, then their right column's; everything else stays line by line."""
    rows = _line_words(words)
    x = _gutter(rows)
    if x is None:
        return list(words)
    out: list[Word] = []
    block: list[int] = []

    def flush() -> None:
        both = [ln for ln in block
                if any(w.bbox[2] <= x for w in rows[ln]) and any(w.bbox[0] >= x for w in rows[ln])]
        left = [w for ln in block for w in rows[ln] if w.bbox[2] <= x]
        right = [w for ln in block for w in rows[ln] if w.bbox[0] >= x]
        left_parts = [[w for w in rows[ln] if w.bbox[2] <= x] for ln in both]
        right_parts = [[w for w in rows[ln] if w.bbox[0] >= x] for ln in both]
        if len(both) >= COLUMN_LINES and _prose(left_parts) and _prose(right_parts):
            out.extend(left)
            out.extend(right)
        else:
            out.extend(w for ln in block for w in rows[ln])
        block.clear()

    for ln in sorted(rows):
        if any(w.bbox[0] < x < w.bbox[2] for w in rows[ln]):
            flush()
            out.extend(rows[ln])
        else:
            block.append(ln)
    flush()
    return out
