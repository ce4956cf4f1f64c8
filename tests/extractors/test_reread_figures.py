"""Amounts and dates an OCR'd page read badly are read again on their own (real Tesseract on rasters);
a re-read replaces a reading only where two re-reads agree on a well-formed figure with no digit lost."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.reread_figures import reread_figures, runs, suspect
from models.pages import Word

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
W, H = 2480, 300


def _strip(texts: list[str]) -> tuple[np.ndarray, list[tuple[float, float, float, float]]]:
    """A 300 dpi strip with the texts printed at 12 pt left to right, each text's box as page fractions."""
    img = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 50)
    boxes: list[tuple[float, float, float, float]] = []
    x: float = 150
    for t in texts:
        x0, y0, x1, y1 = draw.textbbox((x, 120), t, font=font)
        draw.text((x, 120), t, font=font, fill=0)
        boxes.append((x0 / W, y0 / H, x1 / W, y1 / H))
        x = x1 + 25
    return np.asarray(img), boxes


def _words(read: list[tuple[str, float]], boxes: list[tuple[float, float, float, float]]) -> tuple[Word, ...]:
    return tuple(Word(text=t, bbox=b, confidence=c, line=0) for (t, c), b in zip(read, boxes, strict=True))


def test_a_date_read_out_of_range_is_read_again() -> None:
    img, boxes = _strip(["Дата:", "02.05.2026"])
    words = _words([("Дата:", 0.93), ("92.05.2026", 0.69)], boxes)
    fixed, n = reread_figures(img, words)
    assert n == 1
    assert [w.text for w in fixed] == ["Дата:", "02.05.2026"]


def test_an_amount_whose_separators_were_lost_is_read_again() -> None:
    img, boxes = _strip(["Итого:", "1", "240", "775,44", "тенге"])
    union = (boxes[1][0], min(b[1] for b in boxes[1:4]), boxes[3][2], max(b[3] for b in boxes[1:4]))
    words = _words([("Итого:", 0.95), ("124077544", 0.63), ("тенге", 0.94)], [boxes[0], union, boxes[4]])
    fixed, n = reread_figures(img, words)
    assert n == 1
    assert " ".join(w.text for w in fixed) == "Итого: 1 240 775,44 тенге"


def test_a_date_read_sure_and_well_formed_is_not_read_again() -> None:
    img, boxes = _strip(["от", "24.03.2026"])
    words = _words([("от", 0.96), ("24.03.2026", 0.95)], boxes)
    assert [r for r in runs(words) if suspect(r, words)] == []
    assert reread_figures(img, words) == (words, 0)


def test_a_reread_that_loses_the_figures_head_is_refused() -> None:
    """The box OCR gave `6451 218,17` covers only `451 218,17` of the print: the re-read, a digit short,
    would turn a repairable reading into a wrong one."""
    img, boxes = _strip(["6", "451", "218,17"])
    tail = (boxes[1][0], boxes[1][1], boxes[2][2], boxes[2][3])
    words = _words([("6451 218,17", 0.55)], [tail])
    assert reread_figures(img, words) == (words, 0)


def test_twelve_digits_are_left_to_the_bin_reread() -> None:
    _img, boxes = _strip(["БИН", "210640196769"])
    words = _words([("БИН", 0.95), ("210620196769", 0.6)], boxes)
    assert runs(words) == []
