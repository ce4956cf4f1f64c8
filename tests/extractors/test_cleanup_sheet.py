"""Sheet detection on phone photos: a sheet filling the frame is not cut down to its brightest part."""

from __future__ import annotations

import cv2
import numpy as np

from extractors.cleanup import find_sheet


def _page_with_text(h: int = 2000, w: int = 1414) -> np.ndarray:
    img = np.full((h, w, 3), 235, np.uint8)
    for y in range(150, h - 150, 60):
        cv2.putText(img, "Pokupatel ne imeet pretenziy k oborudovaniyu 7 867 399,15", (80, y),
                    cv2.FONT_HERSHEY_SIMPLEX, 1.2, (40, 40, 40), 2)
    return img


def test_a_sheet_filling_the_frame_with_a_shadow_is_not_cropped() -> None:
    """The upper third of a frame-filling sheet in shadow: the bright rest touches three edges of the
    picture, which a sheet lying on a table does not."""
    img = _page_with_text().astype(np.float32)
    h = img.shape[0]
    shade = np.ones(h, np.float32)
    shade[: h // 3] = 0.55
    shade = cv2.GaussianBlur(shade.reshape(-1, 1), (1, 151), 0).ravel()
    img = (img * shade[:, None, None]).clip(0, 255).astype(np.uint8)
    assert find_sheet(img) is None


def test_a_sheet_on_a_table_is_found() -> None:
    table = np.zeros((2400, 1900, 3), np.uint8)
    table[:] = (40, 70, 110)  # brown wood
    page = _page_with_text(1700, 1200)
    quad = np.float32([[350, 300], [1550, 360], [1500, 2100], [300, 2050]])
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [1200, 0], [1200, 1700], [0, 1700]]), quad)
    warped = cv2.warpPerspective(page, m, (1900, 2400))
    mask = cv2.warpPerspective(np.full((1700, 1200), 255, np.uint8), m, (1900, 2400)) > 0
    table[mask] = warped[mask]
    found = find_sheet(table)
    assert found is not None
    assert np.abs(found - quad).max() < 40


def test_a_brighter_patch_of_a_shaded_scan_is_not_a_sheet() -> None:
    """A gray scan lit unevenly: its brightest patch has a clean outline but no step to a background."""
    img = _page_with_text().astype(np.float32)
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = np.where((xx > 0.5 * w) & (yy < 0.75 * h), 1.0, 0.7).astype(np.float32)
    light = cv2.GaussianBlur(light, (0, 0), 60)
    img = (img * light[..., None]).clip(0, 255).astype(np.uint8)
    assert find_sheet(img) is None
