"""Read a PDF page's text layer with pdfplumber and judge whether it can be trusted."""

from __future__ import annotations

import io
import re

from extractors.lines import group_lines
from models.pages import Word

_WORDLIKE = re.compile(r"^[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі«»\"'(),.;:№%\-]{2,}$")
_LETTER = re.compile(r"[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def read_text_layer(pdf_bytes: bytes, page_index: int) -> tuple[Word, ...]:
    """Words of the page's text layer with boxes as fractions of the page, confidence 1."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        page = pdf.pages[page_index]
        width, height = float(page.width), float(page.height)
        x_off, y_off = float(page.bbox[0]), float(page.bbox[1])
        raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    words = []
    for w in raw:
        bbox = (
            _clamp((float(w["x0"]) - x_off) / width),
            _clamp((float(w["top"]) - y_off) / height),
            _clamp((float(w["x1"]) - x_off) / width),
            _clamp((float(w["bottom"]) - y_off) / height),
        )
        words.append((str(w["text"]), bbox, 1.0))
    return group_lines(words)


def layer_quality(words: tuple[Word, ...]) -> float:
    """Share of tokens that look like words of a language (0..1); 0 for an empty or tiny layer.

    Garbled layers (unmapped glyphs `(cid:123)`, symbol soup from a bad old OCR) score low.
    """
    if len(words) < 8:
        return 0.0
    texts = [w.text for w in words]
    if sum("(cid:" in t for t in texts) > len(texts) * 0.05:
        return 0.0
    lettered = [t for t in texts if _LETTER.search(t)]
    if not lettered:
        return 0.0
    wordlike = sum(1 for t in lettered if _WORDLIKE.match(t))
    return wordlike / len(lettered) * min(1.0, len(lettered) / len(texts) + 0.3)


def _clamp(v: float) -> float:
    return 0.0 if v < 0 else 1.0 if v > 1 else v
