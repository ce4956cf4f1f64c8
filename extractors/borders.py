"""Dark scanner background around the sheet: a scan fed at an angle leaves black wedges in the corners
(the scanner's dark lid or the copier's drum beyond the paper), a lid not closed a dark band along one
edge, a copy of a copy dark speckled edges. Tesseract reads such borders as marks and, worse, they pull
the page's global thresholds towards black: Otsu's threshold between a black wedge and the paper lies
below faint print, so painting the paper white by it erases the text (a photocopied report at 200 dpi:
CER 0.84), and a long dark band along a side turns the projection profiles that decide line direction
(a payment order read turned 90°).

As unpaper's black filter does for OCRmyPDF's `--clean`: ink-dark areas connected to the image's edge are
painted paper-white. Print never reaches the edge of a sheet (printers keep a margin of several
millimetres), so what is dark and touches the edge is not text; a punched hole or a stamp inside the sheet
does not touch it and stays. An area must be large (`MIN_AREA`) to count: a letter cut by the edge of a
cropped picture is left as it is. A few tens of milliseconds on a 300 dpi page."""

from __future__ import annotations

import cv2
import numpy as np

STEP = "dark-border"
DARK = 0.45
"""A pixel is dark when it is below this share of the paper's level (its 90th percentile): black
scanner backgrounds measure 0–40 % of the paper, faint print and a photocopy's gray paper 60 % and more."""
MIN_AREA = 0.002
"""Share of the page a dark area touching the edge must cover to be painted out (a band 2 mm wide along
a short side of A4 is 0.01)."""
GROW = 3
"""Pixels the painted area is grown by (the border's soft edge, the JPEG ringing)."""


def border_mask(img: np.ndarray) -> np.ndarray | None:
    """Mask (255 = border) of the dark areas connected to the image's edge, or None when there is none."""
    paper = float(np.percentile(img[::4, ::4], 90))
    dark = (img < DARK * paper).astype(np.uint8)
    if not dark[0].any() and not dark[-1].any() and not dark[:, 0].any() and not dark[:, -1].any():
        return None
    _, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    h, w = img.shape[:2]
    x, y, bw, bh, area = (stats[:, i] for i in range(5))
    touches = (x == 0) | (y == 0) | (x + bw == w) | (y + bh == h)
    keep = touches & (area >= MIN_AREA * h * w)
    keep[0] = False  # the background label: everything not dark
    if not keep.any():
        return None
    mask = keep[labels].astype(np.uint8) * 255
    return cv2.dilate(mask, np.ones((2 * GROW + 1, 2 * GROW + 1), np.uint8))


def paint_border(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """`img` (gray) with the dark scanner background around the sheet painted the paper's white, and the
    step's label; the page as it was when it has none."""
    mask = border_mask(img)
    if mask is None:
        return img, None
    out = img.copy()
    out[mask > 127] = int(np.percentile(img, 90))
    return out, STEP
