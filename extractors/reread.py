"""A second look at BINs/IINs on an OCR'd page that fail their check digit or were read unsure.

Tesseract reads a 12-digit number inside running text with the whole language model behind it and now
and then turns one digit into another (`100440203120` read as `100410203120` on a clean 300 dpi scan),
or, where a table ruling runs beside it, reads the line as noise with confidence 0 — and one such
noise number in eleven passes the check digit by chance. Read again on its own — the word's box cut out,
one text line, digits only — the same print usually comes out right. The check digit decides: a re-read
replaces the word only when it yields 12 digits with a correct check digit, so a BIN misprinted on the
paper (wrong check digit in the print) is read again the same and still reported.
"""

from __future__ import annotations

import numpy as np

from extractors import ocr
from extractors.bin import TWELVE_DIGITS, is_valid_bin
from models.pages import Word

MAX_REREADS = 8
"""At most this many words are read again per page (each run costs about 0.2 s)."""
DIGITS_CONFIG = ("-c", "tessedit_char_whitelist=0123456789")


UNSURE = 0.5
"""A 12-digit word read with less confidence than this is read again even when its check digit passes."""


def suspects(words: tuple[Word, ...]) -> list[int]:
    """Indexes of words holding a 12-digit number that fails the BIN/IIN check digit or was read unsure."""
    return [i for i, w in enumerate(words)
            if (m := TWELVE_DIGITS.search(w.text)) is not None
            and (not is_valid_bin(m.group()) or w.confidence < UNSURE)][:MAX_REREADS]


def crop(img: np.ndarray, bbox: tuple[float, float, float, float]) -> np.ndarray:
    """The word's box (page fractions) with a margin of a third of its height, on a white border."""
    return crop_at(img, bbox)[0]


def crop_at(img: np.ndarray, bbox: tuple[float, float, float, float]) -> tuple[np.ndarray, tuple[int, int]]:
    """`crop`, and where the cut-out's top left corner lies in the page's pixels (the white border counted:
    it may lie left of or above the page), so that boxes read on the cut-out map back onto the page."""
    h, w = img.shape[:2]
    x0, y0, x1, y1 = bbox[0] * w, bbox[1] * h, bbox[2] * w, bbox[3] * h
    pad = max(4.0, (y1 - y0) / 3)
    left, top = max(0, int(x0 - pad)), max(0, int(y0 - pad))
    part = img[top: min(h, int(y1 + pad)), left: min(w, int(x1 + pad))]
    border = max(8, int(y1 - y0))
    return np.pad(part, border, constant_values=255), (left - border, top - border)


def read_digits(img: np.ndarray, timeout: float = 30.0) -> tuple[str, float]:
    """Digits of a one-line image and the lowest word confidence (0–1) of the reading (the Tesseract
    binary, English model, one line, digits only)."""
    rows = ocr.run_binary_tsv(img, "eng", 7, DIGITS_CONFIG, timeout=timeout)
    read = [(r[11], float(r[10])) for r in rows if r[11].strip() and float(r[10]) >= 0]
    digits = "".join(c for text, _ in read for c in text if c.isdigit())
    return digits, min((conf for _, conf in read), default=0.0) / 100


def reread_bins(
    img: np.ndarray, words: tuple[Word, ...], timeout: float = 30.0
) -> tuple[tuple[Word, ...], int]:
    """`words` with each suspect BIN replaced by a different re-read that passes the check digit (its
    confidence that of the re-read); and how many were replaced. `img`: the gray image the boxes refer to."""
    todo = suspects(words)
    if not todo:
        return words, 0
    out = list(words)
    fixed = 0
    for i in todo:
        word = words[i]
        try:
            digits, confidence = read_digits(crop(img, word.bbox), timeout)
        except ocr.TesseractError:
            continue
        old = TWELVE_DIGITS.search(word.text)
        assert old is not None
        if len(digits) == 12 and is_valid_bin(digits) and digits != old.group():
            text = word.text[: old.start()] + digits + word.text[old.end():]
            out[i] = word.model_copy(update={"text": text, "confidence": round(confidence, 3)})
            fixed += 1
    return tuple(out), fixed
