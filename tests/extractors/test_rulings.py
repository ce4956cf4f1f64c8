"""Horizontal rulings of a page image: a table's row lines found, letters, underlined text's words and
filled bars not."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.rulings import horizontal_rulings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_a_tables_row_lines_are_found_and_its_text_is_not() -> None:
    img = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 42)
    for k in range(4):  # a grid: 4 row lines from x 100 to 2300, 3 columns
        draw.line((100, 100 + 120 * k, 2300, 100 + 120 * k), fill=0, width=3)
    for x in (100, 900, 1600, 2300):
        draw.line((x, 100, x, 460), fill=0, width=3)
    for k in range(3):
        draw.text((120, 130 + 120 * k), "Консультационные услуги — 1 250 000,00", font=font, fill=0)
    draw.rectangle((100, 700, 2300, 760), fill=0)  # a black bar: no ruling
    draw.text((120, 900), "Сдал ____ Жумабекова", font=font, fill=0)  # a short underline: no ruling
    found = horizontal_rulings(np.asarray(img))
    rows = sorted(round(r[1] * 1200) for r in found)
    assert len(found) == 4 and all(abs(y - (99 + 120 * k)) <= 2 for k, y in enumerate(rows))
    assert all(abs(r[0] - 100 / 2480) < 0.002 and abs(r[2] - 2303 / 2480) < 0.002 for r in found)
