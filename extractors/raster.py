"""Page images: PDF pages rendered with pdfium, image frames loaded with Pillow (EXIF-upright)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageOps

RENDER_DPI = 300


def render_pdf_page(pdf_bytes: bytes, page_index: int, dpi: int = RENDER_DPI) -> np.ndarray:
    """Grayscale uint8 image of a PDF page at `dpi`."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        page = pdf[page_index]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        arr = bitmap.to_numpy().copy()
        page.close()
    finally:
        pdf.close()
    if arr.ndim == 3:
        arr = arr[:, :, 0]
    return arr


def load_image_frame(data: bytes, frame: int) -> tuple[np.ndarray, float | None]:
    """Grayscale frame of an image file, turned upright by its EXIF orientation, with its dpi if known."""
    with Image.open(io.BytesIO(data)) as im:
        if frame:
            im.seek(frame)
        dpi = im.info.get("dpi")
        upright = ImageOps.exif_transpose(im) if frame == 0 else im
        gray = upright.convert("L")
        arr = np.asarray(gray, dtype=np.uint8).copy()
    x_dpi = float(dpi[0]) if dpi and dpi[0] else None
    return arr, x_dpi
