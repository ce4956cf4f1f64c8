"""The words Tesseract's own language models know (rus, kaz, eng), to tell text read the right way up
from text read upside down: a reading of the page turned the wrong way gives few real words, however
sure Tesseract is of its letters.

The word lists are unpacked from the installed `*.traineddata` with Tesseract's own `combine_tessdata`
and `dawg2wordlist` (both shipped with the `tesseract-ocr` package) once, kept in a cache folder keyed by
the model file's size and time, and loaded once per process.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

LANGUAGES = ("rus", "kaz", "eng")
TESSDATA_DIRS = (
    os.environ.get("TESSDATA_PREFIX", ""),
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
MIN_LETTERS = 3
"""Words shorter than this are left out of the count (too many short strings are words by chance)."""


def _cache_dir() -> Path:
    """Where the unpacked word lists are kept: the user's cache folder (`XDG_CACHE_HOME`), else the temp
    folder. They are derived from the installed Tesseract data alone, so they sit apart from the product's
    own page cache (which the settings place)."""
    base = os.environ.get("XDG_CACHE_HOME") or tempfile.gettempdir()
    return Path(base) / "intake-lexicon"


def _model(language: str) -> Path | None:
    for folder in TESSDATA_DIRS:
        path = Path(folder) / f"{language}.traineddata" if folder else None
        if path is not None and path.is_file():
            return path
    return None


def _unpack(model: Path, language: str, target: Path) -> bool:
    """The model's word list (its LSTM word DAWG) written to `target`, one word a line."""
    combine, dawg = shutil.which("combine_tessdata"), shutil.which("dawg2wordlist")
    if not combine or not dawg:
        return False
    with tempfile.TemporaryDirectory(prefix="lexicon-") as tmp:
        prefix = os.path.join(tmp, f"{language}.")
        try:
            subprocess.run([combine, "-u", str(model), prefix], capture_output=True, check=True, timeout=60)
            out = os.path.join(tmp, "words.txt")
            subprocess.run([dawg, prefix + "lstm-unicharset", prefix + "lstm-word-dawg", out],
                           capture_output=True, check=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("word list of %s not unpacked: %s", language, exc)
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        os.close(fd)
        shutil.copyfile(out, part)
        os.chmod(part, 0o644)
        os.replace(part, target)
    return True


def _words_of(language: str) -> set[str]:
    model = _model(language)
    if model is None:
        return set()
    stat = model.stat()
    target = _cache_dir() / f"{language}-{stat.st_size}-{int(stat.st_mtime)}.txt"
    if not target.is_file() and not _unpack(model, language, target):
        return set()
    with target.open(encoding="utf-8", errors="replace") as fh:
        return {w.strip().lower() for w in fh if len(w.strip()) >= MIN_LETTERS}


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word (lower case, at least `MIN_LETTERS` letters) of the installed language models; empty
    when the models or the tools are missing (the callers then fall back on confidence alone)."""
    words: set[str] = set()
    for language in LANGUAGES:
        words |= _words_of(language)
    return frozenset(words)

