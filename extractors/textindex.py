"""A document's text with every character traceable to the word (page, box) it came from."""

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
            for w in page.words:
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
