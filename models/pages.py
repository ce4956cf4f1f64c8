"""Pages: the words a page yields, with boxes and confidences."""

from collections.abc import Sequence

from models.base import BBox, Frozen
from models.vocab import PageSource


class Word(Frozen):
    text: str
    bbox: BBox
    confidence: float
    line: int
    """Index of the line (in reading order) the word belongs to."""


class Page(Frozen):
    """One page of one file, read."""

    file: str
    page: int
    """1-based page number inside the file."""
    source: PageSource
    words: tuple[Word, ...] = ()
    cleanup: tuple[str, ...] = ()
    """Image clean-up steps applied before OCR (e.g. `rotate:90`, `deskew:-1.5`)."""
    error: str | None = None

    @property
    def text(self) -> str:
        """Page text: words joined by spaces, lines by newlines."""
        lines: dict[int, list[str]] = {}
        for w in self.words:
            lines.setdefault(w.line, []).append(w.text)
        return "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))

    @property
    def confidence(self) -> float:
        return mean_confidence(self.words)


def mean_confidence(words: Sequence[Word]) -> float:
    """Mean word confidence, 0 for no words."""
    return sum(w.confidence for w in words) / len(words) if words else 0.0
