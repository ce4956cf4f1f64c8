"""A PDF shown on a monitor and photographed (the eighth family's own `monitor` and phone effects): the
screen's moiré crosses the sheet with light bands a few lines apart. They are cut out of the spectrum
(`extractors.destripe`, bands at an angle to the text) or divided out (`flatten_bands`) before the
threshold, so the page is not taken for one turned 90° and its text is read; a sheet without bands, even
blurred, is left to the coarse flattening."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import cleanup, destripe, ocr
from extractors.raster import render_pdf_page
from fixtures.degrade import phone_photo_effect
from fixtures.eighth.scans import low_light, monitor, motion_blur
from tests.conftest import dejavu_canvas
from tests.extractors.test_textlines import _contract_page

ROWS = [
    ("Наименование", "Товарищество с ограниченной ответственностью"),
    ("БИН", "121140883470"),
    ("Юридический адрес", "Карагандинская область город Караганда"),
    ("Руководитель", "Сулейменова Асель Кайратовна"),
    ("Код ОКЭД", "22220"),
    ("Вид деятельности", "Производство обрабатывающая промышленность"),
    ("Дата включения в реестр", "20.07.2024"),
    ("Статус", "Действующий"),
]


def _register_extract() -> tuple[bytes, list[str]]:
    """An A4 PDF of a register extract: a title and eight labels with their values; its words."""
    buf, c = dejavu_canvas()
    c.setFont("DejaVu", 14)
    c.drawString(220, 780, "ВЫПИСКА из реестра")
    printed = ["ВЫПИСКА", "из", "реестра"]
    c.setFont("DejaVu", 11)
    y = 730
    for label, value in ROWS:
        c.drawString(60, y, label)
        c.drawString(240, y, value)
        printed += label.split() + value.split()
        y -= 26
    c.showPage()
    c.save()
    return buf.getvalue(), printed


@pytest.fixture(scope="module")
def screen() -> tuple[np.ndarray, list[str]]:
    pdf, printed = _register_extract()
    g = np.random.default_rng(3)
    shot, _ = phone_photo_effect(monitor(render_pdf_page(pdf, 0, 200), g), g, 1)
    return shot, printed


def test_a_photographed_screen_has_its_bands_taken_out(screen: tuple[np.ndarray, list[str]]) -> None:
    _, steps = cleanup.clean(screen[0], None)
    assert destripe.STEP in steps or "flatten-bands" in steps
    assert not any(s.startswith("rotate:") for s in steps)


def test_a_blurred_sheet_without_bands_is_left_alone() -> None:
    pdf, _ = _contract_page()
    g = np.random.default_rng(4)
    shot, _ = phone_photo_effect(render_pdf_page(pdf, 0, 200), g, 1)
    sheet, steps = cleanup.prepare(motion_blur(shot, g), None)
    assert cleanup.SHEET_STEP in steps
    out, label = cleanup.flatten_bands(sheet)
    assert label is None and out is sheet


@pytest.mark.ocr
def test_a_photographed_screen_is_read(screen: tuple[np.ndarray, list[str]]) -> None:
    shot, printed = screen
    img, _ = cleanup.clean(shot, None)
    read = {re.sub(r"[.,«»]", "", w.text) for w in ocr.ocr_words(img)}
    assert sum(1 for w in printed if w in read) / len(printed) >= 0.85


def _dim_shaken_photo(pdf: bytes, seed: int, screen: bool) -> np.ndarray:
    """A full page photographed in dim light with a shaking hand, off a monitor or as a sheet."""
    g = np.random.default_rng(seed)
    page = render_pdf_page(pdf, 0, 200)
    shot, _ = phone_photo_effect(monitor(page, g) if screen else page, g, 1)
    return low_light(motion_blur(shot, g), g)


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_a_dim_shaken_photo_of_a_full_screen_has_its_bands_divided_out(seed: int) -> None:
    """A contract's dense text lines and the sensor's noise share the spectrum with the bands (none holds
    `MIN_BANDS_PEAK` of it); the bands are told by running on into the blank margins."""
    pdf, _ = _contract_page()
    sheet, steps = cleanup.prepare(_dim_shaken_photo(pdf, seed, screen=True), None)
    assert cleanup.SHEET_STEP in steps
    assert cleanup.flatten_bands(sheet)[1] == "flatten-bands"


@pytest.mark.parametrize("seed", [5, 6, 8])
def test_a_dim_shaken_photo_of_a_sheet_is_left_alone(seed: int) -> None:
    pdf, _ = _contract_page()
    sheet, steps = cleanup.prepare(_dim_shaken_photo(pdf, seed, screen=False), None)
    assert cleanup.SHEET_STEP in steps
    out, label = cleanup.flatten_bands(sheet)
    assert label is None and out is sheet


def _nameplate() -> np.ndarray:
    """A machine's nameplate: a gray plate with a dark rim along its edge and six lines of bold print."""
    img = Image.new("L", (1400, 1000), 205)
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((60, 60, 1340, 940), 30, outline=60, width=8, fill=188)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 44)
    for i, text in enumerate(["Canon Inc.", "Плоттер-принтер", "Model: T950", "S/N: 23-7644-M", "Year: 2025",
                              "Made in Japan"]):
        draw.text((700, 170 + i * 110), text, fill=35, font=font, anchor="mt")
    return np.asarray(img)


@pytest.mark.parametrize("seed", [1, 3, 4])
def test_a_photographed_nameplate_is_not_taken_for_bands(seed: int) -> None:
    """Its rim runs along the margins (stronger there than in the middle) and its plate's texture is faint."""
    shot, _ = phone_photo_effect(_nameplate(), np.random.default_rng(seed), 1)
    sheet, steps = cleanup.prepare(shot, None)
    assert cleanup.SHEET_STEP in steps
    assert cleanup.flatten_bands(sheet)[1] is None
