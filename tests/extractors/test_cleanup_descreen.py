"""De-screening of photocopies of copies: a halftone dot screen is found in the spectrum and cut out;
a page without one is left as it was."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from extractors import cleanup, descreen, ocr
from extractors.raster import render_pdf_page
from fixtures.degrade import bad_scan_effect
from fixtures.eighth.scans import halftone_copy
from models.pages import mean_confidence
from tests.conftest import make_pdf
from tests.extractors.test_pages import LINES

TRUTH = " ".join(LINES)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf(LINES)


def _jpeg(img: np.ndarray, quality: int = 40) -> np.ndarray:
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)


def _top(page: np.ndarray) -> np.ndarray:
    """The part of the test page that holds its lines (OCR of the blank rest costs time, proves nothing)."""
    return page[: int(page.shape[0] * 0.22)]


def _copied(page: np.ndarray, seed: int) -> np.ndarray:
    """The page photocopied from a copy (the generator's dot screen and moiré), rescanned grey, noisy
    and blurred, saved as a JPEG."""
    g = np.random.default_rng(seed)
    copy = halftone_copy(page, g).astype(np.float32) * 0.85
    copy += g.normal(0, 14, copy.shape).astype(np.float32)
    return _jpeg(cv2.GaussianBlur(np.clip(copy, 0, 255).astype(np.uint8), (0, 0), 1.1))


def _screen_energy(img: np.ndarray, peaks: list[tuple[float, float]]) -> float:
    """Spectral magnitude at the given frequencies (cycles per pixel) of the page's central square."""
    n = descreen.PROBE_PX
    h, w = img.shape
    square = img[(h - n) // 2 : (h + n) // 2, (w - n) // 2 : (w + n) // 2].astype(np.float32)
    spec = np.abs(np.fft.fft2(square - square.mean()))
    return float(sum(spec[round(fy * n) % n, round(fx * n) % n] for fy, fx in peaks))


def test_a_halftone_copy_is_found_and_its_screen_cut_out(pdf: bytes) -> None:
    page = render_pdf_page(pdf, 0, 200)
    for seed in range(3):
        copy = _copied(page, seed)
        peaks = descreen.screen_peaks(copy)
        assert len(peaks) == 2
        (ay, ax), (by, bx) = peaks
        assert abs(ay * by + ax * bx) < 0.1 * np.hypot(ay, ax) * np.hypot(by, bx)  # at right angles
        out, label = descreen.descreen(copy)
        assert label == descreen.STEP and out.shape == copy.shape
        assert _screen_energy(out, peaks) < 0.2 * _screen_energy(copy, peaks)
        assert descreen.screen_peaks(out) == []
        # the letters stay where they were: the ink of the clean page is ink after de-screening
        ink = cv2.erode((page < 80).astype(np.uint8), np.ones((2, 2), np.uint8)).astype(bool)
        assert float(out[ink].mean()) < float(out[~ink].mean()) - 60


def test_pages_without_a_screen_are_left_unchanged(pdf: bytes) -> None:
    page = render_pdf_page(pdf, 0, 200)
    plain = _jpeg(cv2.GaussianBlur(page, (0, 0), 1.1))
    h, w = page.shape
    ruled = page.copy()
    for y in range(h // 3, 2 * h // 3, 40):  # a table: rulings, a shaded header
        ruled[y : y + 2, w // 8 : 7 * w // 8] = 0
    ruled[h // 3 : h // 3 + 40, w // 8 : 7 * w // 8] //= 2
    scanned, _ = bad_scan_effect(page, np.random.default_rng(3), 1)
    for img in (page, plain, ruled, _jpeg(scanned, 35)):
        out, label = descreen.descreen(img)
        assert label is None and out is img
    _, steps = cleanup.clean(plain, 200.0, orientation=False)
    assert descreen.STEP not in steps


@pytest.mark.ocr
def test_a_descreened_copy_reads_closer_to_its_text(pdf: bytes) -> None:
    page = _top(render_pdf_page(pdf, 0, 200))
    kept_errors = cut_errors = 0
    kept_conf: list[float] = []
    cut_conf: list[float] = []
    for seed in range(3):
        copy = _copied(page, seed)
        kept, _ = cleanup.normalize_resolution(copy, 200.0)
        kept = cleanup.clean_background(kept, [])  # the same clean-up with the screen left in
        cut, steps = cleanup.clean(copy, 200.0, orientation=False)
        assert steps[0] == descreen.STEP
        for img, conf in ((kept, kept_conf), (cut, cut_conf)):
            words = ocr.ocr_words(img)
            errors = Levenshtein.distance(" ".join(w.text for w in words), TRUTH)
            conf.append(mean_confidence(words))
            if img is kept:
                kept_errors += errors
            else:
                cut_errors += errors
    assert cut_errors < kept_errors, (cut_errors, kept_errors)
    assert cut_errors / (3 * len(TRUTH)) < 0.01
    assert np.mean(cut_conf) > np.mean(kept_conf)
