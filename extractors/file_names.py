"""A document number OCR damaged, put right by the file's name that carries it.

Applicants name files after what they hold (`nakladnaya_ЗП-0294.pdf`, `z2_ЗП-0386 + прочие.pdf`,
`АВР № 278-07.tif`). Where a photographed or scanned page's number reads with a letter of its prefix
changed (`3N-0294`, `31-0386`) or its slash read as `1` (`278107`), a token of the file's name spelled the
same way — every digit and separator in place, at most `MAX_LETTERS_OFF` of its letters other (a letter
OCR read as its look-alike digit does not count) — is the number as printed; so is a token that a number
of six characters or more read cut short opens (`K2-202` in `Договор № KZ-2026-8023.pdf`). A text layer's
number is exact and never changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.documents import TextField
from models.pages import Page
from models.vocab import PageSource

MAX_LETTERS_OFF = 2
MIN_DIGITS = 3
"""Digits a file name's token needs to stand for a number (`2` in `nakladnaya_2.pdf` proves nothing)."""
_SEPARATORS = frozenset("-/.")
_LOOK_ALIKE = str.maketrans({
    "З": "3", "з": "3", "О": "0", "о": "0", "O": "0", "o": "0", "Б": "6", "б": "6", "В": "8", "B": "8",
    "А": "A", "а": "A", "a": "A", "Е": "E", "е": "E", "e": "E", "К": "K", "к": "K", "k": "K", "М": "M",
    "м": "M", "m": "M", "Н": "H", "н": "H", "h": "H", "Р": "P", "р": "P", "p": "P", "С": "C", "с": "C",
    "c": "C", "Т": "T", "т": "T", "t": "T", "Х": "X", "х": "X", "x": "X", "У": "Y", "у": "Y", "y": "Y",
})
"""Letters and the digits or letters of the other alphabet OCR reads them as, folded to one character."""
_TOKENS = re.compile(r"[\s_+]+")


def as_file_names_it(number: TextField | None, pages: Sequence[Page]) -> TextField | None:
    """`number` spelled as the name of one of its pages' files spells it, where OCR read it."""
    if number is None or all(p.source == PageSource.text_layer for p in pages):
        return number
    tokens = [token.strip(".,()№") for name in dict.fromkeys(p.file for p in pages)
              for token in _TOKENS.split(name.rsplit("/", 1)[-1].rsplit(".", 1)[0])]
    for token in tokens:
        spelled = respelled(number.value, token)
        if spelled is not None and spelled != number.value:
            return number.model_copy(update={"value": spelled})
    for token in tokens:
        if len(number.value) >= MIN_HEAD and len(token) > len(number.value) \
                and token[len(number.value)] in _SEPARATORS | set("0123456789") \
                and respelled(number.value, token[: len(number.value)]) is not None:
            # `ДОГОВОР ПОСТАВКИ № К2-202` (the rest `-2026-8023` read on another line) in
            # `Договор № KZ-2026-8023.pdf`: a number cut short is the file name's that it opens
            return number.model_copy(update={"value": token})
    return number


MIN_HEAD = 6
"""Characters a number cut short needs (`KZ-202`) to stand for the file name's number it opens."""


def same_number(read: str, named: str) -> bool:
    """`read` is the number `named` spells (see `respelled`)."""
    return respelled(read, named) is not None


_SLASH_READ_AS = frozenset("/1lI|")
"""What OCR makes of a number's slash, which a file's name writes as `-` (a name holds no `/`)."""


def respelled(read: str, named: str) -> str | None:
    """The number as printed, when `read` is `named` with at most `MAX_LETTERS_OFF` of its letters
    misread, every digit and separator of `named` in place: `named`'s spelling, with a slash where the
    name has `-` and the reading a slash or what OCR makes of one (`278107` for `АВР № 278-07.tif`:
    `278/07`). None when `read` is not that number."""
    if len(read) != len(named) or sum(c.isdigit() for c in named) < MIN_DIGITS:
        return None
    off, out = 0, []
    for a, b in zip(read, named, strict=True):
        if b == "-" and a in _SLASH_READ_AS:
            out.append("/")
        elif b.isdigit() or b in _SEPARATORS:
            if a != b:
                return None
            out.append(b)
        else:
            off += a.translate(_LOOK_ALIKE).upper() != b.translate(_LOOK_ALIKE).upper()
            out.append(b)
    letters = sum(c.isalpha() for c in named)
    if off > MAX_LETTERS_OFF or (letters and off >= letters) or (not letters and "/" not in out):
        return None
    return "".join(out)
