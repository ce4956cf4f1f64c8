"""A second reading with local (Sauvola) binarisation for a page whose first reading is poor.

Tesseract turns the cleaned gray page black-and-white itself, by default with one global (Otsu)
threshold. On a photocopy whose toner ran thin in places, faded or washed-out print and a texture in the
paper, one threshold either breaks the faint letters or joins the paper's grain to the dark ones; Sauvola's
threshold follows the local contrast (OCRmyPDF's best setting on these pages,
`--tesseract-thresholding sauvola`, is this). On clean pages both give the same words, and on some
photocopies Sauvola loses faint print that the global threshold kept (a 200 dpi report: any-order CER
0.13 → 0.58), so it is not the default: a page is read again this way only when its first reading is
unsure (`POOR_CONFIDENCE`), and the second reading is kept only when it is more confident and holds
nearly as many letters in words the language models know (`ocr.word_letters`) — the confidence alone
rises when faint words are dropped. Measured on augraphy bad scans of the ninth family at 150–200 dpi
(any-order CER, first → second reading, confidence): taken 0.196 → 0.119 (0.71 → 0.86) and
0.278 → 0.261 (0.65 → 0.68); not taken 0.134 → 0.582 (0.83, not read again), 0.746 → 0.787 (0.55 →
0.67, known letters 550 → 215), and an eighth-family halftone copy 0.301 → 0.462 (0.72 → 0.63).
A photographed sheet cut out of its picture is not read again (the page stage): of 20 such pages of three
families 2 read unsure (0.56, 0.78), neither was read better this way, and the two extra readings
raised the photos' CPU by 15–23 %."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from extractors import ocr
from models.pages import Word, mean_confidence

STEP = "sauvola"
POOR_CONFIDENCE = 0.8
"""A first reading less confident than this is read again (clean scans read 0.9 and more)."""
MIN_GAIN = 0.02
"""Confidence the second reading must gain to be kept."""
KNOWN_KEPT = 0.95
"""Share of the first reading's letters in known long words the second must keep: a better-binarised
photocopy read 1101 → 1088 such letters (CER 0.196 → 0.119), a washed-out 150 dpi contract whose faint
lines Sauvola dropped 550 → 215 (confidence up 0.55 → 0.67 all the same)."""
MIN_WORDS = 10
"""A reading of fewer words (an equipment photo, a near-blank page) is not read again."""


def needs_second_reading(words: Sequence[Word]) -> bool:
    return len(words) >= MIN_WORDS and mean_confidence(words) < POOR_CONFIDENCE


def second_reads_better(first: Sequence[Word], second: Sequence[Word]) -> bool:
    """More confident by `MIN_GAIN`, and nearly as many letters in known long words (`KNOWN_KEPT`)."""
    if mean_confidence(second) < mean_confidence(first) + MIN_GAIN:
        return False
    return ocr.word_letters(second)[0] >= KNOWN_KEPT * ocr.word_letters(first)[0]


def reread(
    img: np.ndarray, words: tuple[Word, ...], languages: str, timeout: float
) -> tuple[tuple[Word, ...], bool]:
    """`words`, or the Sauvola reading of `img` where the first is poor and the second better; and
    whether it was taken."""
    if not needs_second_reading(words):
        return words, False
    second = ocr.ocr_words(img, languages, timeout=timeout, thresholding=ocr.SAUVOLA)
    if second_reads_better(words, second):
        return second, True
    return words, False
