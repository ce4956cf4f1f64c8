"""An OCR'd page built from text lines: one word box per word, on a grid, at a photo's confidence."""

from __future__ import annotations

from models.pages import Page, Word
from models.vocab import PageSource


def ocr_page(*lines: str, file: str = "скан.jpg") -> Page:
    """Line i's word j sits at row i, column j of a 2 % grid; every word read at confidence 0.8."""
    words = [Word(text=t, bbox=(0.05 + j * 0.02, 0.05 + i * 0.02, 0.06 + j * 0.02, 0.06 + i * 0.02),
                  confidence=0.8, line=i)
             for i, line in enumerate(lines) for j, t in enumerate(line.split())]
    return Page(file=file, page=1, source=PageSource.ocr, words=tuple(words))
