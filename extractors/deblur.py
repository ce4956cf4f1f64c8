"""Motion blur of a photographed sheet: found on the photo and taken out of the cut-out sheet.

A phone moved while the picture was taken smears every point along one short straight line, the same
length and direction across the picture. The print then reads as doubled grey strokes that Tesseract
loses. The blur is measured on the photo around the sheet's centre, at the camera's own pixels: it puts
zeros into the power spectrum at multiples of 1/L across the motion, and so a negative peak into the
cepstrum at the blur's length L along it (`estimate`; the spectrum averaged over tiles with print). The
line is carried onto the cut-out sheet by the perspective transform (`through`) and the sheet is
deconvolved with it by a Wiener filter (`deconvolve`). A sharp photo's cepstrum holds no such peak and
its sheet is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

STEP = "deblur"
"""The step recorded for a sheet deconvolved, as `deblur:<length>@<degrees>`."""

CROP_PX = 1024
"""Side of the square of the photo, around the sheet's centre, the blur is measured on."""
TILE_PX = 128
"""Tiles whose power spectra are averaged (Welch) before the cepstrum is taken."""
MIN_TILE_STD = 8.0
"""Tiles flatter than this (blank paper) are left out of the average."""
LAGS_PX = (4.0, 24.0)
"""Blur lengths looked for, in pixels of the photo: the eighth family's phones shake 5–11 px; below 4
the cepstrum holds the letters' own stroke width."""
MIN_PEAK = 0.06
"""Least depth of the cepstrum's negative peak for the photo to be blurred. Measured on 8 generated phone
photos: blurred by 7 and 11 px 0.096–0.133; sharp ones (a bent sheet, a hand's shadow, a monitor)
0.016–0.030; a blurred photo in low light 0.023 (its sensor noise fills the spectrum's zeros; not found)."""
MAX_ACROSS = 0.25
"""Most the cepstrum may dip elsewhere on the same ring (30° or more off the peak's direction, within
1.5 px of its length), as a share of the peak: a shake has one direction; a photographed monitor's pixel
grid dips along both axes (measured 0.40; shaken photos 0.07–0.14), and deconvolving it along one
ruined a sharp page."""
BALANCE = 0.02
"""Wiener filter balance between the data and the smoothness of the result."""


@dataclass(frozen=True)
class Blur:
    length: float
    """Pixels."""
    angle: float
    """Degrees from the x axis, towards y (down)."""
    peak: float
    """Depth of the cepstrum's negative peak at the blur's length and direction."""


def cepstrum(gray: np.ndarray, tile: int = TILE_PX) -> np.ndarray | None:
    """Power cepstrum (the inverse transform of the log power spectrum, centred) of `gray`, its power
    spectrum averaged over half-overlapping windowed tiles with print on them; None without such tiles."""
    g = gray.astype(np.float32)
    window = np.outer(np.hanning(tile), np.hanning(tile)).astype(np.float32)
    power = np.zeros((tile, tile), np.float64)
    count = 0
    for y in range(0, g.shape[0] - tile + 1, tile // 2):
        for x in range(0, g.shape[1] - tile + 1, tile // 2):
            t = g[y : y + tile, x : x + tile]
            if float(t.std()) < MIN_TILE_STD:
                continue
            power += np.abs(np.fft.fft2((t - t.mean()) * window)) ** 2
            count += 1
    if count < 8:
        return None
    return np.fft.fftshift(np.real(np.fft.ifft2(np.log(power / count + 1e-3))))


def estimate(gray: np.ndarray, centre: tuple[float, float] | None = None) -> Blur | None:
    """The photo's motion blur, measured on a `CROP_PX` square around `centre` (default: the picture's):
    a blur of length L along a direction puts zeros into the spectrum at multiples of 1/L across it, a
    negative peak into the cepstrum at L along it. None when that peak is under `MIN_PEAK`, or when the
    cepstrum dips as deep in another direction at that length (`MAX_ACROSS`)."""
    h, w = gray.shape[:2]
    cx, cy = centre if centre is not None else (w / 2, h / 2)
    x0 = int(min(max(cx - CROP_PX / 2, 0), max(w - CROP_PX, 0)))
    y0 = int(min(max(cy - CROP_PX / 2, 0), max(h - CROP_PX, 0)))
    cep = cepstrum(gray[y0 : y0 + CROP_PX, x0 : x0 + CROP_PX])
    if cep is None:
        return None
    half = cep.shape[0] // 2
    yy, xx = np.mgrid[0 : cep.shape[0], 0 : cep.shape[1]] - half
    ring = (np.hypot(xx, yy) >= LAGS_PX[0]) & (np.hypot(xx, yy) <= LAGS_PX[1]) & (yy >= 0)
    values = np.where(ring, cep, np.inf)
    iy, ix = np.unravel_index(int(np.argmin(values)), values.shape)
    dy, dx = float(iy - half), float(ix - half)
    blur = Blur(length=float(np.hypot(dx, dy)), angle=float(np.degrees(np.arctan2(dy, dx)) % 180),
                peak=-float(cep[iy, ix]))
    if blur.peak < MIN_PEAK:
        return None
    off = np.abs(np.degrees(np.arctan2(yy, xx)) % 180 - blur.angle)
    elsewhere = ring & (np.abs(np.hypot(xx, yy) - blur.length) <= 1.5) & (np.minimum(off, 180 - off) >= 30)
    return blur if -float(cep[elsewhere].min()) <= MAX_ACROSS * blur.peak else None


def through(blur: Blur, transform: np.ndarray, at: tuple[float, float]) -> Blur:
    """The blur as it lies on the picture `transform` (a 3×3 homography) maps the photo to: its line
    mapped by the transform's local linear part at `at`."""
    a = np.radians(blur.angle)
    half = np.array([np.cos(a), np.sin(a)]) * blur.length / 2
    p = np.array(at, np.float64)
    ends = cv2.perspectiveTransform(np.array([[p - half, p + half]], np.float64), transform)[0]
    d = ends[1] - ends[0]
    return Blur(length=float(np.hypot(*d)), angle=float(np.degrees(np.arctan2(d[1], d[0])) % 180),
                peak=blur.peak)


def line_kernel(length: float, angle: float) -> np.ndarray:
    """A straight blur `length` pixels long at `angle` degrees (towards y), anti-aliased, summing to 1."""
    size = int(np.ceil(length)) + 3
    kernel = np.zeros((size, size), np.float64)
    centre = (size - 1) / 2
    a = np.radians(angle)
    for t in np.linspace(-(length - 1) / 2, (length - 1) / 2, max(8, int(4 * length))):
        x, y = centre + t * np.cos(a), centre + t * np.sin(a)
        x0, y0 = int(np.floor(x)), int(np.floor(y))
        fx, fy = x - x0, y - y0
        for dx, dy, weight in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)),
                               (0, 1, (1 - fx) * fy), (1, 1, fx * fy)):
            if 0 <= x0 + dx < size and 0 <= y0 + dy < size:
                kernel[y0 + dy, x0 + dx] += weight
    return kernel / kernel.sum()


def deconvolve(gray: np.ndarray, blur: Blur, balance: float = BALANCE) -> np.ndarray:
    """`gray` deconvolved with the blur's line by a Wiener filter (`skimage.restoration.wiener`, its
    regularisation a Laplacian; edges mirrored so the picture's border does not ring into it)."""
    from skimage.restoration import wiener

    pad = 2 * int(np.ceil(blur.length)) + 4
    padded = np.pad(gray.astype(np.float64) / 255.0, pad, mode="reflect")
    sharp = wiener(padded, line_kernel(blur.length, blur.angle), balance, clip=False)
    return np.clip(sharp[pad:-pad, pad:-pad] * 255.0, 0, 255).astype(np.uint8)


def label(blur: Blur) -> str:
    return f"{STEP}:{blur.length:.0f}@{blur.angle:.0f}"
