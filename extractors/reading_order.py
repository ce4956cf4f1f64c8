"""Reading order of an OCR'd page: the order a person reads the words in, from their boxes.

Tesseract's own order follows its layout blocks, which on forms, tables and letterheads is not the
reading order: a label and its value land in separate blocks read far apart, a two-column letterhead's
left and right lines are joined into one line, a table is read cell block by cell block. The words are
put in order by cutting the page recursively at white space (an X-Y cut over the word boxes):

- a row gap (no word box spans it) of at least `ROW_GAP` × the median word height is cut first, the
  widest first: sections, form rows and table rows are read top to bottom;
- otherwise a column gap at least `WIDE_GAP` × the word height wide: a label and its value, table
  cells, the two halves of a letterhead are read left to right, each part whole (a wrapped label's
  lines before its value). Two parties' details side by side (the same labels start lines on both
  sides, `PARALLEL_ROWS`) are cut so even before a row gap, and at a gap only `PARALLEL_GAP` × the
  word height wide (a long address line on the left ending just before the right column). Not a
  justified line's stretched word spacing (`SPACING`), and not where at least `JOINED_ROWS` of the
  rows are single Tesseract lines across the gap (a form's lines with their markers in a right
  column): those are read row by row;
  nor where a horizontal ruling runs across the gap between the part's rows (`extractors.rulings`):
  a table whose wrapped cells leave no row gap is cut at its rulings and read row by row;
- what cannot be cut further is one visual row (read left to right) or, when its words do not share a
  row, its Tesseract lines top to bottom. Parts read one after the other on the same visual row
  (a label, then its value) make one line, as a text layer gives them.

Words `TALL` × the word height tall or more beside shorter ones (a stamp printed over a table, its
ink read as a few tall letters) are left out when looking for a gap and go with the part their middle
lies in: they bridge no row or column.

Two columns of running text are the exception: their lines stand at the same heights, so row gaps
would interleave them. A zone of two columns found from the word boxes (`extractors.column_zones`: a
whitespace gutter down a run of rows, both sides running text or both sides the same labels, as two
parties' details) is cut out first, by a row cut above or below it, and then at its gutter, before any
other cut. Besides, where Tesseract found a paragraph block of at least `PROSE_LINES` lines of
prose (no wide gap inside, at least `PROSE_WIDTH` of the page wide) side by side with another one, the
gutter between them is cut before any row gap, once the part of the page being cut has at most
`GUTTER_CROSSING` marks and no word across it: the left column is read whole, then the right one.
Tesseract lines that join two such columns (three or more set tight, each split by one wide gap into
two wide parts at the same place) mark a gutter too.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from statistics import median

from extractors.column_zones import Zone, column_zones
from extractors.rulings import height_at
from models.pages import Word

ROW_GAP = 0.4
WIDE_GAP = 1.5
PROSE_LINES = 3
PROSE_WIDTH = 0.3
GUTTER_CROSSING = 2
JOINED_ROWS = 0.75
SPACING = 1.3
PARALLEL_ROWS = 3
PARALLEL_GAP = 1.0
TALL = 2.5
RULING_TOUCH = 0.25

Box = tuple[float, float, float, float]


def _gaps(spans: list[tuple[float, float, int]]) -> tuple[list[int], list[tuple[float, int]]]:
    """Word indexes sorted by the spans' start, and the gaps between runs of overlapping spans as
    (width, position in that order where the part after the gap starts)."""
    order = sorted(spans)
    gaps: list[tuple[float, int]] = []
    end = order[0][1]
    for k in range(1, len(order)):
        if order[k][0] > end:
            gaps.append((order[k][0] - end, k))
        end = max(end, order[k][1])
    return [s[2] for s in order], gaps


def _prose_blocks(boxes: list[Box], blocks: Sequence[str], lines: Sequence[int], width: float,
                  height: float) -> list[frozenset[int]]:
    """Tesseract blocks of running text: ≥ PROSE_LINES lines, ≥ PROSE_WIDTH of the page wide, no gap
    between neighbouring words of a line as wide as WIDE_GAP × the word height."""
    members: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        members.setdefault(b, []).append(i)
    found = []
    for idx in members.values():
        rows: dict[int, list[int]] = {}
        for i in idx:
            rows.setdefault(lines[i], []).append(i)
        if len(rows) < PROSE_LINES:
            continue
        if max(boxes[i][2] for i in idx) - min(boxes[i][0] for i in idx) < PROSE_WIDTH * width:
            continue
        wide = False
        for row in rows.values():
            row.sort(key=lambda i: boxes[i][0])
            wide = wide or any(boxes[b][0] - boxes[a][2] >= WIDE_GAP * height for a, b in pairwise(row))
        if not wide:
            found.append(frozenset(idx))
    return found


def _gutters(boxes: list[Box], prose: list[frozenset[int]]) -> list[tuple[float, frozenset[int]]]:
    """(x of the gutter, the two blocks' words) for every pair of prose blocks side by side (left one
    ending before the right one starts, their heights overlapping by ≥ 30 % of the shorter)."""
    out = []
    for a in prose:
        for b in prose:
            a_x1, b_x0 = max(boxes[i][2] for i in a), min(boxes[i][0] for i in b)
            if a_x1 >= b_x0:
                continue
            a_y0, a_y1 = min(boxes[i][1] for i in a), max(boxes[i][3] for i in a)
            b_y0, b_y1 = min(boxes[i][1] for i in b), max(boxes[i][3] for i in b)
            if min(a_y1, b_y1) - max(a_y0, b_y0) > 0.3 * min(a_y1 - a_y0, b_y1 - b_y0):
                out.append(((a_x1 + b_x0) / 2, a | b))
    return out


def _joined_columns(boxes: list[Box], lines: Sequence[int], width: float,
                    height: float) -> list[tuple[float, frozenset[int]]]:
    """(x of the gutter, the lines' words) for runs of ≥ PROSE_LINES Tesseract lines that join two
    columns of running text: each line split by one wide gap into two parts ≥ PROSE_WIDTH of the page
    wide, the gaps overlapping from line to line, the lines set tight (the median gap between them
    under ROW_GAP × the word height: a form's rows stand further apart)."""
    by_line: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        by_line.setdefault(ln, []).append(i)
    split: list[tuple[float, float, float, float, list[int]]] = []  # gap x0, x1, line top, bottom, words
    for row in by_line.values():
        row.sort(key=lambda i: boxes[i][0])
        wide = [(a, b) for a, b in pairwise(row) if boxes[b][0] - boxes[a][2] >= WIDE_GAP * height]
        if len(wide) != 1:
            continue
        a, b = wide[0]
        if (boxes[a][2] - boxes[row[0]][0] >= PROSE_WIDTH * width
                and max(boxes[i][2] for i in row) - boxes[b][0] >= PROSE_WIDTH * width):
            split.append((boxes[a][2], boxes[b][0], min(boxes[i][1] for i in row),
                          max(boxes[i][3] for i in row), row))
    split.sort(key=lambda t: t[2])
    out: list[tuple[float, frozenset[int]]] = []
    run: list[tuple[float, float, float, float, list[int]]] = []

    def close() -> None:
        if len(run) >= PROSE_LINES:
            x0, x1 = max(t[0] for t in run), min(t[1] for t in run)
            between = sorted(b[2] - a[3] for a, b in pairwise(run))
            if x0 < x1 and between[len(between) // 2] < ROW_GAP * height:
                out.append(((x0 + x1) / 2, frozenset(i for t in run for i in t[4])))
        run.clear()

    for t in split:
        if run and not (max(run[-1][0], t[0]) < min(run[-1][1], t[1]) and t[2] - run[-1][3] < height):
            close()
        run.append(t)
    close()
    return out


def _split(idx: list[int], boxes: list[Box], lines: Sequence[int], texts: Sequence[str],
           short: Sequence[bool], tall: Sequence[bool], gutters: list[tuple[float, frozenset[int]]],
           zones: Sequence[Zone], rulings: Sequence[Box],
           height: float) -> tuple[list[int], list[int]] | None:
    """The part's two halves in reading order, or None when it cannot be cut. Marks (`_marks`) are left
    out when looking for a cut and go to the half their middle lies in."""
    cut = _zone_cut(idx, boxes, tall, zones)
    if cut is None:
        cut = _gutter(idx, boxes, short, gutters)
    if cut is None:
        marks = _marks(idx, boxes, tall)
        core = [i for i in idx if i not in marks]
        cut = _cut(core, boxes, lines, texts, rulings, height) if len(core) > 1 else None
    if cut is None:
        return None
    axis, at = cut
    first = [i for i in idx if boxes[i][axis] + boxes[i][axis + 2] < 2 * at]
    return first, [i for i in idx if boxes[i][axis] + boxes[i][axis + 2] >= 2 * at]


def _zone_cut(idx: list[int], boxes: list[Box], tall: Sequence[bool],
              zones: Sequence[Zone]) -> tuple[int, float] | None:
    """A cut that reads a zone of two columns (`extractors.column_zones`) whole: the part is first cut
    above or below the zone when it holds more than the zone (its other words all above or below it,
    tall marks within its height going with it), then at the zone's gutter."""
    here = set(idx)
    for zone in zones:
        if not zone.words <= here:
            continue
        above = below = 0
        for i in here - zone.words:
            middle = (boxes[i][1] + boxes[i][3]) / 2
            if middle < zone.top:
                above += 1
            elif middle > zone.bottom:
                below += 1
            elif not tall[i]:
                break
        else:
            if above:
                return 1, zone.top
            if below:
                return 1, zone.bottom
            return 0, zone.x
    return None


def _marks(idx: list[int], boxes: list[Box], tall: Sequence[bool]) -> set[int]:
    """Words of the part at least TALL word heights tall beside shorter words (their heights
    overlapping): a stamp's or a signature's strokes read as letters, a ruling read as `|`. Not text
    lines of their own: they bridge no row or column gap."""
    big = [i for i in idx if tall[i]]
    if not big:
        return set()
    rest = [boxes[i] for i in idx if not tall[i]]
    return {i for i in big if any(b[1] < boxes[i][3] and boxes[i][1] < b[3] for b in rest)}


def _gutter(idx: list[int], boxes: list[Box], short: Sequence[bool],
            gutters: list[tuple[float, frozenset[int]]]) -> tuple[int, float] | None:
    """(0, x of the gutter) when the part holds two columns of running text side by side and its words
    across the gutter are at most GUTTER_CROSSING marks (`short`: ≤ 2 characters, a mark read between
    the columns; a word across it is a line printed over the full width)."""
    here = set(idx)
    for x, pair in gutters:
        across = [i for i in idx if boxes[i][0] < x < boxes[i][2]]
        if pair <= here and len(across) <= GUTTER_CROSSING and all(short[i] for i in across):
            return 0, x
    return None


def _cut(idx: list[int], boxes: list[Box], lines: Sequence[int], texts: Sequence[str],
         rulings: Sequence[Box], height: float) -> tuple[int, float] | None:
    """Where to cut the part: (0, x) between columns, (1, y) between rows; None when it cannot be cut."""
    by_y, row_gaps = _gaps([(boxes[i][1], boxes[i][3], i) for i in idx])
    by_x, col_gaps = _gaps([(boxes[i][0], boxes[i][2], i) for i in idx])
    row = max(row_gaps, default=None)
    apart = [g for g in col_gaps if g[0] >= PARALLEL_GAP * height and not _spacing(by_x, g[1], boxes, lines)]
    side = max(apart, default=None)
    col = side if side is not None and side[0] >= WIDE_GAP * height else None
    row_at = boxes[by_y[row[1]]][1] - row[0] / 2 if row is not None else 0.0
    if side is not None and row is not None and _parallel(by_y, row_gaps, set(by_x[: side[1]]), boxes, texts):
        return 0, boxes[by_x[side[1]]][0] - side[0] / 2
    col_at = boxes[by_x[col[1]]][0] - col[0] / 2 if col is not None else 0.0
    if row is not None and row[0] >= ROW_GAP * height:
        return 1, row_at
    if col is not None:
        ruled = _ruled_row(idx, boxes, rulings, col_at - col[0] / 2, col_at + col[0] / 2, height)
        if ruled is not None:
            return 1, ruled
        if row is not None and _aligned(by_y, row_gaps, set(by_x[: col[1]]), lines):
            return 1, row_at
        return 0, col_at
    if row is not None:
        return 1, row_at
    return None


def _ruled_row(idx: list[int], boxes: list[Box], rulings: Sequence[Box], x0: float, x1: float,
               height: float) -> float | None:
    """The height of the topmost ruling that runs across the column gap from `x0` to `x1` between the
    part's rows: a table's row separator, even where a wrapped cell or a stamp leaves no white space
    between the rows. No word of the part lies across it (by more than RULING_TOUCH word heights on
    either side), and words lie above and below it."""
    touch = RULING_TOUCH * height
    top, bottom = min(boxes[i][1] for i in idx), max(boxes[i][3] for i in idx)
    for r in sorted(rulings, key=lambda r: r[1]):
        y = height_at(r, (x0 + x1) / 2)
        if not (r[0] <= x0 and r[2] >= x1 and top < y < bottom):
            continue
        if any(boxes[i][1] + touch < y < boxes[i][3] - touch for i in idx):
            continue
        above = sum(boxes[i][1] + boxes[i][3] < 2 * y for i in idx)
        if 0 < above < len(idx):
            return y
    return None


def _spacing(by_x: list[int], k: int, boxes: list[Box], lines: Sequence[int]) -> bool:
    """Is the column gap before `by_x[k]` only a justified line's stretched word spacing: a Tesseract
    line across it whose gap there is under SPACING × the median of its other gaps between words
    (a table row's or a label's gap to its value stands out from the rest)?"""
    left = set(by_x[:k])
    by_line: dict[int, list[int]] = {}
    for i in by_x:
        by_line.setdefault(lines[i], []).append(i)
    for row in by_line.values():
        sides = [i in left for i in row]
        if all(sides) or not any(sides):
            continue
        row.sort(key=lambda i: boxes[i][0])
        gaps = [boxes[b][0] - boxes[a][2] for a, b in pairwise(row)]
        at = next(n for n, (a, b) in enumerate(pairwise(row)) if a in left and b not in left)
        others = sorted(g for n, g in enumerate(gaps) if n != at)
        typical = others[len(others) // 2] if len(others) >= 2 else 0.0
        if gaps[at] < SPACING * typical:
            return True
    return False


def _parallel(by_y: list[int], row_gaps: list[tuple[float, int]], left: set[int], boxes: list[Box],
              texts: Sequence[str]) -> bool:
    """Are the two sides of the column gap parallel columns (two parties' details side by side, their
    lines not always level): do at least PARALLEL_ROWS words start rows on both sides (`бин`, `адрес`,
    `иик`, `банк` …)?"""
    cuts = [0, *(k for _, k in row_gaps), len(by_y)]
    starts: tuple[set[str], set[str]] = (set(), set())
    for a, b in pairwise(cuts):
        row = by_y[a:b]
        for side, part in enumerate(([i for i in row if i in left], [i for i in row if i not in left])):
            if part:
                first = texts[min(part, key=lambda i: boxes[i][0])]
                if any(c.isalpha() for c in first):
                    starts[side].add(first)
    return len(starts[0] & starts[1]) >= PARALLEL_ROWS


def _aligned(by_y: list[int], row_gaps: list[tuple[float, int]], left: set[int],
             lines: Sequence[int]) -> bool:
    """Is the part rows of cells, to be read row by row rather than side by side: in at least
    `JOINED_ROWS` of its rows (runs of words between row gaps) a Tesseract line has words on both sides
    of the column gap (`left`: the words before it)? A label wrapped beside its value wrapped,
    Tesseract reads as two blocks; a form's lines with their markers in a right column, as lines."""
    cuts = [0, *(k for _, k in row_gaps), len(by_y)]
    joined = 0
    for a, b in pairwise(cuts):
        sides: dict[int, set[bool]] = {}
        for i in by_y[a:b]:
            sides.setdefault(lines[i], set()).add(i in left)
        joined += any(len(s) == 2 for s in sides.values())
    return joined >= JOINED_ROWS * (len(cuts) - 1)


def _rows(leaf: list[int], boxes: list[Box], lines: Sequence[int]) -> list[list[int]]:
    """An uncut part's words as lines: one visual row left to right when every word spans the row's
    middle height, otherwise its Tesseract lines top to bottom."""
    mids = sorted((boxes[i][1] + boxes[i][3]) / 2 for i in leaf)
    mid = mids[len(mids) // 2]
    if all(boxes[i][1] <= mid <= boxes[i][3] for i in leaf):
        return [sorted(leaf, key=lambda i: boxes[i][0])]
    by_line: dict[int, list[int]] = {}
    for i in leaf:
        by_line.setdefault(lines[i], []).append(i)
    rows = [sorted(r, key=lambda i: boxes[i][0]) for r in by_line.values()]
    return sorted(rows, key=lambda r: sum(boxes[i][1] + boxes[i][3] for i in r) / len(r))


def reading_order(words: Sequence[Word], blocks: Sequence[str], size: tuple[int, int],
                  offset: int = 0, rulings: Sequence[Box] = ()) -> tuple[Word, ...]:
    """`words` (Tesseract's, with the block each came from and the image's (width, height) in pixels)
    in reading order, lines renumbered from `offset` in that order. `rulings`: the page's horizontal
    rulings (`extractors.rulings`: their ends as page fractions)."""
    if not words:
        return ()
    width, height = size
    boxes = [(w.bbox[0] * width, w.bbox[1] * height, w.bbox[2] * width, w.bbox[3] * height) for w in words]
    lines = [w.line for w in words]
    short = [len(w.text) <= 2 for w in words]
    texts = [w.text.lower().rstrip(":.,") for w in words]
    word_height = median(b[3] - b[1] for b in boxes) or 1.0
    tall = [b[3] - b[1] >= TALL * word_height for b in boxes]
    ruled = [(r[0] * width, r[1] * height, r[2] * width, r[3] * height) for r in rulings]
    gutters = _gutters(boxes, _prose_blocks(boxes, blocks, lines, width, word_height))
    gutters += _joined_columns(boxes, lines, width, word_height)
    zones = column_zones([i for i in range(len(words)) if not tall[i]], boxes, texts, ruled, width,
                         word_height)
    leaves: list[list[int]] = []
    todo = [list(range(len(words)))]
    while todo:
        idx = todo.pop()
        halves = (_split(idx, boxes, lines, texts, short, tall, gutters, zones, ruled, word_height)
                  if len(idx) > 1 else None)
        if halves is None:
            leaves.append(idx)
        else:
            todo += [halves[1], halves[0]]
    rows: list[list[int]] = []
    for leaf in leaves:
        for row in _rows(leaf, boxes, lines):
            if rows and _beside(rows[-1], row, boxes):
                rows[-1] += row
            else:
                rows.append(row)
    return tuple(words[i].model_copy(update={"line": offset + n}) for n, row in enumerate(rows) for i in row)


def _beside(before: list[int], after: list[int], boxes: list[Box]) -> bool:
    """Is `after` (read next) the continuation of the row `before` on the same visual row: to its right,
    their heights overlapping by at least half the lower one? (A label and its value, a table row's
    cells: one line, as a text layer gives them.)"""
    y0, y1 = min(boxes[i][1] for i in before), max(boxes[i][3] for i in before)
    v0, v1 = min(boxes[i][1] for i in after), max(boxes[i][3] for i in after)
    right = min(boxes[i][0] for i in after) >= max(boxes[i][2] for i in before)
    return right and min(y1, v1) - max(y0, v0) >= 0.5 * min(y1 - y0, v1 - v0)
