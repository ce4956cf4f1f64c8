"""De-striping of pages photographed off a monitor: moiré bands at an angle to the text are found in the
spectrum and cut out; a page without them is left as it was."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from extractors import cleanup, descreen, destripe, ocr
from extractors.raster import render_pdf_page
from fixtures.degrade import bad_scan_effect
from fixtures.eighth.scans import halftone_copy
from tests.conftest import make_pdf
from tests.extractors.test_pages import LINES

TRUTH = " ".join(LINES)


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return render_pdf_page(make_pdf(LINES), 0, 300)


def _striped(page: np.ndarray, degrees: float, period: float, depth: float = 0.3) -> np.ndarray:
    """The page as a monitor's moiré shows it: light and dark bands `period` px apart, turned `degrees`
    from the lines of text, dimming the page by up to `depth`; a little sensor noise."""
    h, w = page.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = np.radians(degrees)
    bands = 0.5 + 0.5 * np.sin((xx * np.sin(a) + yy * np.cos(a)) * 2 * np.pi / period)
    out = page.astype(np.float32) * (1 - depth * bands) * 0.85 + 10
    out += np.random.default_rng(7).normal(0, 4, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


def _top(img: np.ndarray) -> np.ndarray:
    """The part of the test page that holds its lines (OCR of the blank rest costs time, proves nothing)."""
    return img[: int(img.shape[0] * 0.22)]


@pytest.mark.parametrize(("degrees", "period"), [(12.0, 38.0), (-17.0, 24.0), (20.0, 15.0)])
def test_stripes_at_an_angle_are_found_and_cut_out(page: np.ndarray, degrees: float, period: float) -> None:
    striped = _striped(page, degrees, period)
    peak = destripe.stripe_peak(striped)
    assert peak is not None
    assert abs(np.hypot(*peak) - 1 / period) < 0.1 / period  # the bands' own frequency
    out, label = destripe.destripe(striped)
    assert label == destripe.STEP and out.shape == striped.shape
    assert destripe.stripe_peak(out) is None
    # the paper is even again (the bands' light and dark rows no longer differ) and the letters stay
    paper = page > 250
    a = np.radians(degrees)
    yy, xx = np.mgrid[0 : page.shape[0], 0 : page.shape[1]]
    dark = np.sin((xx * np.sin(a) + yy * np.cos(a)) * 2 * np.pi / period) > 0.7
    assert float(striped[paper & ~dark].mean()) - float(striped[paper & dark].mean()) > 25
    assert abs(float(out[paper & ~dark].mean()) - float(out[paper & dark].mean())) < 8
    ink = cv2.erode((page < 80).astype(np.uint8), np.ones((2, 2), np.uint8)).astype(bool)
    assert float(out[ink].mean()) < float(out[paper].mean()) - 60


def test_pages_without_stripes_are_left_unchanged(page: np.ndarray) -> None:
    h, w = page.shape
    ruled = page.copy()
    for y in range(h // 3, 2 * h // 3, 40):  # a table: rulings every 40 px, a shaded header
        ruled[y : y + 2, w // 8 : 7 * w // 8] = 0
    ruled[h // 3 : h // 3 + 40, w // 8 : 7 * w // 8] //= 2
    tilted = cv2.warpAffine(ruled, cv2.getRotationMatrix2D((w / 2, h / 2), 5.0, 1.0), (w, h), borderValue=255)
    scanned, _ = bad_scan_effect(page, np.random.default_rng(3), 1)
    g = np.random.default_rng(1)
    copy = cv2.GaussianBlur(halftone_copy(page, g), (0, 0), 1.1)
    screened, _ = descreen.descreen(copy)
    for img in (page, ruled, tilted, scanned, screened):
        out, label = destripe.destripe(img)
        assert label is None and out is img
    _, steps = cleanup.clean(scanned, 300.0, orientation=False)
    assert destripe.STEP not in steps


@pytest.mark.ocr
def test_a_destriped_page_reads_closer_to_its_text(page: np.ndarray) -> None:
    striped = _striped(page, 14.0, 36.0, depth=0.5)
    kept = cleanup.clean_background(striped, [])  # the same clean-up with the stripes left in
    cut, steps = cleanup.clean(striped, 300.0, orientation=False)
    assert destripe.STEP in steps
    kept_errors = Levenshtein.distance(" ".join(w.text for w in ocr.ocr_words(_top(kept))), TRUTH)
    cut_errors = Levenshtein.distance(" ".join(w.text for w in ocr.ocr_words(_top(cut))), TRUTH)
    assert cut_errors < kept_errors, (cut_errors, kept_errors)
    assert cut_errors / len(TRUTH) < 0.05, cut_errors
