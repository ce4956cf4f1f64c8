"""Horizontal rulings of a page image: the lines a table's rows are drawn between.

A table whose cells wrap onto two or three lines, or that a stamp is printed over, may leave no white
space between its rows, but the ruled line between them is still there. The reading order cuts a table
at its rulings into rows (`extractors.reading_order`). Found by a morphological opening of the ink with
a long flat kernel: what survives is ink that runs straight and level for at least `MIN_LENGTH` of the
page width — rulings, not letters.
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_LENGTH = 0.05
"""Shortest ruling as a share of the page width (≈ 1 cm on A4 portrait: longer than a letter's stroke)."""
MAX_THICKNESS = 12
"""Thickest ruling in pixels at 300 dpi, its ink's area over its length (a bar or a filled box is not a
ruling)."""
MAX_RISE = 40
"""Most a ruling may rise or fall over its length, in pixels (one left aslant by the deskew's last tenth
of a degree across the page), a ruling bent by more is not taken."""
INK = 160
"""Gray level under which a pixel is ink."""

Ruling = tuple[float, float, float, float]
"""The ruling's left end (x, y) and right end (x, y) as fractions of the page."""


def horizontal_rulings(img: np.ndarray) -> list[Ruling]:
    """Horizontal rulings of a gray page image (white paper, dark ink): their two ends, as page
    fractions."""
    h, w = img.shape[:2]
    length = max(20, int(MIN_LENGTH * w))
    ink = (img < INK).astype(np.uint8)
    # a ruling scanned a little aslant steps by a pixel now and then: close such steps first
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 1), np.uint8))
    runs = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    out: list[Ruling] = []
    for k in range(1, count):
        x, y, bw, bh, area = (int(v) for v in stats[k])
        if bw >= length and area <= MAX_THICKNESS * bw and bh <= MAX_RISE:
            box = labels[y:y + bh, x:x + bw] == k
            left, right = np.flatnonzero(box[:, 0]), np.flatnonzero(box[:, -1])
            out.append((x / w, (y + left.mean() + 0.5) / h, (x + bw) / w, (y + right.mean() + 0.5) / h))
    return out


def height_at(ruling: Ruling, x: float) -> float:
    """The ruling's height at `x` (same units as the ruling), along the line through its ends."""
    x0, y0, x1, y1 = ruling
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else (y0 + y1) / 2
