"""A phone photo whose shadow cuts a corner of the sheet: the paper's bright area is then no clean
quadrilateral, and the sheet is found from its four straight edges, unwarped and read. Real Tesseract on a
generated waybill photographed by the fixture generator's own phone-photo effect, scored against the
generator's truth."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors import cleanup, pages
from extractors.pages import PageTask, ReaderConfig
from fixtures import degrade
from tests.extractors.generated_waybill import generated_waybill

SHADOW_SEED = 5
"""The effect's draw for which the shadow over the top-left corner cuts the paper mask of this page."""
CHORD_SEED = 1
"""The draw for which the bright area's outline is a clean quadrilateral with the shadow's edge for a side."""


@pytest.fixture(scope="module")
def waybill(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, dict]:
    """The generator's waybill page (300 dpi) and its fields from the generator's truth."""
    pdf, fields = generated_waybill(tmp_path_factory.mktemp("gen"), 5, "digital_equipment")
    return degrade.rasterize(pdf)[0], fields


def _photograph(page: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(the phone photo, the sheet's true corners in its pixels)."""
    img, tr = degrade.phone_photo_effect(page, np.random.default_rng(seed), 1)
    h, w = img.shape[:2]
    return img, np.array(tr.corners, np.float32) * np.array([w, h], np.float32)


@pytest.fixture(scope="module")
def photo(waybill: tuple[np.ndarray, dict]) -> tuple[np.ndarray, np.ndarray, dict]:
    """(the photo, the sheet's true corners in its pixels, the generator's fields of the waybill)."""
    img, corners = _photograph(waybill[0], SHADOW_SEED)
    return img, corners, waybill[1]


def _outline_of_paper_area(img: np.ndarray) -> np.ndarray | None:
    h, w = img.shape[:2]
    scale = cleanup.SHEET_SEARCH_PX / max(h, w)
    small = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    whiteness, paper = cleanup.paper_mask(small)
    quad = cleanup.sheet_from_mask(whiteness, paper)
    return None if quad is None else quad / scale


def test_the_shadow_cuts_the_paper_area_and_the_sheet_is_still_found(
    photo: tuple[np.ndarray, np.ndarray, dict],
) -> None:
    img, corners, _ = photo
    assert _outline_of_paper_area(img) is None  # the bright area alone does not give it
    quad = cleanup.find_sheet(img)
    assert quad is not None
    assert float(np.abs(quad - corners).max()) < 0.01 * max(img.shape[:2])


def test_a_shadow_edge_across_the_paper_is_not_taken_for_a_side(waybill: tuple[np.ndarray, dict]) -> None:
    img, corners = _photograph(waybill[0], CHORD_SEED)
    size = max(img.shape[:2])
    outline = _outline_of_paper_area(img)
    assert outline is not None and float(np.abs(outline - corners).max()) > 0.1 * size  # a part of it
    quad = cleanup.find_sheet(img)
    assert quad is not None
    assert float(np.abs(quad - corners).max()) < 0.01 * size


@pytest.mark.ocr
def test_the_shadowed_photo_is_unwarped_and_its_title_and_bins_read(
    photo: tuple[np.ndarray, np.ndarray, dict],
) -> None:
    img, _, fields = photo
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    task = PageTask("photo.jpg", "x", "image/jpeg", 0, buf.tobytes())
    page = pages.read_page(task, ReaderConfig(workers=1))
    assert "perspective" in page.cleanup, page.cleanup
    text = page.text.replace(" ", "")
    assert fields["number"] in text, page.text
    for party in fields["parties"]:
        assert party["bin"] in text, (party["bin"], page.text)
