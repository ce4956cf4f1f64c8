"""Horizontal rulings of a page image: a table's row lines found, letters, underlined text's words and
filled bars not."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.rulings import height_at, horizontal_rulings

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
    rows = sorted(r[1] * 1200 for r in found)
    assert len(found) == 4 and all(abs(y - (100.5 + 120 * k)) <= 1 for k, y in enumerate(rows))
    assert all(abs(r[0] - 100 / 2480) < 0.002 and abs(r[2] - 2303 / 2480) < 0.002 for r in found)


def test_a_ruling_scanned_aslant_gives_its_height_along_its_length() -> None:
    """A ruling falling 16 px over 2200 px (0.4°, what a deskew may leave): one ruling, its height at any
    x along the line through its ends."""
    img = Image.new("L", (2480, 800), 255)
    ImageDraw.Draw(img).line((100, 400, 2300, 416), fill=0, width=3)
    [ruling] = horizontal_rulings(np.asarray(img))
    assert abs(ruling[1] * 800 - 400.5) <= 1.5 and abs(ruling[3] * 800 - 416.5) <= 1.5
    assert abs(height_at(ruling, 1200 / 2480) * 800 - 408.5) <= 1.5
