"""Background clean-up is chosen by what the page needs: an unevenly lit scan is flattened and its paper
then painted white; an evenly lit clean scan is left as it is. Real Tesseract on real rasters of a known
page, scored against the text the page was made from."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from extractors import cleanup
from extractors.pages import ReaderConfig, read_pages
from extractors.raster import render_pdf_page
from fixtures import degrade
from intake.files import inspect
from intake.limits import Limits
from tests.conftest import make_pdf
from tests.extractors.test_pages import LINES


@pytest.fixture(scope="module")
def page300() -> np.ndarray:
    return render_pdf_page(make_pdf(LINES), 0, 300)


def _uneven(page: np.ndarray, seed: int = 7) -> np.ndarray:
    """The page under uneven light with sensor noise, as the generator's bad scan shades it (no skew)."""
    g = np.random.default_rng(seed)
    h, w = page.shape
    light = cv2.resize(g.uniform(0.72, 1.0, size=(6, 8)).astype(np.float32), (w, h),
                       interpolation=cv2.INTER_CUBIC)
    arr = page.astype(np.float32) * light * (215 / 255) + g.normal(0, 14, page.shape)
    return cv2.GaussianBlur(np.clip(arr, 0, 255).astype(np.uint8), (0, 0), 1.0)


def _png(img: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "PNG", dpi=(300, 300))
    return buf.getvalue()


def test_flattened_paper_is_painted_white_and_the_ink_kept(page300: np.ndarray) -> None:
    flat, label = cleanup.flatten_background(_uneven(page300))
    assert label == "flatten"
    out, label = cleanup.whiten_paper(flat)
    assert label == "paper-white"
    paper = cv2.erode((page300 > 250).astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
    ink = page300 < 60
    assert float((flat[paper] == 255).mean()) < 0.9  # the noise flattening leaves on the paper …
    assert float((out[paper] == 255).mean()) > 0.99  # … is gone
    assert np.array_equal(out[ink & (flat < 128)], flat[ink & (flat < 128)])  # ink untouched


@pytest.mark.ocr
def test_unevenly_lit_scan_is_flattened_whitened_and_read(page300: np.ndarray) -> None:
    (page,) = read_pages(list(inspect("uneven.png", _png(_uneven(page300)), Limits())),
                         ReaderConfig(workers=1))
    assert "flatten" in page.cleanup and "paper-white" in page.cleanup, page.cleanup
    assert "whiten" not in page.cleanup, page.cleanup
    for expected in ("KZ-2025-0421", "940140000385", "971240001315", "5 140 356,48", "Исполнитель"):
        assert expected in page.text, (expected, page.text)


def test_evenly_lit_clean_scan_gets_no_background_step(page300: np.ndarray) -> None:
    clean, _ = degrade.scan_effect(page300, np.random.default_rng(5), 1)
    steps: list[str] = []
    out = cleanup.clean_background(clean, steps)
    assert steps == [] and out is clean
