"""A form's fixed wording found again where OCR damaged its letters (`Реквизиты постамцика`,
`Наименование проноводителя`, `Заятытель подтверждает`).

A phrase is a few words; it matches consecutive words of the text when each long word is within a third
of its letters of the phrase's word (Levenshtein) and each short word (a preposition: `по`, `о`, `из`)
is any short token (OCR reads `по` as `гжз`). Only damaged matches count: where the wording is intact
the exact patterns of `doctypes.yaml` already scored it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rapidfuzz.distance import Levenshtein

SHORT = 3
"""Words of at most this many letters are function words, matched by any token of at most `SHORT + 1`."""

_TOKEN = re.compile(r"[^\W\d_]+")


@cache
def phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _TOKEN.findall(phrase))


def tokens(text: str) -> list[str]:
    """The text's words, lower-cased, letters only (digits and marks split words)."""
    return [w.lower() for w in _TOKEN.findall(text)]


def _word_close(want: str, got: str) -> tuple[bool, bool]:
    """(close enough, exactly equal)."""
    if want == got:
        return True, True
    if len(want) <= SHORT:
        return len(got) <= SHORT + 1, False
    return Levenshtein.distance(want, got, score_cutoff=len(want) // 3) <= len(want) // 3, False


def damaged_match(words: Sequence[str], phrase: str) -> bool:
    """Does `phrase` stand in `words` with at least one long word damaged and every word close enough?"""
    want = phrase_words(phrase)
    n = len(want)
    if not n or not any(len(w) > SHORT for w in want):
        return False
    for i in range(len(words) - n + 1):
        exact_all = True
        for w, g in zip(want, words[i: i + n], strict=True):
            ok, exact = _word_close(w, g)
            if not ok:
                break
            exact_all &= exact
        else:
            if not exact_all:
                return True
    return False
