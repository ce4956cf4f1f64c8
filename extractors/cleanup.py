"""Image clean-up before OCR: upright orientation, deskew, resolution, uneven background.

Every step returns the image and a short label (`rotate:90`, `deskew:-1.75`, …) for the page record.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

A4_WIDTH_IN = 8.27
TARGET_DPI = 300


def normalize_resolution(img: np.ndarray, dpi: float | None) -> tuple[np.ndarray, str | None]:
    """Upscale small images to an effective ~300 dpi (A4 assumed when the file states no dpi)."""
    short = min(img.shape[:2])
    effective = dpi if dpi and dpi >= 50 else short / A4_WIDTH_IN
    if effective >= 0.8 * TARGET_DPI:
        return img, None
    factor = min(TARGET_DPI / effective, 4.0)
    out = cv2.resize(img, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    return out, f"upscale:{factor:.2f}"


def flatten_background(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """Divide by a blurred background estimate when lighting is uneven (shadows, gray paper)."""
    small = cv2.resize(img, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    bg = cv2.medianBlur(bg, 9)
    p5, p95 = np.percentile(bg, [5, 95])
    if p95 - p5 < 20 and p95 > 225:
        return img, None
    bg_full = cv2.resize(bg, (img.shape[1], img.shape[0]), interpolation=cv2.INTER_LINEAR)
    norm = cv2.divide(img, np.maximum(bg_full, 1), scale=255)
    return norm, "flatten"


def denoise(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """Median filter when the paper (not the ink) carries speckle or sensor noise."""
    small = img[::2, ::2]
    residual = cv2.absdiff(small, cv2.medianBlur(small, 3))
    paper = small > 170
    if not paper.any() or float(residual[paper].mean()) < 4.0:
        return img, None
    return cv2.medianBlur(img, 3), "denoise"


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def fix_orientation(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """Turn the page upright using Tesseract's OSD on a half-size copy."""
    import pytesseract

    small = cv2.resize(img, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    try:
        osd = pytesseract.image_to_osd(small, config="--psm 0 -c min_characters_to_try=10")
    except pytesseract.TesseractError:
        return img, None
    m, c = _OSD_ROTATE.search(osd), _OSD_CONF.search(osd)
    if not m or not c or float(c.group(1)) < 1.5:
        return img, None
    angle = int(m.group(1)) % 360
    rot = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}.get(angle)
    if rot is None:
        return img, None
    return cv2.rotate(img, rot), f"rotate:{angle}"


def skew_angle(img: np.ndarray, max_angle: float = 6.0) -> float:
    """Skew in degrees by maximising the variance of the row profile of the text ink."""
    scale = 800 / max(img.shape)
    small = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    h, w = ink.shape
    center = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.var(profile))

    best = max(np.arange(-max_angle, max_angle + 0.01, 0.5), key=score)
    fine = max(np.arange(best - 0.5, best + 0.51, 0.1), key=score)
    return round(float(fine), 2)


def deskew(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    angle = skew_angle(img)
    if abs(angle) < 0.2:
        return img, None
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    return out, f"deskew:{angle:+.2f}"


def clean(img: np.ndarray, dpi: float | None) -> tuple[np.ndarray, tuple[str, ...]]:
    """The clean-up chain; returns the image ready for OCR and the steps applied."""
    steps: list[str] = []
    for step in (
        lambda i: normalize_resolution(i, dpi),
        fix_orientation,
        flatten_background,
        denoise,
        deskew,
    ):
        img, label = step(img)
        if label:
            steps.append(label)
    return img, tuple(steps)
