"""A scan whose first reading is unsure is read again with local (Sauvola) binarisation and the better
reading kept: a photocopy whose toner ran thin reads its text; a copy whose faint print the local
threshold loses keeps its first reading; a clean page is read once, and so is a photographed sheet
even when its reading is unsure."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from extractors import cleanup, ocr, sauvola
from extractors.pages import ReaderConfig, _clean_and_read
from extractors.raster import render_pdf_page
from fixtures.degrade import phone_photo_effect
from fixtures.eighth.scans import low_light, motion_blur
from fixtures.ninth.scans import degrade_page
from models.pages import Word
from tests.conftest import make_pdf
from tests.extractors.test_pages import LINES

TRUTH = " ".join(LINES)
pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return render_pdf_page(make_pdf(LINES), 0, 200)


def _photocopy(page: np.ndarray, seed: int) -> np.ndarray:
    """The page through the ninth family's photocopier (augraphy), cleaned as the page stage does."""
    out, tr = degrade_page(page, "bad_scan", random.Random(seed), 1)
    assert tr.rotation == 0
    cleaned, _ = cleanup.clean(out, 200.0, orientation=False)
    return cleaned


def _cer(words: tuple[Word, ...]) -> float:
    return Levenshtein.distance(" ".join(w.text for w in words), TRUTH) / len(TRUTH)


def test_a_thin_toner_photocopy_is_read_again_and_reads_its_text(page: np.ndarray) -> None:
    img = _photocopy(page, 44)
    first = ocr.ocr_words(img)
    assert sauvola.needs_second_reading(first)
    words, taken = sauvola.reread(img, first, ocr.LANGUAGES, 60.0)
    assert taken
    assert _cer(words) < 0.05 < _cer(first), (_cer(first), _cer(words))


def test_a_second_reading_that_loses_print_is_not_kept(page: np.ndarray) -> None:
    img = _photocopy(page, 38)
    first = ocr.ocr_words(img)
    assert sauvola.needs_second_reading(first)
    second = ocr.ocr_words(img, thresholding=ocr.SAUVOLA)
    assert _cer(second) > _cer(first)
    assert not sauvola.second_reads_better(first, second)


def test_a_clean_page_is_read_once(page: np.ndarray) -> None:
    first = ocr.ocr_words(page)
    assert _cer(first) < 0.02
    words, taken = sauvola.reread(page, first, ocr.LANGUAGES, 60.0)
    assert not taken and words is first


def test_an_unsure_photographed_sheet_is_read_once() -> None:
    """A dim, motion-blurred phone photo: its trouble is blur, which another threshold does not mend."""
    g = np.random.default_rng(3)
    photo, _ = phone_photo_effect(render_pdf_page(make_pdf(LINES * 4), 0, 200), g, 1)
    photo = low_light(motion_blur(photo, g), g)
    cleaned, steps, words = _clean_and_read(photo, None, ReaderConfig(workers=1))
    assert cleanup.SHEET_STEP in steps and sauvola.STEP not in steps
    assert sauvola.needs_second_reading(words)
    assert words == ocr.ocr_words(cleaned)  # the one reading, not a second one
