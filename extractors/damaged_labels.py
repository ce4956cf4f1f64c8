"""Grand-total labels whose letters OCR damaged (`Всега по счету:`, `Фсего по чету`): the strong labels of
several words found again word by word, so that the amount beside them is read as the label's own.

A phrase matches consecutive words of one line, with nothing but spaces and punctuation between them, when
each long word is within a third of its letters of the phrase's word (Levenshtein, Latin look-alikes read
as Cyrillic) and each short word (`по`, `к`, `с`) is a short word one edit from it at most (`ло`, `х`;
never `без`: `итого без ндс` is the net row). Only damaged matches are returned: where the label is
intact its own pattern already reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from extractors import lookalikes

__all__ = ["PHRASES", "DamagedLabel", "damaged_labels"]

PHRASES = ("всего по счету", "итого по счету", "всего к оплате", "итого к оплате", "сумма к оплате",
           "итого по документу", "всего с ндс", "итого с ндс", "төлеуге барлығы")
"""Total labels of two long words or more, as printed."""
SHORT = 3
"""Words of at most this many letters are function words, matched by a word of at most `SHORT + 1` letters
one edit from them."""
_WORD = re.compile(r"[^\W\d_]+")
_GAP = re.compile(r"[^\w\n]*")
_TO_CYRILLIC = str.maketrans(lookalikes.LATIN + "ё", lookalikes.CYRILLIC + "е")


@dataclass(frozen=True)
class DamagedLabel:
    """A damaged reading of `phrase` at [start, end) of the text."""

    phrase: str
    start: int
    end: int


def _close(want: str, got: str) -> tuple[bool, bool]:
    """(close enough, exactly equal) for a phrase's word and a word of the text."""
    if want == got:
        return True, True
    if len(want) <= SHORT:
        return len(got) <= SHORT + 1 and Levenshtein.distance(want, got) <= 1, False
    limit = len(want) // 3
    return limit > 0 and Levenshtein.distance(want, got, score_cutoff=limit) <= limit, False


def damaged_labels(text: str, phrases: tuple[str, ...] = PHRASES) -> list[DamagedLabel]:
    """Every damaged reading of `phrases` in `text`, in text order (one per place: the first phrase that
    fits)."""
    words = [(m.group().lower().translate(_TO_CYRILLIC), m.start(), m.end()) for m in _WORD.finditer(text)]
    wanted = [p.split() for p in phrases]
    found: list[DamagedLabel] = []
    taken = -1
    for i in range(len(words)):
        if words[i][1] < taken:
            continue
        for phrase, want in zip(phrases, wanted, strict=True):
            window = words[i: i + len(want)]
            if len(window) < len(want) or not all(
                    _GAP.fullmatch(text, a[2], b[1]) for a, b in pairwise(window)):
                continue
            checks = [_close(w, got) for w, (got, _, _) in zip(want, window, strict=True)]
            if all(ok for ok, _ in checks) and not all(exact for _, exact in checks):
                found.append(DamagedLabel(phrase, window[0][1], window[-1][2]))
                taken = window[-1][2]
                break
    return found
