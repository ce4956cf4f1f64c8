"""The page stage sizes a scan by the letters it measures on it, not by the resolution the file states:
real Tesseract on real rasters of a known page."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from extractors import cleanup
from extractors.pages import ReaderConfig, read_pages
from extractors.raster import render_pdf_page
from intake.files import inspect
from intake.limits import Limits
from tests.conftest import make_pdf

LINES = [
    "ДОГОВОР № KZ-2025-0421 на оказание услуг",
    "г. Алматы «07» января 2025 г.",
    "ТОО «Каспий Пласт», БИН 940140000385, именуемое в дальнейшем Заказчик,",
    "и ТОО «Сервис Плюс», БИН 971240001315, именуемое в дальнейшем Исполнитель,",
    "заключили настоящий договор о нижеследующем.",
    "Общая стоимость Договора составляет 5 140 356,48 тенге.",
    "Қазақстан Республикасы, Алматы қаласы, Әуезов ауданы.",
]


@pytest.fixture(scope="module")
def page300() -> np.ndarray:
    """The page as a clean 300 dpi scan (11 pt print)."""
    return render_pdf_page(make_pdf(LINES), 0, 300)


def _png(img: np.ndarray, dpi: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def _shrink(img: np.ndarray, f: float) -> np.ndarray:
    return cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)


def test_text_height_follows_the_print_size(page300: np.ndarray) -> None:
    full = cleanup.text_height(page300)
    assert full is not None and 18 <= full <= 32
    for f in (0.7, 0.45, 0.35):
        small = cleanup.text_height(_shrink(page300, f))
        assert small is not None and abs(small - full * f) <= 2.5, (f, small, full)


def test_blank_page_has_no_text_height() -> None:
    assert cleanup.text_height(np.full((3508, 2480), 245, np.uint8)) is None


def test_small_print_scanned_at_300_dpi_is_enlarged_and_read() -> None:
    # fine print on a page whose file says 300 dpi: letters ~9 px; read at that size Tesseract drops
    # "именуемое в дальнейшем" and the first BIN, and reads KZ as К2
    small = _shrink(render_pdf_page(make_pdf(LINES), 0, 300), 0.35)
    (page,) = read_pages(list(inspect("fine.png", _png(small, 300), Limits())), ReaderConfig(workers=1))
    factor = [float(s.split(":")[1]) for s in page.cleanup if s.startswith("upscale:")]
    assert factor and 2.0 <= factor[0] <= 3.0, page.cleanup
    text = page.text
    for expected in ("KZ-2025-0421", "БИН 940140000385, именуемое в дальнейшем Заказчик", "971240001315",
                     "5 140 356,48", "нижеследующем"):
        assert expected in text, (expected, text)


def test_regular_print_is_read_at_its_own_size(page300: np.ndarray) -> None:
    # a file that says 200 dpi (once enlarged 1.5× for it) but whose letters are large enough is read as it is
    (page,) = read_pages(list(inspect("page.png", _png(page300, 200), Limits())), ReaderConfig(workers=1))
    assert not any(s.startswith("upscale:") for s in page.cleanup), page.cleanup
    assert "940140000385" in page.text and "Заказчик" in page.text


def _tinted(page: np.ndarray) -> np.ndarray:
    """The page with its text printed on a stippled gray tint (a shaded table header), like the
    generator's shaded cells."""
    out = page.copy()
    rows = np.flatnonzero((page < 128).any(axis=1))
    y0, y1 = int(rows[0]) - 40, int(rows[-1]) + 40
    g = np.random.default_rng(3)
    band = out[y0:y1].astype(np.float32)
    tint = 236 + g.normal(0, 9, band.shape)  # light: not enough for `flatten` to take it for shadow
    out[y0:y1] = np.clip(np.minimum(band, tint), 0, 255).astype(np.uint8)
    return out


def test_text_on_a_tint_is_whitened_and_read(page300: np.ndarray) -> None:
    (page,) = read_pages(list(inspect("tint.png", _png(_tinted(page300), 300), Limits())),
                         ReaderConfig(workers=1))
    assert "whiten" in page.cleanup, page.cleanup
    for expected in ("940140000385", "971240001315", "5 140 356,48", "Исполнитель"):
        assert expected in page.text, (expected, page.text)


def test_untinted_page_is_not_whitened(page300: np.ndarray) -> None:
    out, label = cleanup.whiten_shading(page300)
    assert label is None and out is page300
    out, label = cleanup.whiten_shading(_tinted(page300))
    assert label == "whiten" and int(out[page300 > 200].min()) == 255
