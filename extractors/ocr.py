"""Tesseract OCR of a cleaned page image → words with boxes, confidences and lines."""

from __future__ import annotations

import numpy as np

from models.pages import Word

LANGUAGES = "rus+kaz+eng"


def ocr_words(img: np.ndarray, languages: str = LANGUAGES, psm: int = 3) -> tuple[Word, ...]:
    """Words in Tesseract's reading order (block → paragraph → line), boxes as page fractions."""
    import pytesseract

    h, w = img.shape[:2]
    data = pytesseract.image_to_data(
        img, lang=languages, config=f"--psm {psm} --oem 1", output_type=pytesseract.Output.DICT
    )
    words: list[Word] = []
    line_ids: dict[tuple[int, int, int], int] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        line = line_ids.setdefault(key, len(line_ids))
        x, y, bw, bh = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        bbox = (x / w, y / h, min(1.0, (x + bw) / w), min(1.0, (y + bh) / h))
        words.append(Word(text=text, bbox=bbox, confidence=round(conf / 100, 3), line=line))
    return tuple(words)
