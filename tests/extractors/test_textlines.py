"""A phone photo of a sheet bent like an open book (the eighth family's own `curve` and phone effects):
once its outline is seen from above its lines still sag by a line or two across the page. The clean-up
measures that sag and straightens the lines, and Tesseract then reads the body's lines whole."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pytest

from extractors import cleanup, ocr, textlines
from extractors.raster import render_pdf_page
from fixtures.degrade import phone_photo_effect
from fixtures.eighth.scans import curve
from models.pages import Word
from tests.conftest import dejavu_canvas

TEXT = (
    "Поставщик обязуется передать в собственность Покупателя оборудование а Покупатель обязуется принять "
    "и оплатить его на условиях настоящего Договора Общая стоимость Договора составляет девять миллионов "
    "тенге в том числе налог на добавленную стоимость Оплата производится путем перечисления денежных "
    "средств на банковский счет Поставщика в течение пятнадцати банковских дней"
)
WORDS = re.findall(r"\S+", TEXT)
BODY_LINES = 34


def _contract_page() -> tuple[bytes, list[str]]:
    """An A4 PDF: a justified full-width body (`BODY_LINES` lines of six words) and two columns of
    requisites below; its words in order."""
    from reportlab.pdfbase import pdfmetrics

    buf, c = dejavu_canvas()
    printed: list[str] = []
    c.setFont("DejaVu", 10)
    y, k = 800.0, 0
    for _ in range(BODY_LINES):  # a contract's justified body: six words a line spread over the full width
        line = [WORDS[(k + i) % len(WORDS)] for i in range(6)]
        k += 6
        widths = [pdfmetrics.stringWidth(w, "DejaVu", 10) for w in line]
        gap = max((495 - sum(widths)) / 5, 3)
        x = 50.0
        for word, width in zip(line, widths, strict=True):
            c.drawString(x, y, word)
            x += width + gap
        printed += line
        y -= 12.5
    for x0 in (50, 320):
        y = 360
        while y > 60:
            line = [WORDS[(k + i) % len(WORDS)] for i in range(3)]
            k += 3
            c.drawString(x0, y, " ".join(line))
            printed += line
            y -= 12.5
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
    return _bent_photo(13)  # the bend near the family's strongest: lines sag by four of their pitches


def _whole_lines(words: Sequence[Word], printed: list[str]) -> float:
    """Share of the body's printed lines found whole, their six words one after the other, in the reading."""
    text = " ".join(w.text.strip(".,«»") for w in words)
    lines = [" ".join(printed[i : i + 6]) for i in range(0, 6 * BODY_LINES, 6)]
    return sum(1 for line in lines if line in text) / len(lines)


def test_the_lines_of_a_bent_sheet_are_measured_and_straightened(bent: tuple[np.ndarray, list[str]]) -> None:
    shot, _ = bent
    img, steps = cleanup.clean(shot, None)
    assert cleanup.SHEET_STEP in steps and textlines.STEP in steps
    # measured again on the straightened page, the lines sag by a small part of what they did
    assert _sag(img) < _sag(_as_outlined(shot)) / 4


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
    assert _sag(_as_outlined(flat)) < textlines.MIN_RANGE_PX  # what the outline's corners leave
    _, steps = cleanup.clean(flat, None)
    assert cleanup.SHEET_STEP in steps and textlines.STEP not in steps


def test_a_page_without_lines_is_not_measured() -> None:
    blank = np.full((3508, 2481), 250, np.uint8)
    assert textlines.displacement(blank) is None
    assert textlines.straighten(blank)[1] is None


@pytest.mark.ocr
def test_straightened_lines_read_better(bent: tuple[np.ndarray, list[str]]) -> None:
    shot, printed = bent
    img, steps = cleanup.clean(shot, None)
    assert textlines.STEP in steps
    # read as the outline alone flattens it, Tesseract cuts the sagging lines into pieces
    assert _whole_lines(ocr.ocr_words(_as_outlined(shot)), printed) < 0.5
    assert _whole_lines(ocr.ocr_words(img), printed) >= 0.9


def test_an_unsure_line_direction_is_judged_on_the_straightened_sheet() -> None:
    """The bent, motion-blurred photo of two justified columns whose profiles lean only just towards
    lines running up–down (`test_cleanup_orientation_unsure`): straightened first, its lines clearly run
    across, and it is not turned."""
    from fixtures.eighth.scans import motion_blur
    from tests.extractors.test_cleanup_orientation_unsure import _two_justified_columns

    pdf, _ = _two_justified_columns()
    g = np.random.default_rng(7)
    shot, _ = phone_photo_effect(curve(render_pdf_page(pdf, 0, 200), g), g, 1)
    blurred = motion_blur(shot, g)
    sheet, steps = cleanup.prepare(blurred, None)
    sheet = cleanup.clean_background(sheet, steps)
    ratio = cleanup.vertical_ratio(cleanup._ink_small(sheet))
    assert cleanup.VERTICAL_RATIO < ratio < cleanup.SURE_VERTICAL_RATIO
    straight = cleanup._straightened_if_unsure(sheet, steps)
    assert textlines.STEP in steps
    assert cleanup.vertical_ratio(cleanup._ink_small(straight)) < cleanup.VERTICAL_RATIO
    _, all_steps = cleanup.clean(blurred, None)
    assert not any(s.startswith("rotate:") for s in all_steps)
