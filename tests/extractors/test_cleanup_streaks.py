"""A page streaked all over (a copier's dirty drum: dozens of faint lines a few pixels apart, through the
text) is brought to white column by column and reads as its text; a page without such streaks, or with
one dark band beside it, is left as it was."""

from __future__ import annotations

import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from extractors import cleanup, ocr, streaks
from extractors.raster import render_pdf_page
from tests.conftest import make_pdf
from tests.extractors.test_pages import LINES

TRUTH = " ".join(LINES)


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    full = render_pdf_page(make_pdf(LINES), 0, 200)
    return full[: int(full.shape[0] * 0.22)]


def _streaked(page: np.ndarray, seed: int) -> np.ndarray:
    """Grey lines 1–3 px wide, 1–4 px apart, across the whole page, each 30–110 levels dark, fading along
    its length."""
    g = np.random.default_rng(seed)
    out = page.astype(np.float32)
    h, w = page.shape
    x = int(g.integers(0, 6))
    fade = np.linspace(1.0, 0.7, h, dtype=np.float32)[:, None]
    while x < w:
        width = int(g.integers(1, 4))
        out[:, x: x + width] -= float(g.uniform(30, 110)) * fade
        x += width + int(g.integers(1, 5))
    return np.clip(out, 0, 255).astype(np.uint8)


def test_a_streaked_page_is_lifted_and_a_clean_one_left_alone(page: np.ndarray) -> None:
    lifted, label = streaks.lift_streaks(_streaked(page, 1))
    assert label == streaks.STEP
    assert float(np.median(lifted)) == 255.0
    out, label = streaks.lift_streaks(page)
    assert label is None and out is page
    band = page.copy()
    band[:, : page.shape[1] // 5] //= 3  # a dark desk beside the sheet: one broad band, no streaks
    out, label = streaks.lift_streaks(band)
    assert label is None and out is band


@pytest.mark.ocr
def test_a_streaked_page_reads_as_its_text_once_lifted(page: np.ndarray) -> None:
    dirty = _streaked(page, 2)
    kept = cleanup.clean_background(cleanup.normalize_resolution(dirty, 200.0)[0], [])
    lifted, steps = cleanup.clean(dirty, 200.0, orientation=False)
    assert streaks.STEP in steps
    errors = {name: Levenshtein.distance(" ".join(w.text for w in ocr.ocr_words(img)), TRUTH)
              for name, img in (("kept", kept), ("lifted", lifted))}
    assert errors["lifted"] < errors["kept"], errors
    assert errors["lifted"] / len(TRUTH) < 0.05, errors
