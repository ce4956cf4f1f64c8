"""Text-line dewarping of a photographed sheet. A page bent like an open book still curves its lines after
the sheet's outline is seen from above: the lines of one column then slope otherwise than those of the
next, and Tesseract drops or merges them. The lines' vertical displacement is measured strip by strip (the
row profile of the ink in each narrow vertical strip against its neighbour's, in bands down the page),
smoothed across the page, and taken out by moving every pixel column up or down."""

from __future__ import annotations

import cv2
import numpy as np

STRIPS = 32
"""Vertical strips the page is cut into (≈ 7 mm of an A4 sheet each): neighbours' lines differ by well
under half a line's pitch even on a strongly bent page."""
BANDS = 4
"""Bands down the page in which the displacement is measured apart (a bend grows towards one end)."""
MAX_STEP_PX = 18
"""Largest shift between neighbouring strips looked for (pixels at 300 dpi: a third of the pitch of
11 pt lines, whose neighbours would match as well one line off)."""
SMOOTH_PX = 6.0
"""Gaussian smoothing of the strips' row profiles (pixels): letters' own shapes set aside."""
MIN_MATCH = 0.5
"""Least correlation of two neighbouring strips' profiles for their shift to count (blank strips and
margins match nothing and are bridged)."""
MIN_RANGE_PX = 16.0
"""A page whose lines move less than this (pixels at 300 dpi, a third of an 11 pt line's pitch) across its
width in every band is left as it is: no line reaches its neighbour's row, and resampling costs letters.
Measured on 16 photos of the eighth family: bent sheets 48–188 px; sharp flat sheets 4–11 px (what the
outline's corners leave of the perspective), where straightening changed single letters and digits both
ways (a contract's «8 469 993.49» read «8 469 991 49», any-order CER 0.315 → 0.377 on another); blurred,
dim flat sheets 31–38 px and illegible ones more (their profiles match on noise)."""
DEGREE = 4
"""Degree of the polynomial across the page the displacement of each band is smoothed to."""
STEP = "dewarp-lines"


def _ink(gray: np.ndarray) -> np.ndarray:
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # vertical rulings are no text line and would tie every strip's profile to the same rows
    ink = ink - cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((61, 1), np.uint8))
    return ink.astype(np.float32)


def _shift(a: np.ndarray, b: np.ndarray, limit: int) -> tuple[float, float]:
    """Shift (pixels, b's lines below a's) maximising the normalised correlation of two profiles, and
    that correlation."""
    a = a - a.mean()
    b = b - b.mean()
    na, nb = float(np.sqrt((a * a).sum())), float(np.sqrt((b * b).sum()))
    if na < 1e-6 or nb < 1e-6:
        return 0.0, 0.0
    scores = np.array([float((a[: len(a) - s] * b[s:]).sum()) if s >= 0 else float((a[-s:] * b[: s]).sum())
                       for s in range(-limit, limit + 1)])
    i = int(np.argmax(scores))
    frac = 0.0
    if 0 < i < len(scores) - 1:  # parabola through the peak and its neighbours
        den = scores[i - 1] - 2 * scores[i] + scores[i + 1]
        if den < 0:
            frac = 0.5 * (scores[i - 1] - scores[i + 1]) / den
    return i - limit + frac, float(scores[i]) / (na * nb)


def displacement(gray: np.ndarray) -> np.ndarray | None:
    """Vertical displacement of the text lines in each band and strip (BANDS × STRIPS, pixels, positive:
    lower than in the middle strip), smoothed across the page; None when the page has no measurable lines."""
    h, w = gray.shape[:2]
    sw = w // STRIPS
    ink = _ink(gray)
    profiles = np.stack([ink[:, k * sw : (k + 1) * sw].sum(axis=1) for k in range(STRIPS)])
    limit = MAX_STEP_PX
    profiles = np.stack([cv2.GaussianBlur(p.reshape(-1, 1), (1, 0), SMOOTH_PX).ravel() for p in profiles])
    bh = h // BANDS
    xs = (np.arange(STRIPS) + 0.5) / STRIPS - 0.5
    out = np.full((BANDS, STRIPS), np.nan)
    for band in range(BANDS):
        part = profiles[:, band * bh : (band + 1) * bh]
        steps, weights = np.zeros(STRIPS - 1), np.zeros(STRIPS - 1)
        for k in range(STRIPS - 1):
            steps[k], weights[k] = _shift(part[k], part[k + 1], limit)
        ok = weights >= MIN_MATCH
        if ok.sum() < STRIPS // 2:
            continue  # too little text in this band: it takes its neighbour's
        mids = (xs[:-1] + xs[1:]) / 2
        # the shifts are the displacement's slope: fit the slope, integrate it
        coef = np.polyfit(mids[ok], steps[ok], DEGREE - 1, w=weights[ok])
        integral = np.polyint(coef)
        pos = np.polyval(integral, xs) * STRIPS
        out[band] = pos - np.polyval(integral, 0.0) * STRIPS
    measured = np.flatnonzero(~np.isnan(out[:, 0]))
    if len(measured) < 2:
        return None
    for band in range(BANDS):
        if band not in measured:
            out[band] = out[measured[np.argmin(np.abs(measured - band))]]
    return out


def straighten(gray: np.ndarray) -> tuple[np.ndarray, str | None]:
    """The page with its text lines straightened (`STEP`), or as it is when they are straight or cannot be
    measured."""
    d = displacement(gray)
    if d is None or float(np.ptp(d, axis=1).max()) < MIN_RANGE_PX:
        return gray, None
    h, w = gray.shape[:2]
    # the field at every pixel: bands' centres down the page, strips' centres across it
    field = cv2.resize(d.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    out = cv2.remap(gray, xx, yy + field, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return out, STEP
