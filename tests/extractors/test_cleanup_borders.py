"""The dark scanner background around a sheet (black wedges of a photocopy fed at an angle, a lid's dark
band) is painted paper-white before the page's thresholds are taken, so faint print survives; a clean page,
a punched hole inside the sheet and the print itself are left as they were."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from extractors import borders, cleanup, ocr
from extractors.raster import render_pdf_page
from fixtures.eighth.scans import holes_and_lid
from fixtures.ninth.scans import degrade_page
from tests.conftest import make_pdf
from tests.extractors.test_pages import LINES

TRUTH = " ".join(LINES)


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    """The page at 200 dpi, the ninth family's bad-scan resolution."""
    return render_pdf_page(make_pdf(LINES), 0, 200)


@pytest.fixture(scope="module")
def photocopy(page: np.ndarray) -> np.ndarray:
    """The page through the ninth family's photocopier (augraphy): turned 2° on a black drum, its print
    faded to gray."""
    out, tr = degrade_page(page, "bad_scan", random.Random(19), 1)
    assert tr.skew == 2.0 and tr.rotation == 0
    return out


def _text_band(img: np.ndarray) -> np.ndarray:
    h, w = img.shape
    return img[int(0.05 * h) : int(0.3 * h), int(0.1 * w) : int(0.9 * w)]


def test_the_black_drum_around_a_photocopy_is_painted_and_its_print_kept(photocopy: np.ndarray) -> None:
    painted, label = borders.paint_border(photocopy)
    assert label == borders.STEP
    paper = float(np.percentile(photocopy, 90))
    for edge in (painted[0], painted[-1], painted[:, 0], painted[:, -1]):
        assert float((edge < borders.DARK * paper).mean()) < 0.01
    assert np.array_equal(_text_band(painted), _text_band(photocopy))  # the print is not touched
    # the page's threshold: taken with the border, it lies below the faint print and erases it
    kept = cleanup.clean_background(photocopy.copy(), [])
    cleaned = cleanup.clean_background(painted, [])
    ink = {name: int((_text_band(img) < 160).sum()) for name, img in (("kept", kept), ("painted", cleaned))}
    assert ink["painted"] > 1.5 * ink["kept"], ink


def test_a_clean_page_and_a_punched_hole_are_left_alone(page: np.ndarray) -> None:
    out, label = borders.paint_border(page)
    assert label is None and out is page
    holed = holes_and_lid(page, np.random.default_rng(3))  # two holes near the binding edge, a lid band
    painted, label = borders.paint_border(holed)
    assert label == borders.STEP
    h, w = holed.shape
    hole = (int(h * 0.36), int(w * 0.045))
    assert holed[hole] < 60 and painted[hole] == holed[hole]  # a hole inside the sheet is no border
    assert np.array_equal(_text_band(painted), _text_band(holed))


@pytest.mark.ocr
def test_a_faded_photocopy_fed_at_an_angle_reads_as_its_text(photocopy: np.ndarray) -> None:
    cleaned, steps = cleanup.clean(photocopy, 200.0, orientation=False)
    assert borders.STEP in steps
    kept = cleanup.clean_background(cleanup.normalize_resolution(photocopy, 200.0)[0], [])
    errors = {name: Levenshtein.distance(" ".join(w.text for w in ocr.ocr_words(img)), TRUTH) / len(TRUTH)
              for name, img in (("kept", kept), ("painted", cleaned))}
    assert errors["painted"] < 0.05, errors
    assert errors["painted"] < errors["kept"], errors
