"""A phone photo of a bent, motion-blurred sheet of two justified columns: its projection profiles lean
towards lines running up–down (the blur smears the lines, the columns' straight edges stay), only just;
orientation detection is asked, says upright, and the page is read as it lies."""

from __future__ import annotations

import re

import numpy as np
import pytest

from extractors import cleanup, ocr
from extractors.raster import render_pdf_page
from fixtures.degrade import phone_photo_effect
from fixtures.eighth.scans import curve, motion_blur
from tests.conftest import dejavu_canvas

TEXT = (
    "Исполнитель обязуется оказать услуги по внедрению системы всеобщего обслуживания оборудования а "
    "Заказчик обязуется принять и оплатить их на условиях настоящего Договора в течение тридцати дней с "
    "даты подписания акта выполненных работ Стороны несут ответственность в соответствии с "
    "законодательством Республики Казахстан"
)
WORDS = re.findall(r"\S+", TEXT)


def _two_justified_columns() -> tuple[bytes, list[str]]:
    """An A4 PDF of two columns, three words a line spread to the column's width; and its words."""
    from reportlab.pdfbase import pdfmetrics

    buf, c = dejavu_canvas()
    c.setFont("DejaVu", 11)
    printed: list[str] = []
    for x0 in (60, 310):
        y, k = 780, 0
        while y > 120:
            words = [WORDS[(k + i) % len(WORDS)] for i in range(3)]
            k += 3
            widths = [pdfmetrics.stringWidth(w, "DejaVu", 11) for w in words]
            gap = max((225 - sum(widths)) / 2, 4)
            x = x0
            for word, width in zip(words, widths, strict=True):
                c.drawString(x, y, word)
                x += width + gap
            printed += words
            y -= 15
    c.showPage()
    c.save()
    return buf.getvalue(), printed


@pytest.fixture(scope="module")
def photo() -> tuple[np.ndarray, list[str]]:
    pdf, printed = _two_justified_columns()
    g = np.random.default_rng(7)
    shot, _ = phone_photo_effect(curve(render_pdf_page(pdf, 0, 200), g), g, 1)
    img, steps = cleanup.prepare(motion_blur(shot, g), None)
    assert cleanup.SHEET_STEP in steps
    return cleanup.clean_background(img, steps), printed


def test_profiles_only_just_vertical(photo: tuple[np.ndarray, list[str]]) -> None:
    img, _ = photo
    ratio = cleanup.vertical_ratio(cleanup._ink_small(img))
    assert cleanup.VERTICAL_RATIO < ratio < cleanup.SURE_VERTICAL_RATIO


@pytest.mark.ocr
def test_an_unsure_line_direction_is_settled_by_orientation_detection(
    photo: tuple[np.ndarray, list[str]],
) -> None:
    img, printed = photo
    upright, steps = cleanup.fix_orientation(img)
    assert not any(s.startswith("rotate:") for s in steps), steps
    read = {w.lower() for word in ocr.ocr_words(upright) for w in re.findall(r"\w{5,}", word.text)}
    long_words = {w.lower() for w in printed if len(w) >= 5}
    assert len(read & long_words) >= 0.7 * len(long_words), sorted(long_words - read)
