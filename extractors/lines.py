"""Group positioned words into lines in reading order."""

from collections.abc import Sequence

from models.pages import Word


def same_row(a0: float, a1: float, b0: float, b1: float) -> bool:
    """Two vertical extents overlap by more than half the smaller one: the same row of the page."""
    return min(a1, b1) - max(a0, b0) > 0.5 * min(a1 - a0, b1 - b0)


def group_lines(words: Sequence[tuple[str, tuple[float, float, float, float], float]]) -> tuple[Word, ...]:
    """Words `(text, bbox, confidence)` → `Word`s with line numbers, top-to-bottom, left-to-right.

    Two words share a line when their vertical extents overlap by more than half the smaller height.
    """
    items = sorted(words, key=lambda w: (w[1][1] + w[1][3]) / 2)
    lines: list[list[tuple[str, tuple[float, float, float, float], float]]] = []
    spans: list[tuple[float, float]] = []
    for w in items:
        y0, y1 = w[1][1], w[1][3]
        if lines:
            ly0, ly1 = spans[-1]
            if same_row(y0, y1, ly0, ly1):
                lines[-1].append(w)
                spans[-1] = (min(ly0, y0), max(ly1, y1))
                continue
        lines.append([w])
        spans.append((y0, y1))
    out: list[Word] = []
    for i, line in enumerate(lines):
        for text, bbox, conf in sorted(line, key=lambda w: w[1][0]):
            out.append(Word(text=text, bbox=bbox, confidence=conf, line=i))
    return tuple(out)
