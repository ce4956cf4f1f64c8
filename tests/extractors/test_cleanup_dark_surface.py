"""A camera picture of a dark machine with a small nameplate: the flattening of the background leaves the
dark casing as it is instead of stretching its sensor noise into specks, and the picture is read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest

from extractors import cleanup, raster
from extractors.pages import ReaderConfig, read_pages
from fixtures.generate import generate_package
from intake.files import inspect
from intake.limits import Limits


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes, str]:
    """A generated camera picture of a plotter (dark casing, nameplate letters 6 px high) as its JPEG file,
    and the serial number its nameplate prints (the technical passport's number in the package's truth)."""
    folder = generate_package(4, "missing_payment_order", "digital_equipment", date(2026, 3, 2),
                              tmp_path_factory.mktemp("gen"), {"*": "born_digital"}, packaging="flat")
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    serial = next(d["fields"]["number"] for f in truth["files"] for d in f["documents"]
                  if d["type"] == "technical_passport")
    path = sorted((folder / "files").glob("IMG_*.jpg"))[0]
    return path.name, Path(path).read_bytes(), serial


def _specks(gray: np.ndarray) -> int:
    """Dark marks of at most 30 px once binarised as Tesseract does by default (Otsu)."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return int((stats[1:, cv2.CC_STAT_AREA] <= 30).sum())


def test_a_dark_casing_is_not_flattened_into_specks(picture: tuple[str, bytes, str]) -> None:
    _, data, _ = picture
    img, dpi = raster.load_image_frame(data, 0)
    cleaned, steps = cleanup.unoriented(img, dpi)
    assert "flatten" in steps and any(s.startswith("upscale") for s in steps), steps
    assert _specks(cleaned) < 5000, _specks(cleaned)


@pytest.mark.ocr
def test_the_nameplate_of_a_dark_machine_is_read(picture: tuple[str, bytes, str]) -> None:
    name, data, serial = picture
    (page,) = read_pages(list(inspect(name, data, Limits())), ReaderConfig(workers=1, page_seconds=60))
    assert page.error is None, page.error
    assert serial in page.text.replace(" ", ""), page.text
