"""A phone photo of a sheet bent like an open book (the eighth family's own `curve` and phone effects):
once its outline is seen from above its lines still sag by a line or two across the page. The clean-up
measures that sag and straightens the lines, and Tesseract then reads the two columns line by line."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import numpy as np
import pytest

from extractors import cleanup, ocr, textlines
from extractors.raster import render_pdf_page
from fixtures.degrade import phone_photo_effect
from fixtures.eighth.scans import curve
from models.pages import Word
from tests.conftest import FONT

TEXT = (
    "Поставщик обязуется передать в собственность Покупателя оборудование а Покупатель обязуется принять "
    "и оплатить его на условиях настоящего Договора Общая стоимость Договора составляет девять миллионов "
    "тенге в том числе налог на добавленную стоимость Оплата производится путем перечисления денежных "
    "средств на банковский счет Поставщика в течение пятнадцати банковских дней"
)
WORDS = re.findall(r"\S+", TEXT)


def _contract_page() -> tuple[bytes, list[str]]:
    """An A4 PDF: a heading, a full-width paragraph and two columns of requisites below; its words."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    printed: list[str] = []
    c.setFont("DejaVu", 11)
    y, k = 780, 0
    while y > 420:  # full-width lines of seven words
        line = [WORDS[(k + i) % len(WORDS)] for i in range(7)]
        k += 7
        c.drawString(60, y, " ".join(line))
        printed += line
        y -= 16
    for x0 in (60, 320):
        y = 400
        while y > 120:
            line = [WORDS[(k + i) % len(WORDS)] for i in range(3)]
            k += 3
            c.drawString(x0, y, " ".join(line))
            printed += line
            y -= 16
    c.showPage()
    c.save()
    return buf.getvalue(), printed


def _bent_photo(seed: int) -> tuple[np.ndarray, list[str]]:
    pdf, printed = _contract_page()
    g = np.random.default_rng(seed)
    page = render_pdf_page(pdf, 0, 200)
    shot, _ = phone_photo_effect(curve(page, g), g, 1)
    return shot, printed


@pytest.fixture(scope="module")
def bent() -> tuple[np.ndarray, list[str]]:
    return _bent_photo(11)


def _found(words: Sequence[Word], printed: list[str]) -> float:
    read = {w.text.strip(".,«»") for w in words}
    return sum(1 for w in printed if w in read) / len(printed)


def test_the_lines_of_a_bent_sheet_are_measured_and_straightened(bent: tuple[np.ndarray, list[str]]) -> None:
    shot, _ = bent
    img, steps = cleanup.clean(shot, None)
    assert cleanup.SHEET_STEP in steps and textlines.STEP in steps
    # measured again on the straightened page, the lines move by a few pixels at most
    again = textlines.displacement(img)
    assert again is not None and float(np.ptp(again, axis=1).max()) < textlines.MIN_RANGE_PX


def _as_outlined(shot: np.ndarray) -> np.ndarray:
    """The clean-up up to the straightening: the sheet as its outline alone flattens it, upright."""
    sheet, steps = cleanup.prepare(shot, None)
    return cleanup.fix_orientation(cleanup.clean_background(sheet, steps))[0]


def _sag(img: np.ndarray) -> float:
    d = textlines.displacement(img)
    assert d is not None
    return float(np.ptp(d, axis=1).max())


def test_a_bent_sheet_sags_by_lines_a_flat_one_by_pixels(bent: tuple[np.ndarray, list[str]]) -> None:
    pdf, _ = _contract_page()
    g = np.random.default_rng(5)
    flat, _ = phone_photo_effect(render_pdf_page(pdf, 0, 200), g, 1)
    assert _sag(_as_outlined(bent[0])) > 50  # a line's pitch at 300 dpi
    assert _sag(_as_outlined(flat)) < 16  # what the outline's corners leave of the perspective


def test_a_page_without_lines_is_not_measured() -> None:
    blank = np.full((3508, 2481), 250, np.uint8)
    assert textlines.displacement(blank) is None
    assert textlines.straighten(blank)[1] is None


@pytest.mark.ocr
def test_straightened_lines_read_better(bent: tuple[np.ndarray, list[str]]) -> None:
    shot, printed = bent
    img, steps = cleanup.clean(shot, None)
    assert textlines.STEP in steps
    curved = _as_outlined(shot)
    straight = _found(ocr.ocr_words(img), printed)
    as_bent = _found(ocr.ocr_words(curved), printed)
    assert straight >= 0.85
    assert straight > as_bent + 0.1
