"""An OCR'd page built from text lines: one word box per word, on a grid, at a photo's confidence."""

from __future__ import annotations

from extractors.textindex import DocText
from models.pages import Page, Word
from models.vocab import PageSource


def ocr_page(*lines: str, file: str = "скан.jpg", page: int = 1, source: PageSource = PageSource.ocr,
             confidence: float = 0.8, step: float = 0.02, width: float = 0.01) -> Page:
    """Line i's word j sits at row i (2 % apart), column j (`step` apart, `width` wide); every word read at
    `confidence`."""
    words = [Word(text=t, bbox=(0.05 + j * step, 0.05 + i * 0.02, 0.05 + j * step + width, 0.06 + i * 0.02),
                  confidence=confidence, line=i)
             for i, line in enumerate(lines) for j, t in enumerate(line.split())]
    return Page(file=file, page=page, source=source, words=tuple(words))


def ocr_doc(*lines: str, file: str = "скан.jpg", source: PageSource = PageSource.ocr,
            confidence: float = 0.8, step: float = 0.02, width: float = 0.01) -> DocText:
    """A one-page document of `ocr_page`'s page."""
    page = ocr_page(*lines, file=file, source=source, confidence=confidence, step=step, width=width)
    return DocText([page])
