"""A form's fixed wording found again where OCR damaged its letters (`Реквизиты постамцика`,
`Наименование проноводителя`, `Заятытель подтверждает`).

A phrase is a few words; it matches consecutive words of the text when each long word is within a third
of its letters of the phrase's word (Levenshtein) and each short word (a preposition: `по`, `о`, `из`)
is any short token (OCR reads `по` as `гжз`); or, where OCR split a word or glued two (`Оплата д нного
счета`, `Счет наоп ату`), when the phrase's letters and those of a few consecutive words, spaces left out,
are within `JOINED_SHARE` of the phrase's letters of each other. Only damaged matches count: where the
wording is intact the exact patterns of `doctypes.yaml` already scored it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rapidfuzz.distance import Levenshtein

SHORT = 3
"""Words of at most this many letters are function words, matched by any token of at most `SHORT + 1`."""

JOINED_SHARE = 6
"""A phrase's letters read with split or glued words match at most one edit per this many letters (a
split word's lost letter: `д нного` for `данного`), stricter than a word's third: more letters to match."""

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


def damaged_match(words: Sequence[str], phrase: str, at_start: bool = False) -> bool:
    """Does `phrase` stand in `words` with at least one long word damaged and every word close enough?
    `at_start`: only as the first words (of a line: a heading)."""
    want = phrase_words(phrase)
    n = len(want)
    if not n or not any(len(w) > SHORT for w in want):
        return False
    return _word_by_word(words, want, at_start) or _joined(words, want, at_start)


def _word_by_word(words: Sequence[str], want: tuple[str, ...], at_start: bool) -> bool:
    n = len(want)
    for i in range(min(len(words) - n + 1, 1 if at_start else len(words))):
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


def _joined(words: Sequence[str], want: tuple[str, ...], at_start: bool) -> bool:
    """Does the phrase stand in `words` read with a word split or two glued (a run of one word fewer,
    as many or one more than the phrase has), its letters within `JOINED_SHARE` of each other's, spaces
    left out? (As many words: a split word next to a short one glued to it, `наоп ату` for `на оплату`.)
    A run's last word counts only where it brings the run closer to the phrase (never a word after the
    phrase: `банк бенефициара ж`), and never a run holding the phrase intact."""
    letters = "".join(want)
    cutoff = len(letters) // JOINED_SHARE
    if not cutoff:
        return False
    n = len(want)
    for i in range(min(1, len(words)) if at_start else len(words)):
        if not words[i].startswith(letters[0]):
            continue
        shorter = cutoff + 1
        for k in range(max(1, n - 1), min(n + 1, len(words) - i) + 1):
            run = words[i: i + k]
            distance = Levenshtein.distance(letters, "".join(run), score_cutoff=cutoff + 1)
            if distance <= cutoff and distance < shorter and not _holds(run, want):
                return True
            shorter = distance
    return False


def _holds(run: Sequence[str], want: tuple[str, ...]) -> bool:
    """Do the words hold the phrase intact (`платежное поручение 741`: no damage, only a word more)?"""
    n = len(want)
    return any(tuple(run[j: j + n]) == want for j in range(len(run) - n + 1))
