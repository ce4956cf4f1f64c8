"""A BIN failing its check digit on an OCR'd page is read again on its own, digits only (real Tesseract)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.bin import is_valid_bin
from extractors.reread import reread_bins, suspects
from models.pages import Word

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
PRINTED = "100440203120"
MISPRINT = "100440203121"


def _line(texts: list[str]) -> tuple[np.ndarray, list[tuple[float, float, float, float]]]:
    """A 300 dpi strip with each text printed at 12 pt, and each text's box as page fractions."""
    img = Image.new("L", (2480, 400), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 50)
    boxes, x = [], 150
    for t in texts:
        x0, y0, x1, y1 = draw.textbbox((x, 150), t, font=font)
        draw.text((x, 150), t, font=font, fill=0)
        boxes.append((x0 / 2480, y0 / 400, x1 / 2480, y1 / 400))
        x = x1 + 200
    return np.asarray(img), boxes


def _word(text: str, bbox: tuple[float, float, float, float]) -> Word:
    return Word(text=text, bbox=bbox, confidence=0.88, line=0)


def test_a_misread_digit_is_read_again_and_the_check_digit_decides() -> None:
    assert is_valid_bin(PRINTED) and not is_valid_bin(MISPRINT)
    img, (b1, b2, b3) = _line(["ИИН/БИН:", PRINTED, MISPRINT])
    words = (_word("ИИН/БИН:", b1), _word("100410203120,", b2), _word(MISPRINT, b3))
    assert suspects(words) == [1, 2]
    fixed, n = reread_bins(img, words)
    assert n == 1
    assert fixed[1].text == PRINTED + ","  # the misread digit corrected, punctuation kept
    assert fixed[2].text == MISPRINT  # printed with a wrong check digit: still reported as read
    assert fixed[0] == words[0] and fixed[1].bbox == b2


def test_a_number_read_as_noise_is_read_again_even_when_its_check_digit_passes() -> None:
    """A line read with confidence 0 (a table ruling beside it) gave a valid-looking stranger's BIN."""
    noise = "971240001315"
    assert is_valid_bin(noise)
    img, (b,) = _line([PRINTED])
    unsure = Word(text=noise, bbox=b, confidence=0.0, line=0)
    fixed, n = reread_bins(img, (unsure,))
    assert n == 1 and fixed[0].text == PRINTED and fixed[0].confidence > 0.5
    sure = unsure.model_copy(update={"confidence": 0.93})
    assert suspects((sure,)) == []  # read with confidence: not read again


def test_valid_bins_cost_no_second_read() -> None:
    img, (b,) = _line([PRINTED])
    words = (_word(PRINTED, b),)
    assert suspects(words) == []
    assert reread_bins(img, words) == (words, 0)
