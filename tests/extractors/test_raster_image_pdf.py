"""A PDF page that is one big image is rendered at the image's own resolution: a phone photo placed on a
page of 72 dpi comes out with the photo's pixels, not enlarged 4×; a scan keeps its scanner's pixels; a
page without an image is rendered at the configured 300 dpi."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from extractors import pages, raster, textlayer
from extractors.pages import PageTask, ReaderConfig
from fixtures import degrade


def _photo(w: int = 1200, h: int = 1600) -> Image.Image:
    """A colour picture with structure (a gradient and bars), so that a resampled copy differs from it."""
    yy, xx = np.mgrid[0:h, 0:w]
    rgb = np.stack([(xx * 255 // w), (yy * 255 // h), ((xx // 7 + yy // 5) % 2) * 200], axis=2)
    return Image.fromarray(rgb.astype(np.uint8), "RGB")


def _raster_of(pdf: bytes) -> tuple[np.ndarray, float]:
    layer = textlayer.read_layer(pdf, 0)
    return pages.page_raster(PageTask("p.pdf", "x", "application/pdf", 0, pdf), layer, ReaderConfig())


def test_a_phone_photo_placed_at_72_dpi_is_rendered_one_to_one() -> None:
    photo = _photo()
    pdf = degrade.image_pdf([photo], 90, dpi=72)
    img, dpi = _raster_of(pdf)
    assert dpi == 72
    assert img.shape == (1600, 1200, 3)
    # pixel for pixel the photo's own (JPEG-compressed) pixels
    jpeg = io.BytesIO()
    photo.save(jpeg, "JPEG", quality=90)
    own = np.asarray(Image.open(jpeg).convert("RGB"))[:, :, ::-1].astype(np.int16)
    assert float(np.abs(img.astype(np.int16) - own).mean()) < 2.0


def test_a_scan_keeps_its_scanners_resolution_and_a_finer_one_is_capped() -> None:
    gray = _photo().convert("L")
    img, dpi = _raster_of(degrade.image_pdf([gray], 85, dpi=150))
    assert dpi == 150 and img.shape[:2] == (1600, 1200)
    img, dpi = _raster_of(degrade.image_pdf([gray], 85, dpi=1200))
    assert dpi == raster.MAX_IMAGE_DPI and img.shape[:2] == (800, 600)


def test_a_page_without_an_image_is_rendered_at_the_configured_dpi() -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    img, dpi = _raster_of(buf.getvalue())
    assert dpi == ReaderConfig().dpi
    h, w = img.shape[:2]
    assert abs(h - 842 * 300 / 72) <= 1 and abs(w - 595 * 300 / 72) <= 1
