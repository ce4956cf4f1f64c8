"""De-striping: a page photographed off a monitor (an e-document shown on screen, as a register extract
often is) carries moiré bands, the beat of the screen's pixel grid against the phone's sensor: parallel
light and dark stripes a few millimetres apart, at an angle to the lines of text. Tesseract binarises
the stripes with the letters and reads nothing: a generated register extract photographed so read not
one word, in the page stage or raw.

Stripes are a single sharp peak in the image's spectrum (with its harmonics), standing far above
anything text gives. Text lines give peaks on the vertical axis only (up to 2.9 above their
neighbourhood on plain bad scans, see `extractors.descreen`); a halftone screen gives two peaks at right
angles, which `extractors.descreen` cuts. So the strongest off-axis peak of the page's central square is
taken as stripes when it stands `STRIPE_EXCESS` above its neighbourhood, and the bins around it and its
harmonics are brought down to their neighbourhood's level (a notch filter); the letters' broad spectrum
is kept. Bands within a few degrees of the lines of text are left alone: there they cannot be told from a
ruled table's rows by direction (`extractors.descreen.AXIS_DEGREES`). A page without stripes is returned
as it was.
"""

from __future__ import annotations

import numpy as np

from extractors.descreen import PROBE_PX, excess_over_local, log_spectrum, notch, off_axis

STEP = "destripe"
STRIPE_EXCESS = 4.0
"""Least height (natural log of magnitude) above its neighbourhood's mean of the peak taken as stripes.
A generated photo of a register extract shown on a monitor: 4.97; text lines on plain bad scans stay
under 2.9 and on the axes, a photocopy's halftone screen peaks at 3.0–4.6 in crossed pairs."""
MIN_RADIUS = 1 / 80
"""Stripes at least this fine (cycles per pixel: periods up to 80 px, 7 mm at 300 dpi); coarser changes
of tone are the page's layout or its lighting, which the background clean-up flattens."""
HARMONIC_EXCESS = 2.0
"""The stripes' second harmonic stands lower than this: smooth bands have almost none (0.1–0.9 measured);
a ruled table's rows, thin dark lines at a regular pitch, 3.8–8.0."""
SPREAD_EXCESS = 2.0
"""The stripes' frequency stands this high in at least three of the page's four quarters (2.8–5.0 on the
photographed extract, whose upper half is text); a table's rows stand out in the quarters they cover."""
NOTCH_RADIUS = 0.004
"""Half-width (cycles per pixel) of the notch cut around the stripes' frequency and each harmonic: the
perspective correction of a photo makes the stripes' period vary a little across the page."""
NOTCH_EXCESS = 1.0
"""Height above the local level from which a bin inside a notch is cut."""


def _excess_of(square: np.ndarray) -> np.ndarray:
    """How far each frequency of `square`'s spectrum stands above its neighbourhood."""
    return excess_over_local(log_spectrum(square), 15)


def _peak_at(excess: np.ndarray, fy: float, fx: float) -> float:
    """How far a square's spectrum (its `_excess_of`) stands above its neighbourhood at frequency (fy,
    fx), the highest of the nearest bins."""
    n = excess.shape[0]
    y, x = n // 2 + round(fy * n), n // 2 + round(fx * n)
    if not (0 < y < n - 1 and 0 < x < n - 1):
        return 0.0
    return float(excess[y - 1 : y + 2, x - 1 : x + 2].max())


def stripe_peak(img: np.ndarray) -> tuple[float, float] | None:
    """The stripes' frequency (fy, fx in cycles per pixel, upper half-plane) found on the page, or None
    when the page carries no stripes: the strongest off-axis peak of its central square, standing
    `STRIPE_EXCESS` high, with no second harmonic of note (thin lines at a regular pitch, a ruled table's
    rows turned with a skewed page, have strong harmonics; the bands are smooth), and found again in
    three of the page's four quarters (a table covers a part of the page, the bands cover it all)."""
    h, w = img.shape[:2]
    n = min(PROBE_PX, h, w)
    if n < 128:
        return None
    y0, x0 = (h - n) // 2, (w - n) // 2
    level = _excess_of(img[y0 : y0 + n, x0 : x0 + n])
    excess = np.where(off_axis((n, n), MIN_RADIUS), level, 0)
    y, x = np.unravel_index(int(np.argmax(excess)), excess.shape)
    if excess[y, x] < STRIPE_EXCESS:
        return None
    fy, fx = (y - n // 2) / n, (x - n // 2) / n
    if _peak_at(level, 2 * fy, 2 * fx) >= HARMONIC_EXCESS:
        return None
    q = min(PROBE_PX, h // 2, w // 2)
    if q >= 128:
        tops = [(cy - q // 2, cx - q // 2) for cy in (h // 4, 3 * h // 4) for cx in (w // 4, 3 * w // 4)]
        squares = [img[y : y + q, x : x + q] for y, x in tops]
        if sum(_peak_at(_excess_of(sq), fy, fx) >= SPREAD_EXCESS for sq in squares if sq.shape == (q, q)) < 3:
            return None
    return (-fy, -fx) if fy < 0 else (fy, fx)


def destripe(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """`img` (gray uint8) with its moiré stripes cut out of the spectrum, and the step's label; the image
    unchanged and None when it has no stripes."""
    if img.ndim != 2:
        return img, None
    peak = stripe_peak(img)
    if peak is None:
        return img, None

    def stripe_bins(excess: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        """The bins around the stripes' frequency and each harmonic standing `NOTCH_EXCESS` high."""
        ph, pw = shape
        fy = (np.arange(ph, dtype=np.float32) - ph // 2)[:, None] / ph
        fx = (np.arange(pw, dtype=np.float32) - pw // 2)[None, :] / pw
        cut = np.zeros(shape, bool)
        k = 1
        while k * float(np.hypot(*peak)) <= 0.5:
            for sign in (1, -1):
                cut |= np.hypot(fy - sign * k * peak[0], fx - sign * k * peak[1]) < NOTCH_RADIUS
            k += 1
        return cut & (excess >= NOTCH_EXCESS)

    return notch(img, stripe_bins), STEP
