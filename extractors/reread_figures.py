"""A second look at the money amounts and dates of an OCR'd page that were read badly or unsure.

On a bad scan (200 dpi, noise, low contrast, upscaled to ~300 dpi by the clean-up) Tesseract reads a
figure inside a page with the whole page's layout behind it: a digit becomes another (`02.05.2026` read
`92.05.2026`, `19.01.2026` read `13.01.2025`), a letter (`1 961 8б2,58`) or a lost separator
(`124077544` for `1 240 775,44`). Fields are read from these figures. Each suspect run of figure words
— words of digits and their separators (and the letters OCR makes of digits) next to each other on one
line, four digits or more — is cut out of the page (`reread.crop`) and read again as one line with the
page's own models, twice: scaled to two sizes near the native size of print (`HEIGHTS`; the line
recogniser misreads a figure blown up by the clean-up more often than one at its own size). Suspect: a
letter among the digits, malformed (a date out of range, an amount whose groups of three are broken),
or read below `UNSURE`. The re-read replaces the run only by a rule that cannot make a right reading
wrong: both readings agree on a well-formed figure of the run's kind (a date stays a date), read at
`SURE` or better, with as many digits as the first reading — one more where that was malformed (a digit
OCR merged away), never fewer (a cut-out that lost the figure's head). Twelve digits or more in one
piece (a BIN, an IIN) are `extractors.reread`'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import cv2
import numpy as np

from extractors import ocr
from extractors.reread import crop_at
from models.pages import Word

SURE = 0.6
"""A re-read below this confidence replaces nothing."""
UNSURE = 0.8
"""A well-formed figure word read with less confidence than this is read again (twice, to agree)."""
MAX_RUNS = 16
"""At most this many runs are read again per page (each reading costs some 20 ms in process)."""
MIN_DIGITS = 4
"""A run with fewer digits is no amount or date a field rests on (a row's number, a quantity)."""
GAP = 1.2
"""Two words are one run when the gap between them is at most this many times their height."""

_DIGIT_LIKE = str.maketrans({
    "O": "0", "o": "0", "О": "0", "о": "0", "D": "0", "l": "1", "I": "1", "І": "1", "i": "1", "|": "1",
    "З": "3", "з": "3", "Ч": "4", "ч": "4", "S": "5", "s": "5", "б": "6", "Б": "6", "T": "7", "В": "8",
    "B": "8", "g": "9",
})
"""Letters OCR makes of digits on a bad scan, and the digit each stands for."""
_LEAD = re.compile(r"^[(\"«'\[:;]*")
_TRAIL = re.compile(r"[)\"»'\]:;.,]*$")
_DATE = re.compile(r"(\d{2})([.,/])(\d{2})\2(\d{4})")
_AMOUNT = re.compile(
    r"(?:\d{1,3}(?: \d{3})+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+)(?:[.,]\d{2})?|\d+[.,]\d{2}")
"""An amount whose groups of three are well formed: one group separator throughout (space, point or
comma), tiyn after a point or comma; or digits with tiyn. Bare digits may be anything (a BIN, a phone, an
account) and are never an amount here."""


@dataclass(frozen=True)
class Run:
    """Consecutive figure words of one line: their indexes in the page's words and what they read."""

    indexes: tuple[int, ...]
    text: str

    @property
    def kind(self) -> str:
        return run_kind(self.text)


def run_kind(text: str) -> str:
    """`date` for a run shaped `dd.mm.yyyy` (whatever OCR made of its digits), else `amount`."""
    return "date" if _DATE_SHAPE.fullmatch(text) else "amount"


_ID = re.compile(r"(?<![\d.,])\d{12,}(?![\d.,]\d)")
"""Twelve digits or more in one piece: a BIN or IIN (read again by `extractors.reread`), an account; no
amount or date."""
_DATE_SHAPE = re.compile(r"\w{2}[.,/]\w{2}[.,/]\w{4}")


def _core(text: str) -> str:
    return _TRAIL.sub("", _LEAD.sub("", text))


def _figure_like(text: str) -> bool:
    """A word of digits, their separators and at most one letter OCR makes of a digit."""
    core = _core(text)
    if not core or sum(c.isdigit() for c in core) < 1:
        return False
    letters = [c for c in core if c.isalpha()]
    if len(letters) > 1 or any(c not in _DIGIT_LIKE_LETTERS for c in letters):
        return False
    return all(c.isalnum() or c in ".,-/" for c in core)


_DIGIT_LIKE_LETTERS = frozenset(chr(k) for k in _DIGIT_LIKE)


def runs(words: Sequence[Word]) -> list[Run]:
    """Runs of figure words on one line (gap at most `GAP` heights) holding `MIN_DIGITS` digits or more."""
    out: list[Run] = []
    current: list[int] = []

    def close() -> None:
        if current:
            text = " ".join(_core(words[i].text) for i in current)
            if sum(c.isdigit() for c in text.translate(_DIGIT_LIKE)) >= MIN_DIGITS and not _ID.search(text):
                out.append(Run(tuple(current), text))
        current.clear()

    for i, w in enumerate(words):
        if not _figure_like(w.text):
            close()
            continue
        if current:
            prev = words[current[-1]]
            height = max(prev.bbox[3] - prev.bbox[1], w.bbox[3] - w.bbox[1])
            if prev.line != w.line or w.bbox[0] - prev.bbox[2] > GAP * height or w.bbox[0] < prev.bbox[0]:
                close()
        current.append(i)
        if _core(w.text) != w.text.strip() and w.text.rstrip()[-1:] in ")»\":;":
            close()  # a closing mark ends the figure
    close()
    return out


def valid_date(text: str) -> bool:
    m = _DATE.fullmatch(text)
    if m is None:
        return False
    try:
        date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
    except ValueError:
        return False
    return 1990 <= int(m.group(4)) <= 2100


def well_formed(text: str, kind: str) -> bool:
    """A date `dd.mm.yyyy` in range, or an amount whose groups of three are well formed."""
    return valid_date(text) if kind == "date" else _AMOUNT.fullmatch(text) is not None


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def suspect(run: Run, words: Sequence[Word]) -> bool:
    """A run read with a letter among its digits, malformed, or unsure."""
    if any(c.isalpha() for c in run.text) or not well_formed(run.text, run.kind):
        return True
    return min(words[i].confidence for i in run.indexes) < UNSURE


def _box(words: Sequence[Word], run: Run) -> tuple[float, float, float, float]:
    boxes = [words[i].bbox for i in run.indexes]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def read_run(img: np.ndarray, bbox: tuple[float, float, float, float], height: float, languages: str,
             timeout: float) -> tuple[str, list[tuple[str, tuple[float, float, float, float], float]]]:
    """The run's box cut out, scaled so that the box is `height` pixels tall, read as one line with the
    page's own models: the text (words joined by single spaces, outer marks stripped) and the words with
    their boxes as page fractions and confidences (0–1)."""
    h, w = img.shape[:2]
    part, (x_origin, y_origin) = crop_at(img, bbox)
    scale = height / max((bbox[3] - bbox[1]) * h, 1.0)
    part = cv2.resize(part, None, fx=scale, fy=scale,
                      interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    read: list[tuple[str, tuple[float, float, float, float], float]] = []
    for r in ocr.run_tsv(part, languages, 7, timeout=timeout):
        text = r[11].strip()
        if not text or float(r[10]) < 0:
            continue
        x, y, bw, bh = (int(v) / scale for v in r[6:10])
        box = ((x_origin + x) / w, (y_origin + y) / h, (x_origin + x + bw) / w, (y_origin + y + bh) / h)
        read.append((text, box, float(r[10]) / 100))
    return _core(" ".join(t for t, _, _ in read)), read


HEIGHTS = (22.0, 30.0)
"""The two sizes (box height in pixels) a run is read again at: Tesseract's line recogniser reads a
figure of a bad scan upscaled to 300 dpi best at about its native size, and a reading both sizes agree
on is not one size's accident."""


def better_reading(img: np.ndarray, words: Sequence[Word], run: Run, languages: str = ocr.LANGUAGES,
                   timeout: float = 30.0) -> list[Word] | None:
    """The run's words read again, or None where the rules of this module keep the first reading: both
    re-reads agree on a well-formed figure of the run's kind other than the first reading, with as many
    digits as the first reading (one more where the first was malformed: a digit OCR merged away)."""
    bbox = _box(words, run)
    readings = []
    for height in HEIGHTS:
        try:
            readings.append(read_run(img, bbox, height, languages, timeout))
        except ocr.TesseractError:
            return None
    (text, read), (again, _) = readings
    first, kind = run.text, run.kind
    if not read or text != again or text == first or run_kind(text) != kind or not well_formed(text, kind):
        return None
    extra = _digits(text) - _digits(first.translate(_DIGIT_LIKE))
    malformed = any(c.isalpha() for c in first) or not well_formed(first, kind)
    if not (0 <= extra <= (1 if malformed else 0)):
        return None  # a digit fewer: the cut-out lost the figure's head (`6451 218,17` → `451 218,17`)
    if min(c for _, _, c in read) < SURE:
        return None
    first_word, last_word = words[run.indexes[0]].text, words[run.indexes[-1]].text
    lead = _LEAD.match(first_word)
    trail = _TRAIL.search(last_word)
    texts = [t for t, _, _ in read]  # the first reading's outer marks (`(`, `»`, `;`) kept, not the re-read's
    texts[0] = (lead.group() if lead else "") + _LEAD.sub("", texts[0])
    texts[-1] = _TRAIL.sub("", texts[-1]) + (trail.group() if trail else "")
    line = words[run.indexes[0]].line
    return [Word(text=t, bbox=b, confidence=round(c, 3), line=line)
            for t, (_, b, c) in zip(texts, read, strict=True) if t]


def reread_figures(img: np.ndarray, words: tuple[Word, ...], languages: str = ocr.LANGUAGES,
                   timeout: float = 30.0) -> tuple[tuple[Word, ...], int]:
    """`words` with each suspect run of figure words replaced by its reading again where the rules
    accept it; and how many runs were replaced. `img`: the gray image the boxes refer to."""
    todo = [r for r in runs(words) if suspect(r, words)][:MAX_RUNS]
    if not todo:
        return words, 0
    replaced: dict[int, list[Word]] = {}
    for run in todo:
        new = better_reading(img, words, run, languages, timeout)
        if new is not None:
            replaced[run.indexes[0]] = new
            replaced.update({i: [] for i in run.indexes[1:]})
    if not replaced:
        return words, 0
    out: list[Word] = []
    for i, w in enumerate(words):
        out.extend(replaced.get(i, [w]))
    return tuple(out), sum(1 for v in replaced.values() if v)
