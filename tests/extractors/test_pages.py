"""Pages stage with real Tesseract on real rasters: text layer, OCR, orientation, skew, cache."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from extractors.cache import DiskCache
from extractors.pages import ReaderConfig, read_pages
from extractors.raster import render_pdf_page
from intake.files import inspect
from intake.limits import Limits
from models.vocab import PageSource
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
SERIAL = ReaderConfig(workers=1)


def _read(name: str, data: bytes, config: ReaderConfig = SERIAL, cache: DiskCache | None = None):
    files = list(inspect(name, data, Limits()))
    return read_pages(files, config, cache)


def _encode(img: np.ndarray, ext: str, **params: int) -> bytes:
    flags = [cv2.IMWRITE_JPEG_QUALITY, params["quality"]] if "quality" in params else []
    ok, buf = cv2.imencode(ext, img, flags)
    assert ok
    return buf.tobytes()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf(LINES)


@pytest.fixture(scope="module")
def raster(pdf: bytes) -> np.ndarray:
    return render_pdf_page(pdf, 0, 300)


def test_born_digital_page_uses_its_text_layer(pdf: bytes) -> None:
    (page,) = _read("c.pdf", pdf)
    assert page.source == PageSource.text_layer
    assert "940140000385" in page.text and "Исполнитель" in page.text
    for w in page.words:
        x0, y0, x1, y1 = w.bbox
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    top = next(w for w in page.words if w.text == "ДОГОВОР")
    assert top.bbox[1] < 0.1 and top.line == 0


@pytest.mark.ocr
def test_clean_scan_is_read_by_tesseract(pdf: bytes, raster: np.ndarray) -> None:
    (layer,) = _read("c.pdf", pdf)
    (page,) = _read("scan.png", _encode(raster, ".png"))
    assert page.source == PageSource.ocr
    assert "940140000385" in page.text and "971240001315" in page.text
    assert "Қазақстан" in page.text or "Әуезов" in page.text
    assert page.confidence > 0.8
    # the OCR box of a word lands where the text layer says the word is
    word = next(w for w in page.words if "940140000385" in w.text)
    truth = next(w for w in layer.words if "940140000385" in w.text)
    assert all(abs(a - b) < 0.01 for a, b in zip(word.bbox, truth.bbox, strict=True)), (word.bbox, truth.bbox)


@pytest.mark.ocr
@pytest.mark.parametrize("turn", [cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE])
def test_rotated_and_skewed_jpeg_is_turned_upright(raster: np.ndarray, turn: int) -> None:
    h, w = raster.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), 2.5, 1.0)
    skewed = cv2.warpAffine(raster, m, (w, h), borderValue=255)
    turned = cv2.rotate(skewed, turn)
    (page,) = _read("bad.jpg", _encode(turned, ".jpg", quality=45))
    assert any(s.startswith("rotate:") for s in page.cleanup), page.cleanup
    assert any(s.startswith("deskew:") for s in page.cleanup), page.cleanup
    assert "940140000385" in page.text


@pytest.mark.ocr
def test_garbled_text_layer_is_not_trusted(raster: np.ndarray) -> None:
    """An image-only scan carrying a junk OCR layer is read again with Tesseract."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    png = io.BytesIO()
    Image.fromarray(raster).save(png, "PNG")
    png.seek(0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(png), 0, 0, *A4)
    t = c.beginText(50, 800)
    t.setTextRenderMode(3)
    t.setFont("Helvetica", 10)
    for _ in range(12):
        t.textLine("@#!% ~~^^ ]]|| }{ 0x0 ;;: ,,, ##@ !!1 ^^ %%$ ==+")
    c.drawText(t)
    c.showPage()
    c.save()
    (page,) = _read("old-ocr.pdf", buf.getvalue())
    assert page.source == PageSource.ocr
    assert "940140000385" in page.text


@pytest.mark.ocr
def test_second_read_comes_from_the_cache(tmp_path: Path, raster: np.ndarray) -> None:
    import pytesseract

    data = _encode(raster, ".png")
    cache = DiskCache(tmp_path, "pages")
    (first,) = _read("a.png", data, cache=cache)
    assert len(list(tmp_path.rglob("*.json"))) == 1
    original = pytesseract.pytesseract.tesseract_cmd
    pytesseract.pytesseract.tesseract_cmd = "/nonexistent/tesseract"  # any OCR now fails loudly
    try:
        (again,) = _read("renamed.png", data, cache=cache)
    finally:
        pytesseract.pytesseract.tesseract_cmd = original
    assert again.error is None
    assert again.words == first.words and again.file == "renamed.png"


def test_unreadable_page_is_recorded_not_raised() -> None:
    import pytesseract

    original = pytesseract.pytesseract.tesseract_cmd
    pytesseract.pytesseract.tesseract_cmd = "/nonexistent/tesseract"
    try:
        buf = io.BytesIO()
        Image.fromarray(np.full((400, 300), 255, np.uint8)).save(buf, "PNG")
        (page,) = _read("blank.png", buf.getvalue())
    finally:
        pytesseract.pytesseract.tesseract_cmd = original
    assert page.error is not None and not page.words


def test_a_hanging_tesseract_is_stopped_and_the_page_reported(tmp_path: Path, raster: np.ndarray) -> None:
    """Fault injection: a Tesseract that never returns. The page is recorded unreadable within the limit."""
    import time

    import pytesseract

    hang = tmp_path / "tesseract"
    hang.write_text("#!/bin/sh\nsleep 600\n")
    hang.chmod(0o755)
    original = pytesseract.pytesseract.tesseract_cmd
    pytesseract.pytesseract.tesseract_cmd = str(hang)
    try:
        started = time.monotonic()
        (page,) = _read("scan.png", _encode(raster, ".png"), ReaderConfig(workers=1, page_seconds=2))
        elapsed = time.monotonic() - started
    finally:
        pytesseract.pytesseract.tesseract_cmd = original
    assert page.error is not None and "2 s" in page.error
    assert elapsed < 60


@pytest.mark.ocr
def test_a_wrong_sheet_outline_that_warps_the_text_away_is_read_again_as_photographed(
        raster: np.ndarray, monkeypatch: pytest.MonkeyPatch) -> None:
    """A photo whose sheet outline was found wrong (a fold or a shadow taken for the sheet's edge; the
    fault is injected): the cut-out reads nearly nothing, so the photo is read again without it."""
    from extractors import cleanup

    h, w = raster.shape
    photo = cv2.cvtColor(raster, cv2.COLOR_GRAY2BGR)
    photo[:, :, 0] = (photo[:, :, 0] * 0.85).astype(np.uint8)  # warm light: a colour photo, not a scan
    blank = np.array([[w * 0.80, h * 0.85], [w * 0.98, h * 0.85], [w * 0.98, h * 0.98], [w * 0.80, h * 0.98]],
                     dtype=np.float32)  # a corner of the page with no text on it
    monkeypatch.setattr(cleanup, "find_sheet", lambda _bgr: blank)
    (page,) = _read("photo.jpg", _encode(photo, ".jpg", quality=90), ReaderConfig(workers=1, contained=False))
    assert "sheet-retry" in page.cleanup and cleanup.SHEET_STEP not in page.cleanup
    assert "940140000385" in page.text and "Исполнитель" in page.text
