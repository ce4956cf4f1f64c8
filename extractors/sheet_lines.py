"""A photographed sheet's outline from straight lines: the four edges of the paper fitted as lines on the
edge map, the way document scanners find a page when its bright area is not a clean quadrilateral (a
shadow across a corner cuts the paper mask along a chord, but the paper's edges stay straight lines)."""

from __future__ import annotations

import cv2
import numpy as np

MAX_TILT_DEG = 25.0
"""How far from the picture's axes an edge of the sheet may lie (photos: turned ±5°, seen from the side)."""
MIN_SUPPORT = 0.5
"""Share of a side's length that must lie on the edge map for the side to count as drawn."""
LINES_PER_AXIS = 6


def _intersect(l1: tuple[float, float], l2: tuple[float, float]) -> np.ndarray | None:
    (r1, t1), (r2, t2) = l1, l2
    a = np.array([[np.cos(t1), np.sin(t1)], [np.cos(t2), np.sin(t2)]])
    if abs(np.linalg.det(a)) < 1e-6:
        return None
    return np.linalg.solve(a, np.array([r1, r2]))


def _strongest(lines: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The strongest distinct lines (Hough returns them by votes; near-duplicates dropped)."""
    out: list[tuple[float, float]] = []
    for r, t in lines:
        if all(abs(r - r2) > 8 or abs(t - t2) > 0.08 for r2, t2 in out):
            out.append((r, t))
        if len(out) >= LINES_PER_AXIS:
            break
    return out


def _support(edges: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """Share of the segment a→b lying on edge pixels (0 when most of it is outside the picture)."""
    n = max(int(np.linalg.norm(b - a) / 2), 10)
    t = np.linspace(0.03, 0.97, n)[:, None]
    p = np.rint(a + (b - a) * t).astype(int)
    h, w = edges.shape
    inside = (p[:, 0] >= 0) & (p[:, 0] < w) & (p[:, 1] >= 0) & (p[:, 1] < h)
    if inside.sum() < n * 0.5:
        return 0.0
    p = p[inside]
    return float((edges[p[:, 1], p[:, 0]] > 0).mean())


COLOUR_GAIN = 4.0
"""Factor the colour channels' differences are enlarged by before edges are found on them: a white sheet
on a grey-blue desk of its own brightness differs from it by 7–9 units of a*b*."""


def edge_map(small_bgr: np.ndarray, colour: bool = False) -> np.ndarray:
    """Edges of the picture with the print erased (dark text and rules closed over), slightly thickened:
    brightness edges, and with `colour` colour edges too (CIELAB a*, b*: a sheet on a desk as light as
    itself)."""
    if not colour:
        gray = cv2.cvtColor(small_bgr, cv2.COLOR_BGR2GRAY)
        gray = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
        gray = cv2.GaussianBlur(gray, (5, 5), 0)
        return cv2.dilate(cv2.Canny(gray, 20, 60), np.ones((3, 3), np.uint8))
    closed = cv2.morphologyEx(small_bgr, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    closed = cv2.GaussianBlur(closed, (5, 5), 0)
    edges = cv2.Canny(cv2.cvtColor(closed, cv2.COLOR_BGR2GRAY), 20, 60)
    lab = cv2.cvtColor(closed, cv2.COLOR_BGR2LAB)
    for channel in (1, 2):
        tint = (lab[:, :, channel].astype(np.float32) - 128) * COLOUR_GAIN + 128
        edges = cv2.bitwise_or(edges, cv2.Canny(np.clip(tint, 0, 255).astype(np.uint8), 20, 60))
    return cv2.dilate(edges, np.ones((3, 3), np.uint8))


def quads_from_lines(small_bgr: np.ndarray, colour: bool = False) -> list[np.ndarray]:
    """Quadrilaterals (TL, TR, BR, BL) bounded by two near-vertical and two near-horizontal lines of the
    edge map (`colour`: colour edges included), each side drawn along at least `MIN_SUPPORT` of its
    length and the whole covering 20–97 % of the picture; best first (sides best drawn, then larger)."""
    sh, sw = small_bgr.shape[:2]
    edges = edge_map(small_bgr, colour)
    found = cv2.HoughLines(edges, 1, np.pi / 360, 80)
    if found is None:
        return []
    lines = [(float(r), float(t)) for r, t in found[:, 0]]
    tilt = np.radians(MAX_TILT_DEG)
    vertical = _strongest([(r, t) for r, t in lines if t < tilt or t > np.pi - tilt])
    horizontal = _strongest([(r, t) for r, t in lines if abs(t - np.pi / 2) < tilt])

    def x_mid(line: tuple[float, float]) -> float:
        p = _intersect(line, (sh / 2, np.pi / 2))
        return float(p[0]) if p is not None else 0.0

    def y_mid(line: tuple[float, float]) -> float:
        p = _intersect(line, (sw / 2, 0.0))
        return float(p[1]) if p is not None else 0.0

    scored: list[tuple[float, np.ndarray]] = []
    for i, a in enumerate(vertical):
        for b in vertical[i + 1 :]:
            left, right = sorted((a, b), key=x_mid)
            if x_mid(right) - x_mid(left) < 0.3 * sw:
                continue
            for j, c in enumerate(horizontal):
                for d in horizontal[j + 1 :]:
                    top, bottom = sorted((c, d), key=y_mid)
                    if y_mid(bottom) - y_mid(top) < 0.3 * sh:
                        continue
                    corners = [_intersect(top, left), _intersect(top, right),
                               _intersect(bottom, right), _intersect(bottom, left)]
                    if any(p is None for p in corners):
                        continue
                    quad = np.array(corners, np.float32)
                    if (quad < -2).any() or (quad[:, 0] > sw + 1).any() or (quad[:, 1] > sh + 1).any():
                        continue
                    area = cv2.contourArea(quad) / (sw * sh)
                    if not 0.2 <= area <= 0.97:
                        continue
                    support = [_support(edges, quad[k], quad[(k + 1) % 4]) for k in range(4)]
                    if min(support) < MIN_SUPPORT:
                        continue
                    scored.append((sum(support) + area, quad))
    scored.sort(key=lambda s: -s[0])
    return [q for _, q in scored]
