"""Columns of running text found from the word boxes alone: a whitespace gutter down a stretch of page.

Two columns of running text (a bilingual contract: Kazakh on the left, Russian on the right) are read
one column after the other. Tesseract's blocks do not always tell them apart (it joins the lines at the
same height into one line, or cuts the columns into blocks that span both), so the gutter is looked for
in the word boxes, as whitespace analysis does: the page is cut into visual rows (words whose middle
bands overlap), each row leaves some stretches of x free of ink; a gutter is a stretch at least
`GUTTER` × the word height wide on some row (`NARROW` on others: a long word running up to the next
column) left free by a run of consecutive rows (a horizontal ruling across it
ends the run), with words on both sides. The run is a zone of two columns when

- each side holds at least `LINES` rows and is at least `WIDTH` of the page wide;
- each side reads as running text: no gap inside a side's row as wide as `WIDE` × the word height (a
  table's cells, a label's value far right), at least `FULL` of its rows reach `REACH` of the side's
  width (a paragraph's lines fill the column; a form's labels and values do not), at least `WORDS`
  words in a median row.

Rows at the run's ends that stand apart from the rest (a vertical gap of `APART` × the word height, and
of `LOOSE` × the run's median gap between rows where its lines are set wide apart, in pieces of fewer
than `LINES` rows: a place and a date printed left and right above the columns, a note
under the left one) are not part of the zone, nor is a first row that crosses the gutter at a mere
word space (a full-width line above the columns); rows under it with words on both sides (each party's
signature under its details) are.

Two parties' details side by side (short lines, not running text) make a zone too, read party after
party: at least `SAME_STARTS` words start rows on both sides (`бин`, `адрес`, `иик`, `банк` …); then the
gutter may be as narrow as `NARROW` × the word height on every row (a long address line nearly meeting
the other column).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

Box = tuple[float, float, float, float]

GUTTER = 1.0
NARROW = 0.5
LINES = 4
WIDTH = 0.25
WIDE = 1.5
STRAY = 0.2
FULL = 0.5
REACH = 0.7
WORDS = 3
APART = 1.0
LOOSE = 1.5
SAME_STARTS = 3
SPACING = 1.3
MIDDLE = 0.2
"""A word's middle band for rows: its box less this share of its height at the top and at the bottom
(ascenders and descenders of neighbouring lines overlap; their middles do not)."""


@dataclass(frozen=True)
class Zone:
    """Two columns of running text: the gutter's x, the zone's top and bottom, its words."""

    x: float
    top: float
    bottom: float
    words: frozenset[int]


@dataclass
class _Run:
    lo: float
    hi: float
    rows: list[int]
    wide: bool
    """Is the gutter at least GUTTER × the word height wide on one of its rows?"""


def _rows(idx: Sequence[int], boxes: Sequence[Box]) -> list[list[int]]:
    """Words grouped into visual rows (their middle bands overlapping), top to bottom, each left to
    right."""
    spans = []
    for i in idx:
        h = boxes[i][3] - boxes[i][1]
        spans.append((boxes[i][1] + MIDDLE * h, boxes[i][3] - MIDDLE * h, i))
    spans.sort()
    rows: list[list[int]] = []
    end = float("-inf")
    for y0, y1, i in spans:
        if rows and y0 <= end:
            rows[-1].append(i)
            end = max(end, y1)
        else:
            rows.append([i])
            end = y1
    return [sorted(r, key=lambda i: boxes[i][0]) for r in rows]


def _free(row: list[int], boxes: Sequence[Box], least: float) -> list[tuple[float, float]]:
    """The stretches of x between the row's words at least `least` wide, and the open ends."""
    out = [(float("-inf"), boxes[row[0]][0])]
    end = boxes[row[0]][2]
    for i in row[1:]:
        if boxes[i][0] - end >= least:
            out.append((end, boxes[i][0]))
        end = max(end, boxes[i][2])
    out.append((end, float("inf")))
    return out


def _side_is_prose(rows: list[list[int]], boxes: Sequence[Box], width: float, height: float) -> bool:
    rows = [r for r in rows if r]
    if len(rows) < LINES:
        return False
    x0, x1 = min(boxes[r[0]][0] for r in rows), max(boxes[i][2] for r in rows for i in r)
    if x1 - x0 < WIDTH * width:
        return False
    full = wide = 0
    for r in rows:
        wide += any(boxes[b][0] - boxes[a][2] >= WIDE * height for a, b in pairwise(r))
        full += max(boxes[i][2] for i in r) - boxes[r[0]][0] >= REACH * (x1 - x0)
    counts = sorted(len(r) for r in rows)
    return wide <= STRAY * len(rows) and full >= FULL * len(rows) and counts[len(counts) // 2] >= WORDS


def _spaced(row: list[int], boxes: Sequence[Box], x: float) -> bool:
    """Does the row cross `x` at one of its word spaces: words on both sides, the gap there under SPACING
    × the median of its other gaps (a line of running text across the page, not two columns' lines)?"""
    gaps = [(boxes[b][0] - boxes[a][2], boxes[a][2] <= x <= boxes[b][0]) for a, b in pairwise(row)]
    at = [g for g, here in gaps if here]
    others = sorted(g for g, here in gaps if not here)
    return bool(at) and len(others) >= 2 and at[0] < SPACING * others[len(others) // 2]


def _apart_at(row: list[int], boxes: Sequence[Box], x: float, least: float) -> bool:
    """Has the row words on both sides of `x` at least `least` apart there (not a word space)?"""
    return any(boxes[a][2] <= x <= boxes[b][0] and boxes[b][0] - boxes[a][2] >= least
               for a, b in pairwise(row))


def _same_starts(left: list[list[int]], right: list[list[int]], texts: Sequence[str]) -> bool:
    """Do at least SAME_STARTS words with letters start rows on both sides?"""
    starts = [{texts[r[0]] for r in side if r and any(c.isalpha() for c in texts[r[0]])}
              for side in (left, right)]
    return len(starts[0] & starts[1]) >= SAME_STARTS


def _zone(run: _Run, rows: list[list[int]], boxes: Sequence[Box], texts: Sequence[str], width: float,
          height: float) -> Zone | None:
    """The run as a zone of two columns, its stray end rows left out; None when it is not one."""
    x = (run.lo + run.hi) / 2
    gaps = [min(boxes[i][1] for i in rows[b]) - max(boxes[i][3] for i in rows[a])
            for a, b in pairwise(run.rows)]
    apart = max(APART * height, LOOSE * sorted(gaps)[len(gaps) // 2]) if gaps else 0.0
    pieces: list[list[int]] = [[run.rows[0]]]
    for b, gap in zip(run.rows[1:], gaps, strict=True):
        if gap >= apart:
            pieces.append([])
        pieces[-1].append(b)
    while pieces and len(pieces[0]) < LINES:
        pieces.pop(0)
    while pieces and _spaced(rows[pieces[0][0]], boxes, x):
        pieces[0].pop(0)  # a line across the gutter at a word space: the text above the columns
        if not pieces[0]:
            pieces.pop(0)
    while pieces and len(pieces[-1]) < LINES and not all(
            _apart_at(rows[k], boxes, x, GUTTER * height) for k in pieces[-1]):
        pieces.pop()
    kept = [k for p in pieces for k in p]
    left = [[i for i in rows[k] if boxes[i][2] <= x] for k in kept]
    right = [[i for i in rows[k] if boxes[i][0] >= x] for k in kept]
    prose = run.wide and _side_is_prose(left, boxes, width, height) and _side_is_prose(right, boxes, width,
                                                                                         height)
    if not (prose or _same_starts(left, right, texts)):
        return None
    words = frozenset(i for k in kept for i in rows[k])
    return Zone(x, min(boxes[i][1] for i in words), max(boxes[i][3] for i in words), words)


def column_zones(idx: Sequence[int], boxes: Sequence[Box], texts: Sequence[str], rulings: Sequence[Box],
                 width: float, height: float) -> list[Zone]:
    """Zones of two columns of running text among the words `idx` (marks left out by the caller);
    `texts`: the words lower-cased without trailing `:.,`; `rulings`: horizontal rulings (x0, y0, x1,
    y1) in pixels; `height`: the median word height."""
    if not idx:
        return []
    rows = _rows(idx, boxes)
    least, narrow = GUTTER * height, NARROW * height
    zones: list[Zone] = []
    runs: list[_Run] = []
    for k, row in enumerate(rows):
        top = min(boxes[i][1] for i in row)
        prev_bottom = max(boxes[i][3] for i in rows[k - 1]) if k else top
        free = _free(row, boxes, narrow)
        kept: list[_Run] = []
        for run in runs:
            ruled = any(r[0] < run.lo and r[2] > run.hi and prev_bottom <= (r[1] + r[3]) / 2 <= top
                        for r in rulings)
            shared = [(max(run.lo, f[0]), min(run.hi, f[1]), f[1] - f[0]) for f in free]
            best = None if ruled else max(shared, key=lambda s: s[1] - s[0])
            if best is not None and best[1] - best[0] >= narrow:
                run.lo, run.hi = best[:2]
                run.wide = run.wide or best[2] >= least
                run.rows.append(k)
                kept.append(run)
            else:
                zone = _zone(run, rows, boxes, texts, width, height)
                if zone is not None:
                    zones.append(zone)
        for lo, hi in free[1:-1]:
            if not any(r.lo <= lo and hi <= r.hi for r in kept):  # a run across it already goes on
                kept.append(_Run(lo, hi, [k], hi - lo >= least))
        runs = kept
    for run in runs:
        zone = _zone(run, rows, boxes, texts, width, height)
        if zone is not None:
            zones.append(zone)
    return _disjoint(zones)


def _disjoint(zones: list[Zone]) -> list[Zone]:
    """The zones with most words first, each sharing no word with one kept before it."""
    out: list[Zone] = []
    for z in sorted(zones, key=lambda z: -len(z.words)):
        if all(not (z.words & o.words) for o in out):
            out.append(z)
    return out
