"""Image clean-up before OCR: sheet outline and perspective, colour ink removal, resolution, orientation,
uneven background, noise, tinted areas, skew.

`clean(img, dpi)` takes a gray or BGR page image and returns the gray image ready for Tesseract and the
steps applied (`perspective`, `drop-color`, `dark-border`, `upscale:2.00`, `rotate:90`, `flatten`,
`denoise`, `paper-white`, `whiten`, `streaks:2`, `deskew:-1.75`, …) for the page record. Every step is
cheap (a few tens of milliseconds on a 300 dpi page): orientation comes from the text itself (line
direction from projection profiles, up/down from where letters stick out of the x-height band) and
Tesseract's OSD, on a half-size copy, runs only when that evidence is weak. It is
`orient(*unoriented(img, dpi))`: the page stage orients a page a second time, with OSD, from the same
`unoriented` image when a first reading leaves its up/down in doubt.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from extractors import deblur
from extractors.borders import paint_border
from extractors.descreen import descreen
from extractors.destripe import destripe
from extractors.sheet_lines import quads_from_lines
from extractors.streaks import lift_streaks
from extractors.textlines import straighten

A4_WIDTH_IN = 8.27
A4_RATIO = 297 / 210
TARGET_DPI = 300
SHEET_SEARCH_PX = 640
"""Longer side of the reduced copy a photographed sheet is looked for on."""

# --- colour: the sheet on a table, stamps --------------------------------------------------------------


def _order_corners(pts: np.ndarray) -> np.ndarray:
    """Four points → top-left, top-right, bottom-right, bottom-left."""
    pts = pts.reshape(4, 2).astype(np.float32)
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32)


def find_sheet(bgr: np.ndarray) -> np.ndarray | None:
    """Corners (TL, TR, BR, BL, in pixels) of a sheet of paper photographed on a darker or coloured
    background; None when the image is the sheet itself (a scan) or no sheet is found for sure.

    Two candidates: the outline of the paper's bright, unsaturated area, and quadrilaterals fitted to
    straight lines of the edge map (the way document scanners find a page). Either is a sheet only when
    each of its sides inside the picture steps from lighter paper to a darker background, measured as a
    ratio of brightness (`MIN_SIDE_STEP`: a shadow or dim light darkens both sides of an edge alike), and
    a fitted one only when its inside is evenly lit flat paper (`MIN_FLAT_SHARE`). The fitted sheet
    replaces the bright area's outline when that is no sheet (a shadow or a light table cuts or spills
    the area) or a part of it cut off along a chord. One side may lie on the picture's edge (a corner of
    the sheet out of frame). Where neither gives a sheet, lines fitted on the colour channels' edges too
    are tried, each side stepping down in brightness or changing colour (`MIN_COLOUR_STEP`): a sheet on a
    grey-blue desk as light as the paper under a lighting gradient."""
    h, w = bgr.shape[:2]
    scale = SHEET_SEARCH_PX / max(h, w)
    small = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    whiteness, paper = paper_mask(small)
    light = lightness(small)
    tint = chroma(small)
    quad = sheet_from_mask(whiteness, paper)
    if quad is not None and not _steps_on_each_side(light, None, quad):
        quad = None
    fitted = next((q for q in quads_from_lines(small) if _is_fitted_sheet(small, light, None, q)), None)
    if fitted is not None and (quad is None or _cut_from(quad, fitted)):
        quad = fitted
    if quad is None:  # a desk as light as the paper: its sides found and judged by colour as well
        quad = next((q for q in quads_from_lines(small, colour=True)
                     if _is_fitted_sheet(small, light, tint, q)), None)
    return None if quad is None else quad / scale


def lightness(small_bgr: np.ndarray) -> np.ndarray:
    """Log brightness (×100) of a reduced picture, smoothed: a step across an edge in it is a ratio of
    brightness, the same in shadow and in full light."""
    gray = cv2.GaussianBlur(cv2.cvtColor(small_bgr, cv2.COLOR_BGR2GRAY), (5, 5), 0).astype(np.float32)
    return np.log(gray + 8.0) * 100.0


def chroma(small_bgr: np.ndarray) -> np.ndarray:
    """The colour of a reduced picture without its brightness: CIELAB's a* and b* (float, two channels),
    smoothed. Light and shade change a surface's brightness, not its colour."""
    lab = cv2.cvtColor(cv2.GaussianBlur(small_bgr, (5, 5), 0), cv2.COLOR_BGR2LAB)
    return lab[:, :, 1:].astype(np.float32)


def _steps_on_each_side(light: np.ndarray, tint: np.ndarray | None, quad: np.ndarray) -> bool:
    """Each side of `quad` inside the picture (at least three) steps from lighter inside to darker
    outside by `MIN_SIDE_STEP`, or, given the picture's colour (`tint`), from the paper's colour to
    another by `MIN_COLOUR_STEP` (a grey or blue desk as light as the paper, or lit more brightly than
    its shaded part)."""
    steps = _edge_contrast(light, quad)
    colours = _colour_steps(tint, quad) if tint is not None else [0.0] * len(steps)
    return len(steps) >= 3 and all(s >= MIN_SIDE_STEP or c >= MIN_COLOUR_STEP
                                   for s, c in zip(steps, colours, strict=True))


def _is_fitted_sheet(small_bgr: np.ndarray, light: np.ndarray, tint: np.ndarray | None, quad: np.ndarray
                     ) -> bool:
    """A quadrilateral fitted from lines that is a sheet: not touching three of the picture's edges,
    stepping down or changing colour on each side and evenly lit flat paper inside."""
    return (not _touches_three_edges(light.shape, quad) and _steps_on_each_side(light, tint, quad)
            and flat_share(small_bgr, quad) >= MIN_FLAT_SHARE)


def flat_share(small_bgr: np.ndarray, quad: np.ndarray) -> float:
    """Share of the inside of `quad` (shrunk by a tenth) whose brightness, print closed over, follows a
    smooth light falloff (a quadratic surface fitted to the log brightness, outliers dropped) within
    `FLAT_TOLERANCE`: blank paper under a lamp's gradient or a soft shadow is flat; a machine's casing
    with its window, panel and stripes is not."""
    gray = cv2.morphologyEx(cv2.cvtColor(small_bgr, cv2.COLOR_BGR2GRAY), cv2.MORPH_CLOSE,
                            np.ones((9, 9), np.uint8))
    centre = quad.mean(axis=0)
    inner = centre + (quad - centre) * 0.9
    inside = np.zeros(gray.shape, np.uint8)
    cv2.fillPoly(inside, [np.rint(inner).astype(np.int32)], 1)
    ys, xs = np.nonzero(inside[::2, ::2])  # every other pixel is enough for a smooth surface
    ys, xs = ys * 2, xs * 2
    if len(ys) < 100:
        return 0.0
    values = np.log(gray[ys, xs].astype(np.float64) + 8.0)
    x, y = xs / gray.shape[1] - 0.5, ys / gray.shape[0] - 0.5
    design = np.stack([np.ones_like(x), x, y, x * x, x * y, y * y], axis=1)
    keep = np.ones(len(values), bool)
    for _ in range(3):
        coef, *_ = np.linalg.lstsq(design[keep], values[keep], rcond=None)
        keep = np.abs(values - design @ coef) < FLAT_TOLERANCE
    return float(keep.mean())


MIN_SIDE_STEP = 15.0
"""Least brightness step (100 × log ratio: 15 ≈ 16 % darker outside) across each side of a sheet. Measured
on 60 generated photos of three families and 24 equipment pictures: a sheet's sides step 17–133 (in a hand's
shadow, on a light desk, in dim light alike); a line along a shadow's edge or a table's stripe 6–10; a
machine's casing 12–13 on one side."""
MIN_COLOUR_STEP = 6.0
"""Least colour difference (CIELAB a*b* distance, 8-bit units) across a side of a sheet that does not step
down in brightness. Measured on generated photos: the ninth family's sheets on a grey-blue desk 7.1–9.1
on every side (brightness −7–18 there), on a green cloth 14; the eighth's sheets 17–32; a light desk of
the paper's own warm tone 4–5 (not found by this)."""
MIN_FLAT_SHARE = 0.62
"""Least share of a fitted sheet that is flat, evenly lit paper: on the 45 photos' true outlines 0.69–0.97
(0.69: a shadow's sharp edge across the page); a machine's casing on 36 equipment pictures 0.49–0.55."""
FLAT_TOLERANCE = 0.1
"""Log-brightness distance (≈ 10 %) from the fitted light falloff within which a pixel counts as flat."""


def _cut_from(quad: np.ndarray, fitted: np.ndarray) -> bool:
    """Whether `quad` is a part of `fitted` cut off along a chord: inside it (within 6 px) and at least
    `MIN_CUT_SHARE` smaller (a shadow's edge across the paper taken for a side of the sheet)."""
    inside = all(cv2.pointPolygonTest(fitted, (float(x), float(y)), True) >= -6 for x, y in quad)
    return inside and cv2.contourArea(quad) < (1 - MIN_CUT_SHARE) * cv2.contourArea(fitted)


def paper_mask(small_bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Paper whiteness (value minus saturation, 0–255) and the paper mask (bright and unsaturated, by
    Otsu's threshold, print closed over) of a reduced picture."""
    hsv = cv2.cvtColor(small_bgr, cv2.COLOR_BGR2HSV)
    whiteness = cv2.GaussianBlur(cv2.subtract(hsv[:, :, 2], hsv[:, :, 1]), (5, 5), 0)
    _, paper = cv2.threshold(whiteness, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    paper = cv2.morphologyEx(paper, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    return whiteness, paper


def sheet_from_mask(whiteness: np.ndarray, paper: np.ndarray) -> np.ndarray | None:
    """The outline of the paper mask as a quadrilateral stepping from paper to background, if it is one."""
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    c = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(c) / (whiteness.shape[0] * whiteness.shape[1])
    if area < 0.2 or area > 0.97:
        return None
    hull = cv2.convexHull(c)
    peri = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.01, 0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            quad = approx
            break
    if quad is None:
        quad = cv2.boxPoints(cv2.minAreaRect(hull))
    quad = _order_corners(np.asarray(quad, np.float32))
    if cv2.contourArea(quad) / max(cv2.contourArea(hull), 1) < 0.9:
        return None
    return quad if _is_sheet(whiteness, quad) else None


def _touches_three_edges(shape: tuple[int, ...], quad: np.ndarray) -> bool:
    """Does `quad` reach three of the picture's edges (a scan with a dark border, not a sheet in it)?"""
    h, w = shape[:2]
    margin = 3
    touching = sum(int(side.any()) for side in (quad[:, 0] < margin, quad[:, 0] > w - margin,
                                                quad[:, 1] < margin, quad[:, 1] > h - margin))
    return touching >= 3


def _is_sheet(whiteness: np.ndarray, quad: np.ndarray) -> bool:
    """A quadrilateral that is a sheet lying in the picture: not touching three of the picture's edges,
    its edges stepping from paper to a darker background on average."""
    if _touches_three_edges(whiteness.shape, quad):
        return False
    contrast = _edge_contrast(whiteness, quad)
    # no step from paper to background along the edges: uneven light on a scan, not a sheet
    return bool(contrast) and float(np.mean(contrast)) >= MIN_EDGE_CONTRAST


MIN_EDGE_CONTRAST = 30.0
"""Mean paper-whiteness step (0–255) across a found sheet's edges below which it is not a sheet: measured
on generated photos, a sheet on a table steps 70–230, a lighter patch of a shaded scan −3–10."""
MIN_CUT_SHARE = 0.03
"""Share of the sheet a paper-area outline must miss for the sheet fitted from lines to replace it
(below it the two are the same sheet, and the outline is kept)."""


def _side_samples(values: np.ndarray, quad: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each edge of `quad` inside the picture (8 of its 25 sample points or more): the values just
    inside and just outside it (8 px off the edge)."""
    h, w = values.shape[:2]
    centre = quad.mean(axis=0)
    sides = []
    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        inside, outside = [], []
        for t in np.linspace(0.1, 0.9, 25):
            p = a + (b - a) * t
            n = (p - centre) / max(float(np.linalg.norm(p - centre)), 1e-6)
            pi, po = p - n * 8, p + n * 8
            if 0 <= po[0] < w and 0 <= po[1] < h and 0 <= pi[0] < w and 0 <= pi[1] < h:
                inside.append(values[int(pi[1]), int(pi[0])])
                outside.append(values[int(po[1]), int(po[0])])
        if len(outside) >= 8:
            sides.append((np.asarray(inside, np.float64), np.asarray(outside, np.float64)))
    return sides


def _edge_contrast(whiteness: np.ndarray, quad: np.ndarray) -> list[float]:
    """For each edge of `quad` inside the picture: median whiteness just inside minus just outside."""
    return [float(np.median(i) - np.median(o)) for i, o in _side_samples(whiteness, quad)]


def _colour_steps(tint: np.ndarray, quad: np.ndarray) -> list[float]:
    """For each edge of `quad` inside the picture: the distance between the median colours (`chroma`)
    just inside and just outside."""
    return [float(np.hypot(*(np.median(i, axis=0) - np.median(o, axis=0))))
            for i, o in _side_samples(tint, quad)]


def sheet_transform(quad: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """The perspective transform that cuts the sheet `quad` out of the photo and shows it from above at
    ~300 dpi (A4 when its proportions are A4's), and the cut-out's size (width, height)."""
    tl, tr, br, bl = quad
    width = float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    ratio = max(width, height) / max(min(width, height), 1)
    if 1.2 < ratio < 1.65:
        ratio = A4_RATIO  # perspective shortens one side; the paper is A4
    long_px, short_px = round(A4_WIDTH_IN * TARGET_DPI * ratio), round(A4_WIDTH_IN * TARGET_DPI)
    out_w, out_h = (short_px, long_px) if height >= width else (long_px, short_px)
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    return cv2.getPerspectiveTransform(quad.astype(np.float32), dst), (out_w, out_h)


def unwarp_sheet(bgr: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The sheet cut out and seen from above at ~300 dpi (`sheet_transform`)."""
    m, size = sheet_transform(quad)
    return cv2.warpPerspective(bgr, m, size, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


SHEET_MARGIN = 0.015
"""Share of a cut-out sheet's shorter side painted paper-white along its four edges (3 mm of an A4
sheet; printers leave 4 mm or more). The outline is found to a few tenths of a percent, and the sliver
of table or shadow edge it leaves makes Tesseract drop the line next to it: a photographed act lost its
title line «АКТ ПРИЕМА-ПЕРЕДАЧИ …» to a dark line 1 % above it, and read it once that was white."""


def paper_margin(gray: np.ndarray) -> np.ndarray:
    """A cut-out sheet with a `SHEET_MARGIN` border painted the paper's own tone (its 90th percentile)."""
    h, w = gray.shape[:2]
    m = max(1, round(SHEET_MARGIN * min(h, w)))
    out = gray.copy()
    paper = np.uint8(np.percentile(gray[::4, ::4], 90))
    out[:m], out[-m:], out[:, :m], out[:, -m:] = paper, paper, paper, paper
    return out


def color_ink_share(bgr: np.ndarray) -> float:
    """Share of the page covered by saturated blue/violet/red ink (stamps, signatures)."""
    small = bgr[::4, ::4]
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    ink = (sat > 70) & (val > 50) & (((hue >= 95) & (hue <= 165)) | (hue <= 8) | (hue >= 170))
    return float(ink.mean())


def to_gray(bgr: np.ndarray) -> tuple[np.ndarray, str | None]:
    """Gray page; where coloured stamps or signatures are present, each pixel takes its brightest
    channel, so blue/violet/red ink turns into light paper while black print stays black."""
    if color_ink_share(bgr) < 0.0015:
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), None
    return np.max(bgr, axis=2), "drop-color"


# --- resolution, background, noise ---------------------------------------------------------------------


MIN_TEXT_PX = 15.0
"""Median letter height (≈ x-height, pixels) below which the page is enlarged before OCR. Measured on
generated pages scanned at 300 dpi and shrunk to 60 % (letters 12–16 px): words read wrong fell from
8.2 % to 5.8 % (median over 10 pages) when enlarged to `TARGET_TEXT_PX`; pages whose letters are
18–27 px read no better enlarged 1.5× (5.0 % → 5.1 %) and take 1.5× as long."""
TARGET_TEXT_PX = 22.0
"""Letter height a page with small text is enlarged to: body text of a 300 dpi scan of 11–12 pt print."""
MIN_LETTERS = 40
"""Fewer letter-like marks than this and the page's text size is not measured (the dpi decides)."""


def text_height(img: np.ndarray) -> float | None:
    """Median height in pixels of the page's letter-like ink marks (connected components of plausible
    letter size and shape), ≈ the x-height of the body text; None when too few are found. Measured on a
    half-size copy of large pages (a few tens of milliseconds)."""
    scale = 0.5 if min(img.shape[:2]) > 1600 else 1.0
    small = img if scale == 1.0 else cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # ink: darker than its neighbourhood (a shadow or a tint across the page is not ink)
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 41, 20)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float32)
    w = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float32)
    area = stats[1:, cv2.CC_STAT_AREA].astype(np.float32)
    lo = 3 if scale < 1 else 5  # specks of noise are not letters
    letters = (h >= lo) & (h <= 120 * scale) & (w >= 0.15 * h) & (w <= 2.5 * h) & (area >= 0.1 * h * w)
    if int(letters.sum()) < MIN_LETTERS:
        return None
    return float(np.median(h[letters])) / scale


LOW_STATED_DPI = 175
"""A scan whose file states a believable resolution under this (150 dpi) is brought to `TARGET_DPI` whatever
its letters measure: blur and JPEG blocks of a 150 dpi office scan swell the letters' ink marks (measured
15–21 px on 150 dpi bad scans whose x-height is 10–11 px), so the text size alone leaves them small.
Enlarged 2×, four such pages read with mean word confidence 0.29/0.81/0.71/0.27 → 0.44/0.91/0.76/0.25.
200 dpi scans are left to the letter size: enlarged 1.5×, 18 clean and bad 200 dpi scans read with
equal or lower confidence (down to 0.94 → 0.80), and one act was typed an invoice."""


MAX_ENLARGED_SIDE = 7016
"""Longest side a page is enlarged to (A4 at 600 dpi). A phone photo rendered from a PDF at 300 dpi is
already 6400 × 8534 px; its letters measure small because the sheet fills part of the picture, and
enlarging it 2.75× gave a 17 600 × 23 470 px raster that Tesseract did not finish within the page's time."""


def normalize_resolution(img: np.ndarray, dpi: float | None) -> tuple[np.ndarray, str | None]:
    """Enlarge a page whose letters are too small for Tesseract, by its measured text size (letters of
    `MIN_TEXT_PX` and less are brought to `TARGET_TEXT_PX`), and a scan whose file states a resolution
    under `LOW_STATED_DPI` to `TARGET_DPI` at least. When no text size can be measured, small images are
    brought to an effective ~300 dpi (A4 assumed when the file states no believable dpi: cameras write
    72 dpi on a 4000-pixel picture)."""
    letters = text_height(img)
    short = min(img.shape[:2])
    believable = dpi is not None and dpi >= 50 and 4.0 <= short / dpi <= 13.0
    if letters is not None:
        stated = TARGET_DPI / dpi if believable and dpi and dpi < LOW_STATED_DPI else 1.0
        if letters >= MIN_TEXT_PX and stated == 1.0:
            return img, None
        factor = min(max(TARGET_TEXT_PX / letters, stated), 4.0)
    else:
        effective = dpi if believable and dpi else short / A4_WIDTH_IN
        if effective >= 0.8 * TARGET_DPI:
            return img, None
        factor = min(TARGET_DPI / effective, 4.0)
    factor = min(factor, MAX_ENLARGED_SIDE / max(img.shape[:2]))
    if factor < 1.05:
        return img, None
    out = cv2.resize(img, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    return out, f"upscale:{factor:.2f}"


DARK_SURFACE = (0.25, 0.40)
"""Background levels, as shares of the paper's (the background's 95th percentile), between which division
by the background fades out: an area whose background is darker than the first is no paper in a shadow but a
dark surface (a machine's casing around its nameplate, a dark desk), and is left as it is. Divided, such an
area's sensor noise is stretched to the paper's full range: on a 1600 × 1200 camera picture of a dark
machine enlarged 3.67×, ~80 000 specks that kept Tesseract past its 180 s page limit three times over
(538 s, nothing read; raw Tesseract reads the picture in 0.5 s). Left as it is, the picture reads in 3–5 s.
Only a surface of `DARK_SURFACE_SHARE` of the picture or more is: a scan's punched holes and dark specks
(0.2–0.5 % of the page) are divided as before. A sheet cut out of a photo is all paper, so a dark area
inside it is a shadow to divide away, and the cut-out is divided as before too."""
DARK_SURFACE_SHARE = 0.02
"""Share of the background darker than `DARK_SURFACE`'s upper level from which it is a dark surface (a
machine's casing: 13 % of the picture)."""


def flatten_background(img: np.ndarray, *, surfaces: bool = True) -> tuple[np.ndarray, str | None]:
    """Divide by a blurred background estimate when lighting is uneven (shadows, gray paper); areas whose
    background is a dark surface, not shaded paper (`DARK_SURFACE`), are faded out of the division unless
    `surfaces` is false (a photographed sheet's cut-out)."""
    small = cv2.resize(img, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    bg = cv2.medianBlur(bg, 9)
    p5, p95 = np.percentile(bg, [5, 95])
    if p95 - p5 < 20 and p95 > 225:
        return img, None
    bg_full = cv2.resize(bg, (img.shape[1], img.shape[0]), interpolation=cv2.INTER_LINEAR)
    norm = cv2.divide(img, np.maximum(bg_full, 1), scale=255)
    lo, hi = DARK_SURFACE[0] * float(p95), DARK_SURFACE[1] * float(p95)
    if surfaces and float((bg < hi).mean()) >= DARK_SURFACE_SHARE:
        weight = np.clip((bg_full.astype(np.float32) - lo) / (hi - lo), 0.0, 1.0)
        norm = (weight * norm + (1.0 - weight) * img).astype(np.uint8)
    return norm, "flatten"


def denoise(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """Median filter when the paper (not the ink) carries speckle or sensor noise."""
    small = img[::2, ::2]
    residual = cv2.absdiff(small, cv2.medianBlur(small, 3))
    paper = small > 170
    if not paper.any() or float(residual[paper].mean()) < 4.0:
        return img, None
    return cv2.medianBlur(img, 3), "denoise"


SHADED_SHARE = 0.05
"""Share of the page's background at least `SHADE_STEP` darker than its paper above which shaded areas
(table headers, tinted form fields) are whitened. Measured on 30 generated clean scans: the two pages
with shaded table headers (7 % and 11 % of the page) read with 15–40 % fewer character errors whitened,
pages below 3 % not at all or worse."""
SHADE_STEP = 8


def whiten_shading(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """Where part of the page is printed on a tint (shaded table headers, gray form fields), everything
    lighter than the ink (Otsu's threshold) becomes paper white; the ink keeps its gray edges. Tesseract
    otherwise loses words printed on the tint. A flattened page gets `whiten_paper` instead."""
    small = cv2.resize(img, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    paper = float(np.percentile(bg, 90))
    if float((bg < paper - SHADE_STEP).mean()) < SHADED_SHARE:
        return img, None
    return _paper_white(img), "whiten"


def _paper_white(img: np.ndarray) -> np.ndarray:
    """Everything lighter than the ink (Otsu's threshold) painted white; the ink keeps its gray edges."""
    threshold, _ = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    out = img.copy()
    out[img > threshold] = 255
    return out


def whiten_paper(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """After `flatten_background`: everything lighter than the ink (Otsu's threshold) becomes paper
    white, so that the noise and blotches flattening leaves on the paper are not read as marks. Measured
    with `bench/pages.py` (20 pages each, without and with this step side by side): bad scans, median
    CER in reading order 0.051 → 0.038, any-order mean 0.047 → 0.038, CPU × raw Tesseract 1.08 → 1.01;
    phone photos 0.160 → 0.145, any-order mean 0.152 → 0.128, CPU × raw 1.87 both. Pages that needed no
    flattening are left as they are: forcing flattening and this step on 10 clean scans gave any-order
    CER 0.036 → 0.034 mean but 0.034 → 0.036 median (no gain)."""
    return _paper_white(img), "paper-white"


STREAK_SHARE = 0.9
"""Share of a pixel column's rows that must be ink for it to be a scanner streak. A printed ruling stops
at the page's margins (a full-page frame spans under 0.9 of an A4 sheet's height); dirt on a scanner's
glass draws its line from the sheet's top edge to its bottom edge."""
MAX_STREAK_PX = 16
"""Widest streak removed (a few millimetres of dirt at 300 dpi); a wider dark band is left alone."""


def remove_streaks(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """Paint out the thin dark lines that run the whole length of a scan along its columns (dirt on the
    scanner's glass): they cut through every letter they cross, and Tesseract reads them as `I`, `l` or
    `|`. Each row under a line takes the lighter of the pixels just left and right of it, so a letter's
    stroke crossing the line (ink on both sides) stays joined and the paper turns white."""
    h, w = img.shape[:2]
    if h < 200 or w < 200:
        return img, None
    threshold, _ = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    share = (img < threshold).mean(axis=0)
    dark = share >= STREAK_SHARE
    if not dark.any():
        return img, None
    edges = np.flatnonzero(np.diff(np.r_[0, dark.astype(np.int8), 0]))
    out = img
    count = 0
    for x0, x1 in zip(edges[::2], edges[1::2], strict=True):
        if x1 - x0 > MAX_STREAK_PX or x0 <= 2 or x1 >= w - 2:
            continue  # a dark band, or the scanner lid's border at the sheet's edge
        if out is img:
            out = img.copy()
        a, b = x0 - 1, x1 + 1  # the line's soft edges included; x0 > 2 and x1 < w - 2
        bridge = np.maximum(img[:, a - 1], img[:, b])  # ink only where both sides are ink
        out[:, a:b] = bridge[:, None]
        count += 1
    return (out, f"streaks:{count}") if count else (img, None)


BANDS_KERNEL_PX = 15
"""Width (pixels at 300 dpi) of the closing that takes the print off a photographed sheet's paper for its
fine background: wider than a bold letter's stroke (6–8 px), narrower than the light bands of a monitor's
moiré (21–60 px on the sheet)."""
BANDS_PERIODS = (16.0, 80.0)
"""Periods (pixels at 300 dpi) of the light bands looked for on a photographed sheet."""
MIN_BANDS_PEAK = 0.1
"""Least share of the fine background's spectral power in those periods that one frequency must hold for
the paper to be banded. Measured on 16 eighth-family photos: a photographed monitor 0.14–0.16; sheets
0.002–0.07 (the top ones: motion-blurred print whose lines the closing does not clear, at their pitch);
a monitor's photo also blurred and dim 0.02–0.06, told by the bands' extent instead (`is_banded`)."""


BAND_CANDIDATES = 4
"""Strongest frequencies of the fine background tried as bands (the text lines' pitch is often first)."""
MIN_BAND_AMPLITUDE = 0.016
"""Least amplitude (relative brightness, median over the sheet's middle) of a frequency in `BANDS_PERIODS`
for the paper to be banded by it. Measured on 55 eighth-family photos: a photographed monitor 0.018–0.037
(dim and blurred ones included), plain sheets 0.0003–0.0066 at their strongest frequency outside the text
lines' pitch; a photographed nameplate's plate 0.009–0.014."""
MIN_BAND_SPREAD = 0.8
"""Least ratio of a banding frequency's amplitude along the sheet's blank margins to that in its middle:
a monitor's bands run across the whole sheet (0.87–0.99 measured), the pattern of blurred text lines
stops where the print does (0.12–0.50 on the same photos), a nameplate's surface 0.2–0.65."""
MAX_BAND_SPREAD = 1.5
"""Above this ratio the frequency is stronger along the margins than in the middle: a frame or an edge
running along the sheet (a nameplate's rim measured 2.0–2.6), not bands crossing it."""


def _relative(bg: np.ndarray) -> np.ndarray:
    """The fine background's relative variation on a quarter-size copy (0 where it follows the light)."""
    small = cv2.resize(bg, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA).astype(np.float32)
    return small / np.maximum(cv2.GaussianBlur(small, (0, 0), 12), 1) - 1


def _band_spectrum(rel: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Power of the middle of `rel` (Hann-windowed) at the frequencies whose period lies in `BANDS_PERIODS`
    (0 elsewhere), and those frequencies (cycles per pixel, vertical and horizontal)."""
    h, w = rel.shape[:2]
    mid = rel[h // 8 : h - h // 8, w // 8 : w - w // 8]
    mid = mid * np.outer(np.hanning(mid.shape[0]), np.hanning(mid.shape[1]))
    power = np.abs(np.fft.fft2(mid)) ** 2
    fy = np.fft.fftfreq(mid.shape[0])[:, None]
    fx = np.fft.fftfreq(mid.shape[1])[None, :]
    period = 4 / np.maximum(np.hypot(fx, fy), 1e-9)
    ring = (period > BANDS_PERIODS[0]) & (period < BANDS_PERIODS[1])
    return np.where(ring, power, 0.0), np.broadcast_to(fy, power.shape), np.broadcast_to(fx, power.shape)


def _band_spread(rel: np.ndarray, freq: tuple[float, float]) -> tuple[float, float]:
    """Amplitude of one frequency of `rel` (its analytic band, a quarter octave wide, taken out of the whole
    sheet) in the sheet's middle (median) and the ratio of its amplitude along the margins (a ring 2–6 %
    in from the edges, inside the painted border) to that."""
    h, w = rel.shape[:2]
    fy, fx = freq
    gy = np.fft.fftfreq(h)[:, None]
    gx = np.fft.fftfreq(w)[None, :]
    keep = np.hypot(gy - fy, gx - fx) < 0.25 * float(np.hypot(fy, fx))
    amp = np.abs(np.fft.ifft2(np.fft.fft2(rel) * keep))
    a, b = int(0.02 * min(h, w)), int(0.06 * min(h, w))
    margin = np.zeros((h, w), bool)
    margin[a : h - a, a : w - a] = True
    margin[b : h - b, b : w - b] = False
    middle = float(np.median(amp[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4]))
    return middle, float(np.median(amp[margin])) / max(middle, 1e-9)


def is_banded(bg: np.ndarray) -> bool:
    """Is a photographed sheet's paper (`bg`: print closed over) crossed by regular light bands? Either one
    frequency holds `MIN_BANDS_PEAK` of the fine background's power, or one of its `BAND_CANDIDATES`
    strongest frequencies reaches `MIN_BAND_AMPLITUDE` and runs on evenly into the blank margins
    (`MIN_BAND_SPREAD`, `MAX_BAND_SPREAD`): bands of a dim or blurred monitor photo share the spectrum
    with the text lines' pitch and noise, and only their extent tells them from blurred lines of print."""
    rel = _relative(bg)
    power, fy, fx = _band_spectrum(rel)
    if power.max() >= MIN_BANDS_PEAK * max(float(power.sum()), 1e-12):
        return True
    flat = power.ravel().copy()
    for _ in range(BAND_CANDIDATES):
        i = int(np.argmax(flat))
        if flat[i] <= 0:
            break
        freq = (float(fy.ravel()[i]), float(fx.ravel()[i]))
        amplitude, spread = _band_spread(rel, freq)
        if amplitude >= MIN_BAND_AMPLITUDE and MIN_BAND_SPREAD <= spread <= MAX_BAND_SPREAD:
            return True
        # the frequency, its mirror and their neighbours are done
        near = (np.hypot(fy.ravel() - freq[0], fx.ravel() - freq[1]) < 0.25 * np.hypot(*freq)) | (
            np.hypot(fy.ravel() + freq[0], fx.ravel() + freq[1]) < 0.25 * np.hypot(*freq))
        flat[near] = 0
    return False


def flatten_bands(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    """A photographed sheet whose paper is crossed by regular light bands (a monitor's moiré photographed)
    divided by its fine background (the paper with the print closed over, softly blurred): the bands are
    narrower than `flatten_background` follows and otherwise turn into gray stripes that Otsu's threshold
    keeps as ink and the line-direction profile takes for text lines (a photographed screen of a register
    extract was turned 90° and read nothing: any-order CER 1.00 → 0.02). Sheets without such bands are
    left alone: blurred print wider than the closing would be lightened with the paper."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (BANDS_KERNEL_PX, BANDS_KERNEL_PX))
    bg = cv2.morphologyEx(img, cv2.MORPH_CLOSE, kernel)
    if not is_banded(bg):
        return img, None
    bg = cv2.GaussianBlur(bg, (0, 0), 3)
    return cv2.divide(img, np.maximum(bg, 1), scale=255), "flatten-bands"


def clean_background(img: np.ndarray, steps: list[str]) -> np.ndarray:
    """Background steps by what the page needs: a photographed sheet's paper evened at a fine scale
    (`flatten_bands`), uneven light flattened and the paper then painted white, speckle removed, tinted
    areas of an evenly lit page whitened, scanner streaks painted out. Labels are appended to `steps`."""
    if SHEET_STEP in steps:
        img, fine = flatten_bands(img)
        if fine:
            steps.append(fine)
    img, label = flatten_background(img, surfaces=SHEET_STEP not in steps)
    flat = label is not None
    if label:
        steps.append(label)
    for step in (denoise, whiten_paper if flat else whiten_shading, remove_streaks):
        img, label = step(img)
        if label:
            steps.append(label)
    return img


# --- orientation and skew ------------------------------------------------------------------------------


def _ink_small(img: np.ndarray, width: int = 1000) -> np.ndarray:
    scale = width / max(img.shape[:2])
    small = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # drop long rulings (table grids): they are not text and confuse line-direction and up/down evidence
    ink = cv2.subtract(ink, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 41), np.uint8)))
    ink = cv2.subtract(ink, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((41, 1), np.uint8)))
    return ink


def _profile_score(ink: np.ndarray, angle: float) -> float:
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    profile = rotated.sum(axis=1, dtype=np.float64)
    return float(np.var(profile))


def skew_angle(img: np.ndarray, max_angle: float = 6.0, ink: np.ndarray | None = None) -> float:
    """Skew in degrees by maximising the variance of the row profile of the text ink."""
    if ink is None:
        ink = _ink_small(img, 800)
    best = max(np.arange(-max_angle, max_angle + 0.01, 0.5), key=lambda a: _profile_score(ink, a))
    fine = max(np.arange(best - 0.5, best + 0.51, 0.1), key=lambda a: _profile_score(ink, a))
    return round(float(fine), 2)


VERTICAL_RATIO = 1.3
"""Column-profile variance over row-profile variance above which the text lines are taken to run up–down."""
SURE_VERTICAL_RATIO = 2.5
"""Below this ratio the profiles' verdict "turned 90°" is checked with Tesseract's OSD first, and the page
is taken as turned only when OSD says so or cannot tell (up/down is then settled as for any page).
Measured on the eighth family's pages: turned scans 2.3–27, upright pages 0.04–0.61 — and a phone photo
of a bent two-column contract 1.48 (read turned 90°: any-order CER 0.74; OSD: upright); a page of five
narrow columns of words measures 1.9."""


def vertical_ratio(ink: np.ndarray) -> float:
    """Best column-profile variance over best row-profile variance, over small skews: above
    `VERTICAL_RATIO` the text lines run up–down (page turned 90°/270°)."""
    angles = np.arange(-5, 5.01, 1.0)
    rows = max(_profile_score(ink, a) for a in angles)
    cols = max(_profile_score(np.ascontiguousarray(ink.T), a) for a in angles)
    return cols / max(rows, 1e-9)


def text_is_vertical(ink: np.ndarray) -> bool:
    """Do the text lines run up–down (page turned 90°/270°)? See `vertical_ratio`."""
    return vertical_ratio(ink) > VERTICAL_RATIO


def _strip_counts(ink: np.ndarray, strips: int) -> tuple[list[tuple[float, float]], int]:
    """Per vertical strip of the page, the ink rising above its lines' x-height band and dropping below
    it (strips with too little of either left out), and the number of lines measured."""
    w = ink.shape[1]
    counts: list[tuple[float, float]] = []
    measured = 0
    for k in range(strips):
        part = ink[:, k * w // strips : (k + 1) * w // strips]
        profile = (part > 0).sum(axis=1).astype(np.float32)
        if profile.max() < 6:
            continue
        rows = profile > max(1.0, 0.06 * float(profile.max()))
        edges = np.flatnonzero(np.diff(np.r_[0, rows.astype(np.int8), 0]))
        above = below = 0.0
        for y0, y1 in zip(edges[::2], edges[1::2], strict=True):
            if y1 - y0 < 5 or y1 - y0 > 40:
                continue
            band = profile[y0:y1]
            core = np.flatnonzero(band >= 0.5 * band.max())
            c0, c1 = int(core[0]), int(core[-1])
            if c1 - c0 < 2:
                continue
            above += float(band[:c0].sum())
            below += float(band[c1 + 1 :].sum())
            measured += 1
        if above + below > 20:
            counts.append((above, below))
    return counts, measured


def upside_down_score(ink: np.ndarray, strips: int = 4) -> tuple[float, int]:
    """Evidence that the text is upside down, from where letters leave the x-height band of each line:
    capitals, digits, б й ё and ascenders rise above it more than descenders (р у д ц щ , ) drop below.
    Lines are found per vertical strip of the page (so that columns and table cells do not merge).
    Returns (score in -1..1, positive = upside down, 0 when strips disagree; number of lines measured)."""
    counts, measured = _strip_counts(ink, strips)
    votes = [(below - above) / (below + above) for above, below in counts]
    if not votes:
        return 0.0, 0
    if min(votes) < -0.05 and max(votes) > 0.05:
        return 0.0, measured
    return float(np.mean(votes)), measured


def upside_down_lean(ink: np.ndarray, strips: int = 4) -> float:
    """The same evidence pooled over the whole page (-1..1, positive = upside down): too weak to turn a
    page by, and a prior for which way to try first. On 24 first-family scans the upright pages leaned
    -0.04 to -0.55 and the same pages upside down -0.11 to +0.46 (four of them still below 0)."""
    counts, _ = _strip_counts(ink, strips)
    above = sum(a for a, _ in counts)
    below = sum(b for _, b in counts)
    return (below - above) / (below + above) if above + below else 0.0


_TURN = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


OSD_SCALE = 0.5
"""Tesseract's orientation detection reads a copy of the page at this scale (~150 dpi): 0.15–0.5 s a
page in process. On 20 generated bad scans (6 turned 180°, 5 turned 90°) it named the turn right on all,
confidence 9.5–26; at a third of the size it was unsure (confidence under 2) on three."""
OSD_CONFIDENCE = 2.0
"""Below this OSD's answer is not taken (Tesseract's own OSD gives 0–2 for pages it cannot judge)."""
OSD_SURE = 5.0
"""From this confidence on, OSD's answer settles the page's orientation (the OCR stage reads it once). Below
it the answer is taken, and the reading may still turn the page: a photo's noisy sheet once had OSD turn
it upside down at confidence 2.4; pages OSD named right on measured 9.5–26."""
OSD_STEP = "upright:osd"
SHEET_STEP = "perspective"
"""The step of a photographed sheet cut out along its outline and seen from above."""
"""Step recorded when OSD settled up/down with confidence: the OCR stage then reads the page once."""
READ_STEP = "upright:read"
"""Step recorded when the letters' shape left up/down open on a page whose lines run across and lean
upright (`upside_down_lean`), and orientation detection was left to the reading: the page stage reads
it as it is and keeps it when that reading is sure (`ocr.reads_upright`), else
cleans it again with orientation detection. A clean scan's reading tells upright from upside down
plainly (first-family scans: confidence 0.92–0.96 and 74–88 % of letters in known long words upright,
0.39–0.48 and 0–2 % upside down), and the orientation detection it spares is a second Tesseract run
(0.2 s of a page's 1.1–2.3 s of OCR)."""


def osd_rotation(img: np.ndarray) -> tuple[int, float] | None:
    """Tesseract OSD on a half-size copy of the page: (degrees to turn clockwise, confidence), or None when
    unsure."""
    from extractors import ocr

    small = cv2.resize(img, None, fx=OSD_SCALE, fy=OSD_SCALE, interpolation=cv2.INTER_AREA)
    try:
        found = ocr.orientation(small, int(TARGET_DPI * OSD_SCALE))
    except ocr.TesseractError:
        return None
    if found is None or found[1] < OSD_CONFIDENCE:
        return None
    return found


def fix_orientation(img: np.ndarray, *, read_first: bool = False) -> tuple[np.ndarray, list[str]]:
    """Turn the page upright and straighten it: line direction from projection profiles, skew from the
    row profile, up/down from the letters' shape when that is clear, from Tesseract's OSD otherwise
    (before the OCR, so that a page turned upside down is not read twice). `read_first`: a page whose
    lines run across and lean upright is left as it is for its reading to judge (`READ_STEP`)."""
    ink = _ink_small(img)
    turn = 0
    ratio = vertical_ratio(ink)
    vertical = ratio > VERTICAL_RATIO
    if VERTICAL_RATIO < ratio < SURE_VERTICAL_RATIO:
        axis = osd_rotation(img)  # the profiles are unsure: orientation detection decides the axis
        vertical = axis is None or axis[0] in (90, 270)
    if vertical:
        turn = 90
        ink = np.ascontiguousarray(cv2.rotate(ink, cv2.ROTATE_90_CLOCKWISE))
    angle = skew_angle(img, ink=ink)
    h, w = ink.shape
    level = cv2.warpAffine(
        ink,
        cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0),
        (w, h),
        flags=cv2.INTER_NEAREST,
        borderValue=0,
    )
    score, lines = upside_down_score(level)
    decided = read = False
    if lines >= 6 and abs(score) >= 0.2:
        if score > 0:
            turn = (turn + 180) % 360
    elif read_first and not turn and upside_down_lean(level) < 0:
        read = True
    else:
        found = osd_rotation(cv2.rotate(img, _TURN[turn]) if turn else img)
        if found is not None:
            osd, confidence = found
            decided = confidence >= OSD_SURE
            turn = (turn + osd) % 360
            if osd in (90, 270):
                angle = 0.0  # the profile read the wrong axis; skew is measured again below
    steps = []
    if turn:
        img = cv2.rotate(img, _TURN[turn])
        steps.append(f"rotate:{turn}")
    if turn in (0, 180, 90) and angle == 0.0 and steps:
        angle = skew_angle(img)
    if abs(angle) >= 0.2:
        h, w = img.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
        steps.append(f"deskew:{angle:+.2f}")
    if decided:
        steps.append(OSD_STEP)
    if read:
        steps.append(READ_STEP)
    return img, steps


def guessed_quarter_turn(steps: Sequence[str]) -> int:
    """The quarter turn (90 or 270) the clean-up gave the page from its line direction alone, without
    Tesseract's orientation detection confirming it; 0 when there was none. Streaks of noise, two narrow
    columns of justified text or a photo's blur can make an upright page's column profile look like lines:
    such a guess is checked against the page's reading (`extractors.pages`)."""
    if OSD_STEP in steps:
        return 0
    turns = [int(s.split(":")[1]) for s in steps if s in ("rotate:90", "rotate:270")]
    return turns[0] if turns else 0


def deskew(img: np.ndarray) -> tuple[np.ndarray, str | None]:
    angle = skew_angle(img)
    if abs(angle) < 0.2:
        return img, None
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    return out, f"deskew:{angle:+.2f}"


# --- the chain -----------------------------------------------------------------------------------------


def prepare(img: np.ndarray, dpi: float | None, *, sheet: bool = True) -> tuple[np.ndarray, list[str]]:
    """Colour stage: a photographed sheet cut out and seen from above (unless `sheet` is False), coloured
    ink dropped; → gray; the dark scanner background around the sheet painted paper-white
    (`extractors.borders`); a photocopy's halftone screen and a monitor's moiré stripes cut out
    (`extractors.descreen`, `extractors.destripe`; a photographed sheet's stripes too); a page streaked
    all over brought to its paper's level (`extractors.streaks`); small text enlarged."""
    steps: list[str] = []
    if img.ndim == 3:
        quad = find_sheet(img) if sheet else None
        blur = None
        if quad is not None:
            centre = (float(quad[:, 0].mean()), float(quad[:, 1].mean()))
            blur = deblur.estimate(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), centre)
            transform, _ = sheet_transform(quad)
            blur = deblur.through(blur, transform, centre) if blur is not None else None
            img = unwarp_sheet(img, quad)
            steps.append(SHEET_STEP)
        img, label = to_gray(img)
        if label:
            steps.append(label)
        if quad is not None:
            img, label = destripe(img)
            if label:
                steps.append(label)
            if blur is not None:  # the phone shook: its line taken out before the margin is painted
                img = deblur.deconvolve(img, blur)
                steps.append(deblur.label(blur))
            return paper_margin(img), steps
    for step in (paint_border, descreen, destripe):
        img, label = step(img)
        if label:
            steps.append(label)
    img, label = lift_streaks(img)
    if label:
        steps.append(label)
    img, label = normalize_resolution(img, dpi)
    if label:
        steps.append(label)
    return img, steps


def clean(
    img: np.ndarray, dpi: float | None, *, orientation: bool = True, sheet: bool = True,
    read_first: bool = False,
) -> tuple[np.ndarray, tuple[str, ...]]:
    """The clean-up chain; returns the gray image ready for OCR and the steps applied. `sheet=False`
    leaves a photographed page as taken (no sheet outline looked for); `read_first`: see
    `fix_orientation`."""
    img, steps = unoriented(img, dpi, sheet=sheet)
    if orientation:
        return orient(img, steps, read_first=read_first)
    img, label = deskew(img)
    return _lines_straightened(img, [*steps, *([label] if label else [])])


def unoriented(
    img: np.ndarray, dpi: float | None, *, sheet: bool = True
) -> tuple[np.ndarray, tuple[str, ...]]:
    """The clean-up up to the page's orientation (`prepare`, then `clean_background`): what `orient` turns
    upright, once or again with orientation detection, without running the colour and background stages
    twice."""
    img, steps = prepare(img, dpi, sheet=sheet)
    img = clean_background(img, steps)
    return img, tuple(steps)


def orient(img: np.ndarray, steps: tuple[str, ...], *, read_first: bool = False
           ) -> tuple[np.ndarray, tuple[str, ...]]:
    """The rest of the chain on an `unoriented` page and its steps: orientation and skew
    (`fix_orientation`), then a photographed sheet's lines straightened."""
    out = list(steps)
    if SHEET_STEP in out:
        img = _straightened_if_unsure(img, out)
    img, labels = fix_orientation(img, read_first=read_first)
    out.extend(labels)
    return _lines_straightened(img, out)


def _lines_straightened(img: np.ndarray, steps: list[str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """A photographed sheet's text lines straightened: a bent sheet's lines still curve once its outline is
    flat (`extractors.textlines`)."""
    if SHEET_STEP in steps:
        img, label = straighten(img)
        if label and label not in steps:
            steps.append(label)
    return img, tuple(steps)


def _straightened_if_unsure(img: np.ndarray, steps: list[str]) -> np.ndarray:
    """A photographed sheet whose line direction is unsure (column over row variance between
    `VERTICAL_RATIO` and `SURE_VERTICAL_RATIO`) straightened before its orientation is judged, when its
    lines then clearly run across: a bent, motion-blurred two-column contract measured 1.45, orientation
    detection could not tell, and it was read turned 90° (any-order CER 0.83); straightened, 0.54."""
    if not VERTICAL_RATIO < vertical_ratio(_ink_small(img)) < SURE_VERTICAL_RATIO:
        return img
    straight, label = straighten(img)
    if label is None or vertical_ratio(_ink_small(straight)) >= VERTICAL_RATIO:
        return img
    steps.append(label)
    return straight
