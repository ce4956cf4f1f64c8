"""Page images: PDF pages rendered with pdfium, image frames loaded with Pillow (EXIF-upright).

Colour survives loading (a 3-channel BGR array) so that the clean-up can find a photographed sheet on
a table and drop blue/violet stamps by colour; gray sources stay 2-D.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageOps

from extractors.pdfium_lock import PDFIUM

RENDER_DPI = 300


MAX_RENDER_PIXELS = 60_000_000
"""A page that claims a huge size (a hostile or broken MediaBox) is rendered at a lower resolution."""


def safe_scale(width_pt: float, height_pt: float) -> float:
    """The largest scale (pixels per point) that keeps a page's raster under MAX_RENDER_PIXELS."""
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    return float((MAX_RENDER_PIXELS / area) ** 0.5) * 0.999  # pdfium rounds the raster size up


MAX_IMAGE_DPI = 600.0
"""Highest resolution a page that is one big image is rendered at to keep its pixels 1:1 (a 600 dpi scan;
a finer one is brought down to this)."""


def scanned_page_dpi(image_dpi: float | None, dpi: float = RENDER_DPI) -> float:
    """The resolution to render a page that is one big image at: the image's own (its pixels come out
    1:1, neither enlarged nor shrunk by the page size it was placed on — a phone photo on a page of
    72 dpi is rendered at 72, not 300), at most `MAX_IMAGE_DPI`; `dpi` when the image's is unknown. The
    clean-up then enlarges small text by its measured size, as for an image file. OCRmyPDF rasterises a
    page at its images' resolution too."""
    if image_dpi is None or image_dpi <= 0:
        return float(dpi)
    return min(image_dpi, MAX_IMAGE_DPI)


def render_pdf_page(
    pdf_bytes: bytes, page_index: int, dpi: float = RENDER_DPI, *, color: bool = False
) -> np.ndarray:
    """Grayscale (or BGR with `color`) uint8 image of a PDF page at `dpi`."""
    with PDFIUM:
        return _render(pdf_bytes, page_index, dpi, color)


def _render(pdf_bytes: bytes, page_index: int, dpi: float, color: bool) -> np.ndarray:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        page = pdf[page_index]
        width_pt, height_pt = page.get_size()
        scale = min(dpi / 72, safe_scale(width_pt, height_pt))
        bitmap = page.render(scale=scale, grayscale=not color)
        arr = bitmap.to_numpy().copy()
        page.close()
    finally:
        pdf.close()
    if arr.ndim == 3 and not color:
        arr = arr[:, :, 0]
    elif arr.ndim == 3 and arr.shape[2] == 4:
        arr = np.ascontiguousarray(arr[:, :, :3])
    return arr


def load_image_frame(data: bytes, frame: int, *, color: bool = True) -> tuple[np.ndarray, float | None]:
    """A frame of an image file turned upright by its EXIF orientation (every frame: a phone's MPO
    carries one per frame), with its dpi if known.

    BGR uint8 when the frame is in colour (and `color`), else 2-D grayscale.
    """
    with Image.open(io.BytesIO(data)) as im:
        if frame:
            im.seek(frame)
        dpi = im.info.get("dpi")
        upright = to_display_mode(ImageOps.exif_transpose(im))
        if color and upright.mode == "RGB":
            rgb = np.asarray(upright, dtype=np.uint8)
            arr = np.ascontiguousarray(rgb[:, :, ::-1])
            if _is_gray(arr):
                arr = np.ascontiguousarray(arr[:, :, 1])
        else:
            arr = np.asarray(upright.convert("L"), dtype=np.uint8).copy()
    x_dpi = float(dpi[0]) if dpi and dpi[0] else None
    return arr, x_dpi


def to_display_mode(im: Image.Image) -> Image.Image:
    """8-bit `L` or `RGB`. A 16- or 32-bit grayscale frame is scaled to 8 bits by its range (Pillow's
    own conversion clips every value over 255 to white)."""
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        top = 65535.0 if im.mode.startswith("I;16") else max(255.0, float(arr.max(initial=0)))
        low = min(0.0, float(arr.min(initial=0)))
        scaled = (arr - low) * (255.0 / max(top - low, 1.0))
        return Image.fromarray(np.clip(scaled + 0.5, 0, 255).astype(np.uint8), mode="L")
    if im.mode in ("RGB", "RGBA", "P", "CMYK", "YCbCr", "LAB", "HSV", "PA", "RGBX", "RGBa"):
        return im.convert("RGB")
    return im.convert("L")


def _is_gray(bgr: np.ndarray) -> bool:
    """A colour-coded image whose channels agree (a gray scan saved as RGB)."""
    small = bgr[::8, ::8].astype(np.int16)
    spread = small.max(axis=2) - small.min(axis=2)
    return float(np.percentile(spread, 99.5)) < 12
