"""A phone photo of an invoice taken with a shaking hand (the eighth family's own phone and `motion_blur`
effects): every point of the sheet is smeared along a short line. The clean-up measures the line on the
photo (its length and direction from the cepstrum), carries it onto the cut-out sheet and deconvolves
the sheet, and Tesseract then reads the words and figures the blur had doubled; a sharp photo is left
as it is."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pytest

from extractors import cleanup, deblur, ocr
from extractors.raster import render_pdf_page
from fixtures.degrade import phone_photo_effect
from fixtures.eighth.scans import motion_blur
from models.pages import Word
from tests.conftest import dejavu_canvas

BODY = (
    "Поставщик передал Покупателю оборудование по договору поставки в полном объеме и в установленный "
    "срок Покупатель претензий по количеству качеству и комплектности товара не имеет Оплата "
    "производится путем перечисления денежных средств на банковский счет Поставщика"
)
FIGURES = ["180540012345", "14.03.2026", "12 923 508,77", "1 384 661,65"]


def _invoice() -> tuple[bytes, list[str]]:
    """An A4 PDF: a title, requisites with a BIN and a date, a body of running text and the totals; its
    words in order."""
    buf, c = dejavu_canvas()
    printed: list[str] = []

    def line(x: float, y: float, text: str, size: int = 11) -> None:
        c.setFont("DejaVu", size)
        c.drawString(x, y, text)
        printed.extend(text.split())

    line(170, 780, "СЧЕТ-ФАКТУРА № СФ-582 от 14.03.2026", 14)
    line(50, 740, "Поставщик: ТОО «Ордабасы Текстиль» БИН 121140883470")
    line(50, 722, "Покупатель: ТОО «Караганда Машзавод» БИН 180540012345")
    words = BODY.split()
    y = 690
    for i in range(0, len(words) * 3, 9):
        line(50, y, " ".join(words[(i + k) % len(words)] for k in range(9)))
        y -= 18
    line(50, y - 10, "Итого без НДС: 11 538 847,12 тенге")
    line(50, y - 28, "НДС 12%: 1 384 661,65 тенге")
    line(50, y - 46, "Всего к оплате: 12 923 508,77 тенге")
    c.showPage()
    c.save()
    return buf.getvalue(), printed


def _photo(seed: int, *, shake: bool) -> tuple[np.ndarray, tuple[int, float]]:
    """The invoice photographed by the family's phone, shaken or not; the blur's length and angle as the
    effect draws them (degrees counter-clockwise as the picture is seen, 0 when not shaken)."""
    pdf, _ = _invoice()
    g = np.random.default_rng(seed)
    shot, _ = phone_photo_effect(render_pdf_page(pdf, 0, 200), g, 1)
    if not shake:
        return shot, (0, 0.0)
    state = g.bit_generator.state
    drawn = int(g.integers(5, 12)), float(g.uniform(0, 180))
    g.bit_generator.state = state
    return motion_blur(shot, g), drawn


@pytest.fixture(scope="module")
def shaken() -> tuple[np.ndarray, tuple[int, float]]:
    return _photo(26, shake=True)


def test_the_shake_is_measured_on_the_photo(shaken: tuple[np.ndarray, tuple[int, float]]) -> None:
    shot, (length, angle) = shaken
    assert length >= 9  # the seed draws one of the family's longer shakes
    blur = deblur.estimate(shot.mean(axis=2).astype(np.uint8))
    assert blur is not None
    assert abs(blur.length - length) <= 1.5
    # the effect turns its line counter-clockwise as seen; the estimate's angle runs towards y (down)
    off = abs(blur.angle - (180 - angle) % 180)
    assert min(off, 180 - off) <= 8


def test_a_sharp_photo_is_left_as_it_is() -> None:
    shot, _ = _photo(26, shake=False)
    assert deblur.estimate(shot.mean(axis=2).astype(np.uint8)) is None
    _, steps = cleanup.prepare(shot, None)
    assert cleanup.SHEET_STEP in steps and not any(s.startswith(deblur.STEP) for s in steps)


def test_a_photographed_screen_is_no_shake(monkeypatch: pytest.MonkeyPatch) -> None:
    """The invoice shown on a screen of 720 rows (the page resampled to its pixels and back, as the
    eighth family's `monitor` does at 1080) and photographed: the screen's pixel grid dips the cepstrum
    in more than one direction, and a line deconvolved along one of them ruined a sharp page."""
    import cv2

    pdf, _ = _invoice()
    page = render_pdf_page(pdf, 0, 200)
    h, w = page.shape
    screen = cv2.resize(cv2.resize(page, (w * 720 // h, 720), interpolation=cv2.INTER_AREA), (w, h),
                        interpolation=cv2.INTER_LINEAR)
    shot, _ = phone_photo_effect(screen, np.random.default_rng(1), 1)
    gray = shot.mean(axis=2).astype(np.uint8)
    assert deblur.estimate(gray) is None
    monkeypatch.setattr(deblur, "MAX_ACROSS", float("inf"))  # the peak's depth alone takes it for a shake
    assert deblur.estimate(gray) is not None


def test_the_line_is_carried_onto_the_cut_out_sheet() -> None:
    """The cut-out is larger than the sheet in the photo: the blur's line grows with it."""
    quad = np.array([[100, 100], [1100, 100], [1100, 1514], [100, 1514]], np.float32)
    transform, (w, _) = cleanup.sheet_transform(quad)
    blur = deblur.through(deblur.Blur(length=10, angle=30, peak=0.1), transform, (600, 800))
    assert blur.length == pytest.approx(10 * (w - 1) / 1000, rel=0.01)
    assert blur.angle == pytest.approx(30, abs=0.5)


def _share_read(words: Sequence[Word], printed: list[str]) -> float:
    read = {w.text.strip(".,:;«»") for w in words}
    return sum(1 for p in printed if p.strip(".,:;«»") in read) / len(printed)


@pytest.mark.ocr
def test_the_shaken_invoice_reads_once_deconvolved(shaken: tuple[np.ndarray, tuple[int, float]],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shot, _ = shaken
    _, printed = _invoice()
    img, steps = cleanup.clean(shot, None)
    assert any(s.startswith(deblur.STEP) for s in steps)
    words = ocr.ocr_words(img)
    text = re.sub(r"\s+", " ", " ".join(w.text for w in words))
    monkeypatch.setattr(deblur, "MIN_PEAK", float("inf"))  # the same photo, its blur left in
    blurred, _ = cleanup.clean(shot, None)
    as_shot = ocr.ocr_words(blurred)
    # measured: 0.97 of the printed words deconvolved, 0.81 as shot (the buyer's BIN read 120560012245)
    assert _share_read(words, printed) >= 0.9
    assert _share_read(words, printed) >= _share_read(as_shot, printed) + 0.1
    assert all(f in text for f in FIGURES)
