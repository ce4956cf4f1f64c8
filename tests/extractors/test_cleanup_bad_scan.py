"""Clean-up of poor office scans: scanner streaks painted out, low-resolution scans enlarged by their
stated dpi."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from extractors import cleanup
from extractors.pages import ReaderConfig, read_pages
from extractors.raster import render_pdf_page
from intake.files import inspect
from intake.limits import Limits
from tests.conftest import make_pdf
from tests.extractors.test_pages import LINES


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf(LINES)


def _streaked(page: np.ndarray, columns: list[tuple[int, int]]) -> np.ndarray:
    """Dark lines from the sheet's top edge to its bottom edge, as dirt on a scanner's glass draws them."""
    out = page.copy()
    for x, width in columns:
        out[:, x : x + width] = (out[:, x : x + width] * 0.4).astype(np.uint8)
    return out


def _text_columns(page: np.ndarray) -> list[int]:
    """Pixel columns that cross printed letters."""
    return [int(x) for x in np.flatnonzero((page < 100).sum(axis=0) > 20)]


def test_streaks_through_the_text_are_painted_out_and_the_letters_kept(pdf: bytes) -> None:
    page = render_pdf_page(pdf, 0, 300)
    across = _text_columns(page)
    columns = [(across[len(across) // 3], 4), (across[2 * len(across) // 3], 7)]
    out, label = cleanup.remove_streaks(_streaked(page, columns))
    assert label == "streaks:2"
    for x, width in columns:
        lighter = np.maximum(page[:, x - 2], page[:, x + width + 1])
        assert np.array_equal(out[:, x + width // 2], lighter)  # paper white, crossing strokes bridged
        assert (out[:, x : x + width] < 128).mean() < 0.05
    untouched = np.ones(page.shape[1], bool)
    for x, width in columns:
        untouched[x - 1 : x + width + 1] = False
    assert np.array_equal(out[:, untouched], page[:, untouched])


def test_a_ruling_inside_the_margins_and_a_dark_border_are_not_streaks(pdf: bytes) -> None:
    page = render_pdf_page(pdf, 0, 300).copy()
    h, w = page.shape
    page[int(0.08 * h) : int(0.92 * h), w // 2 : w // 2 + 3] = 0  # a table's ruling, margins kept clear
    page[:, w - 60 :] = 30  # the scanner lid's dark band along the edge
    out, label = cleanup.remove_streaks(page)
    assert label is None and out is page


def test_a_scan_stated_at_150_dpi_is_brought_to_300_dpi(pdf: bytes) -> None:
    page = cv2.GaussianBlur(render_pdf_page(pdf, 0, 150), (0, 0), 1.2)
    out, label = cleanup.normalize_resolution(page, 150.0)
    assert label == "upscale:2.00"
    assert out.shape[0] == 2 * page.shape[0]
    _, label = cleanup.normalize_resolution(render_pdf_page(pdf, 0, 300), 300.0)
    assert label is None


def test_a_page_is_never_enlarged_past_a4_at_600_dpi(pdf: bytes) -> None:
    small = render_pdf_page(pdf, 0, 100)  # small letters in a large picture, as a sheet far from the camera
    h, w = small.shape
    big = cv2.copyMakeBorder(small, 0, 6000 - h, 0, 4500 - w, cv2.BORDER_CONSTANT, value=255)
    out, label = cleanup.normalize_resolution(big, None)
    assert label == f"upscale:{cleanup.MAX_ENLARGED_SIDE / 6000:.2f}"
    assert max(out.shape) <= cleanup.MAX_ENLARGED_SIDE
    bigger = cv2.copyMakeBorder(small, 0, 7100 - h, 0, 5000 - w, cv2.BORDER_CONSTANT, value=255)
    out, label = cleanup.normalize_resolution(bigger, None)
    assert label is None and out is bigger


def _png(img: np.ndarray, dpi: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


@pytest.mark.ocr
def test_a_streaked_150_dpi_scan_reads_its_numbers(pdf: bytes) -> None:
    page = render_pdf_page(pdf, 0, 150)
    across = _text_columns(page)
    columns = [(across[k * len(across) // 5], 2) for k in range(1, 5)]
    scan = cv2.GaussianBlur(_streaked(page, columns), (0, 0), 0.9)
    (read,) = read_pages(list(inspect("scan.png", _png(scan, 150), Limits())), ReaderConfig(workers=1))
    assert "upscale:2.00" in read.cleanup and "streaks:4" in read.cleanup, read.cleanup
    truth = " ".join(LINES)
    text = " ".join(w.text for w in read.words)
    assert Levenshtein.distance(text, truth) / len(truth) < 0.02, text  # streaks left in: 0.05
    for expected in ("940140000385", "971240001315", "5 140 356,48"):
        assert expected in read.text, (expected, read.text)
