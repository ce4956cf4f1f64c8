"""De-screening: a photocopy of a copy carries the copier's halftone dot screen, and the rescan beats it
against the scanner's grid into moiré. Tesseract reads the dots as specks on the paper and the text's
edges as ragged: 12 generated copies read with mean word confidence 0.30–0.95 (0.69 on average; the
same pages without the screen 0.91).

A dot screen is a lattice in the image's spectrum: two sharp peaks of the same spatial frequency at
right angles (and their harmonics and the beats they alias into). Text has no such pair: its lines give
peaks on the vertical axis only, JPEG's 8-pixel blocks give peaks on both axes — so peaks near the axes
are neither taken as evidence nor removed (a screen printed at exactly 0°/90° is left alone; copiers
screen at an angle). Where a screen is found, every narrow peak standing well above the spectrum's local
level off the axes is brought down to that level (a notch filter: the text's broad spectrum is kept, only
the screen's lines are cut), as frequency de-screening tools do, rather than a low-pass filter sized to
the screen, which blurs letters as much as dots; the clean-up's later steps (background flattening and
Otsu's paper-white) then binarise the page. A page without a screen is returned as it was.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

STEP = "descreen"
PROBE_PX = 512
"""Side of the central square whose spectrum is looked at for a screen (a few milliseconds)."""
PEAK_EXCESS = 2.2
"""Least height (natural log of magnitude) of a spectral peak above its neighbourhood's mean for it to
count as a screen's line. Measured on the probe's spectrum of generated pages: halftone copies at 150,
200 and 300 dpi show their screen peaks at 3.0–4.6; plain bad scans' highest peaks off the axes stay
under 2.0 (text lines and JPEG blocks give peaks on the axes, up to 2.9)."""
AXIS_DEGREES = 6.0
"""Peaks within this angle of the horizontal or vertical axis are text lines, rulings or JPEG blocks."""
MIN_RADIUS = 0.03
"""Frequencies under this (cycles per pixel: periods over ~33 px) are the page's layout, never a screen."""


def log_spectrum(img: np.ndarray) -> np.ndarray:
    """Natural log of the centred magnitude spectrum of `img` (mean removed, Hann-windowed)."""
    f = img.astype(np.float32)
    f -= float(f.mean())
    h, w = f.shape
    window = np.outer(np.hanning(h), np.hanning(w)).astype(np.float32)
    spec = np.fft.fftshift(np.abs(np.fft.fft2(f * window)))
    return np.log1p(spec).astype(np.float32)


def excess_over_local(logmag: np.ndarray, size: int) -> np.ndarray:
    """How far each frequency stands above the mean of its neighbourhood (`size` bins square)."""
    return logmag - cv2.blur(logmag, (size, size))


def off_axis(shape: tuple[int, int], min_radius: float) -> np.ndarray:
    """Mask of the centred spectrum's bins away from the axes and from the lowest frequencies."""
    h, w = shape
    fy = (np.arange(h, dtype=np.float32) - h // 2)[:, None] / h
    fx = (np.arange(w, dtype=np.float32) - w // 2)[None, :] / w
    radius = np.hypot(fy, fx)
    angle = np.degrees(np.arctan2(np.abs(fy), np.abs(fx)))
    return (radius >= min_radius) & (angle > AXIS_DEGREES) & (angle < 90 - AXIS_DEGREES)


def screen_peaks(img: np.ndarray) -> list[tuple[float, float]]:
    """The screen's two fundamental frequencies (fy, fx in cycles per pixel, at right angles, equal in
    length) found on the page's central square, or [] when the page carries no dot screen."""
    h, w = img.shape[:2]
    n = min(PROBE_PX, h, w)
    if n < 128:
        return []
    y0, x0 = (h - n) // 2, (w - n) // 2
    logmag = log_spectrum(img[y0 : y0 + n, x0 : x0 + n])
    excess = excess_over_local(logmag, 15)
    excess[~off_axis((n, n), MIN_RADIUS)] = 0
    # local maxima standing high enough, strongest first; one of each conjugate pair (upper half-plane)
    local = excess == cv2.dilate(excess, np.ones((5, 5), np.uint8))
    ys, xs = np.nonzero(local & (excess >= PEAK_EXCESS))
    order = np.argsort(-excess[ys, xs])
    peaks: list[tuple[float, float]] = []
    for i in order[:12]:
        fy, fx = (ys[i] - n // 2) / n, (xs[i] - n // 2) / n
        if fy < 0 or (fy == 0 and fx < 0):
            fy, fx = -fy, -fx
        if all(abs(fy - a) > 2 / n or abs(fx - b) > 2 / n for a, b in peaks):
            peaks.append((float(fy), float(fx)))
    for i, (ay, ax) in enumerate(peaks):
        ra = np.hypot(ay, ax)
        for by, bx in peaks[i + 1 :]:
            rb = np.hypot(by, bx)
            cos = abs(ay * by + ax * bx) / (ra * rb)
            if abs(ra - rb) <= max(2 / n, 0.06 * ra) and cos < 0.1:
                return [(ay, ax), (by, bx)]
    return []


NOTCH_EXCESS = 1.5
"""Height above the local level (natural log) from which a narrow peak of a screened page is cut."""


def notch(img: np.ndarray, select: Callable[[np.ndarray, tuple[int, int]], np.ndarray]) -> np.ndarray:
    """`img` (gray uint8) with the frequencies `select` picks brought down to their neighbourhood's level
    in its spectrum. `select(excess, (ph, pw))` gets how far each bin of the centred, padded spectrum
    stands above its neighbourhood and the padded size, and returns the mask of bins to cut."""
    h, w = img.shape
    mean = float(img.mean())
    # padded to a size the transform is fast on, with the page's edges repeated (no step at the border)
    ph, pw = cv2.getOptimalDFTSize(h), cv2.getOptimalDFTSize(w)
    f = cv2.copyMakeBorder(img.astype(np.float32) - mean, 0, ph - h, 0, pw - w, cv2.BORDER_REFLECT)
    spec = np.fft.fftshift(cv2.dft(f, flags=cv2.DFT_COMPLEX_OUTPUT), axes=(0, 1))
    logmag = np.log1p(cv2.magnitude(spec[:, :, 0], spec[:, :, 1]))
    # the neighbourhood scales with the page so that it spans the same band of frequencies
    excess = excess_over_local(logmag, max(15, (max(ph, pw) // PROBE_PX) * 15) | 1)
    cut = select(excess, (ph, pw))
    spec[cut] *= np.exp(-excess[cut].clip(0, None))[:, None]
    out = cv2.idft(np.fft.ifftshift(spec, axes=(0, 1)), flags=cv2.DFT_REAL_OUTPUT | cv2.DFT_SCALE)
    return np.clip(out[:h, :w] + mean, 0, 255).astype(np.uint8)


def _screen_bins(excess: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Every narrow peak off the axes standing `NOTCH_EXCESS` above its neighbourhood, widened by a bin."""
    cut = (excess >= NOTCH_EXCESS) & off_axis(shape, MIN_RADIUS)
    return cv2.dilate(cut.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)


def descreen(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """`img` (gray uint8) with its halftone screen cut out of the spectrum, and the step's label; the
    image unchanged and None when no screen is found."""
    if img.ndim != 2 or not screen_peaks(img):
        return img, None
    return notch(img, _screen_bins), STEP
