"""Tesseract OCR of a cleaned page image → words with boxes, confidences and lines.

One thread (`OMP_THREAD_LIMIT=1`, set by the pages stage), TSV out. With the default binary the system's
libtesseract (the library that binary runs on, so the same version and models) is called in-process
through its C API: each reader process (and thread) loads the language models once and keeps them for
every later page, instead of paying ~0.4 s of model loading per page; the page's time limit is
Tesseract's own deadline (`ETEXT_DESC`), and the sandbox's hard limit still covers a hang in layout
analysis. A binary the caller set (pytesseract's `tesseract_cmd`), or a system without the library, runs
as a subprocess on an uncompressed PGM in a temporary directory, as before. Both give the same TSV.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Sequence

import cv2
import numpy as np

from extractors.reading_order import reading_order
from extractors.rulings import horizontal_rulings
from models.pages import Word, mean_confidence

LANGUAGES = "rus+kaz+eng"
_TMP = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
DEFAULT_CMD = "tesseract"


class TesseractError(RuntimeError):
    pass


def tesseract_cmd() -> str:
    """The Tesseract binary (pytesseract's setting, so that tests and deployments can point elsewhere)."""
    try:
        import pytesseract

        return str(pytesseract.pytesseract.tesseract_cmd)
    except ImportError:  # pragma: no cover
        return DEFAULT_CMD


DEFAULT_TIMEOUT = 180.0
"""Seconds one Tesseract run may take before it is killed and the page recorded as unreadable."""


# --- in-process libtesseract ---------------------------------------------------------------------------

_LIB: ctypes.CDLL | None = None
_LIB_TRIED = False
_LOCAL = threading.local()
_HANDLES: list[tuple[int, int]] = []
"""(process id, handle) of every handle made, so that this process's are ended at exit."""
_HANDLES_LOCK = threading.Lock()


def _library() -> ctypes.CDLL | None:
    """The system libtesseract with the C API's signatures declared, or None when it cannot be loaded."""
    global _LIB, _LIB_TRIED
    if _LIB_TRIED:
        return _LIB
    _LIB_TRIED = True
    name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read by OpenMP when the library loads
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    for fn, args, res in (
        ("TessBaseAPICreate", [], p),
        ("TessBaseAPIInit2", [p, s, s, i], i),
        ("TessBaseAPISetVariable", [p, s, s], i),
        ("TessBaseAPISetPageSegMode", [p, i], None),
        ("TessBaseAPISetImage", [p, p, i, i, i, i], None),
        ("TessBaseAPISetSourceResolution", [p, i], None),
        ("TessBaseAPIRecognize", [p, p], i),
        ("TessBaseAPIGetTsvText", [p, i], p),
        ("TessBaseAPIClear", [p], None),
        ("TessBaseAPIEnd", [p], None),
        ("TessBaseAPIDelete", [p], None),
        ("TessDeleteText", [p], None),
        ("TessMonitorCreate", [], p),
        ("TessMonitorSetDeadlineMSecs", [p, i], None),
        ("TessMonitorDelete", [p], None),
        ("TessBaseAPIDetectOrientationScript",
         [p, ctypes.POINTER(i), ctypes.POINTER(ctypes.c_float), ctypes.POINTER(s),
          ctypes.POINTER(ctypes.c_float)], i),
    ):
        f = getattr(lib, fn, None)
        if f is None:
            return None
        f.argtypes, f.restype = args, res
    _LIB = lib
    return lib


def _api(lib: ctypes.CDLL, languages: str, engine: int = 1) -> int:
    """This process's and thread's Tesseract handle for `languages` (engine 1: LSTM; 0: the legacy
    engine, which orientation detection's `osd` model needs), models loaded on first use.

    Keyed by process id: a reader forked from a process that had a handle makes its own."""
    key = (os.getpid(), languages)
    handles: dict[tuple[int, str], int] = _LOCAL.__dict__.setdefault("handles", {})
    handle = handles.get(key)
    if handle is None:
        handle = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit2(handle, None, languages.encode(), engine) != 0:
            lib.TessBaseAPIDelete(handle)
            raise TesseractError(f"cannot load the Tesseract models for {languages}")
        # Tesseract's chatter ("Detected 11 diacritics") goes nowhere instead of this process's stderr
        lib.TessBaseAPISetVariable(handle, b"debug_file", os.devnull.encode())
        handles[key] = handle
        with _HANDLES_LOCK:
            if not _HANDLES:
                atexit.register(_end_handles)
            _HANDLES.append((key[0], handle))
    return handle


def _end_handles() -> None:
    """Free this process's handles (Tesseract's model cache complains of leaks at exit otherwise)."""
    lib, pid = _LIB, os.getpid()
    if lib is None:
        return
    with _HANDLES_LOCK:
        mine = [h for p, h in _HANDLES if p == pid]
        _HANDLES[:] = [(p, h) for p, h in _HANDLES if p != pid]
    for handle in mine:
        lib.TessBaseAPIEnd(handle)
        lib.TessBaseAPIDelete(handle)


def _run_api(lib: ctypes.CDLL, img: np.ndarray, languages: str, psm: int, dpi: int, timeout: float,
             thresholding: int = 0) -> str:
    api = _api(lib, languages)
    img = np.ascontiguousarray(img)
    monitor = lib.TessMonitorCreate()
    if thresholding:
        lib.TessBaseAPISetVariable(api, b"thresholding_method", str(thresholding).encode())
    try:
        lib.TessBaseAPISetPageSegMode(api, psm)
        lib.TessBaseAPISetImage(api, img.ctypes.data, img.shape[1], img.shape[0], 1, img.strides[0])
        lib.TessBaseAPISetSourceResolution(api, dpi)
        lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout * 1000)))
        if lib.TessBaseAPIRecognize(api, monitor) != 0:
            raise TesseractError(f"tesseract ran over {timeout:.0f} s and was stopped")
        text = lib.TessBaseAPIGetTsvText(api, 0)
        if not text:
            raise TesseractError("tesseract returned no result")
        try:
            return ctypes.string_at(text).decode("utf-8", "replace")
        finally:
            lib.TessDeleteText(text)
    finally:
        if thresholding:
            lib.TessBaseAPISetVariable(api, b"thresholding_method", b"0")  # the shared handle's default
        lib.TessBaseAPIClear(api)
        lib.TessMonitorDelete(monitor)


def _osd_api(lib: ctypes.CDLL, img: np.ndarray, dpi: int) -> tuple[int, float] | None:
    api = _api(lib, "osd", engine=0)
    img = np.ascontiguousarray(img)
    deg, conf, script_conf = ctypes.c_int(0), ctypes.c_float(0), ctypes.c_float(0)
    script = ctypes.c_char_p()
    try:
        lib.TessBaseAPISetPageSegMode(api, 0)
        lib.TessBaseAPISetImage(api, img.ctypes.data, img.shape[1], img.shape[0], 1, img.strides[0])
        lib.TessBaseAPISetSourceResolution(api, dpi)
        ok = lib.TessBaseAPIDetectOrientationScript(
            api, ctypes.byref(deg), ctypes.byref(conf), ctypes.byref(script), ctypes.byref(script_conf)
        )
    finally:
        lib.TessBaseAPIClear(api)
    if not ok:
        return None
    return (360 - deg.value) % 360, float(conf.value)


def orientation(img: np.ndarray, dpi: int = 300) -> tuple[int, float] | None:
    """Tesseract's orientation detection (OSD) on `img` (gray uint8): (degrees to turn the image
    clockwise to make it upright, confidence), or None when it finds too little text to judge. In
    process, the `osd` model loaded once per process and thread; through the binary otherwise."""
    cmd0 = tesseract_cmd()
    lib = _library() if cmd0 == DEFAULT_CMD else None
    if lib is not None:
        return _osd_api(lib, img, dpi)
    try:
        out = _run_binary_text(cmd0, img, ("--psm", "0", "--dpi", str(dpi)), OSD_TIMEOUT)
    except TesseractError:
        return None
    m, c = _OSD_ROTATE.search(out), _OSD_CONF.search(out)
    if not m or not c:
        return None
    return int(m.group(1)) % 360, float(c.group(1))


OSD_TIMEOUT = 30.0
_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def _run_binary_text(cmd0: str, img: np.ndarray, args: tuple[str, ...], timeout: float) -> str:
    """The binary's plain stdout for `img` with `args` (no language models chosen: OSD)."""
    with tempfile.TemporaryDirectory(dir=_TMP, prefix="ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        if not cv2.imwrite(path, img):
            raise TesseractError("cannot write the page image")
        env = dict(os.environ, OMP_THREAD_LIMIT=os.environ.get("OMP_THREAD_LIMIT", "1"))
        try:
            proc = subprocess.run([cmd0, path, "stdout", *args], capture_output=True, env=env, check=False,
                                  timeout=timeout)
        except (subprocess.TimeoutExpired, OSError) as exc:
            raise TesseractError(f"cannot run {cmd0}: {exc}") from exc
    if proc.returncode != 0:
        raise TesseractError(proc.stderr.decode("utf-8", "replace").strip()[-300:])
    return proc.stdout.decode("utf-8", "replace")


def _run_binary(cmd0: str, img: np.ndarray, languages: str, psm: int, dpi: int, timeout: float,
                extra: tuple[str, ...] = ()) -> str:
    with tempfile.TemporaryDirectory(dir=_TMP, prefix="ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        if not cv2.imwrite(path, img):
            raise TesseractError("cannot write the page image")
        cmd = [cmd0, path, "stdout", "-l", languages, "--psm", str(psm), "--oem", "1", "--dpi", str(dpi),
               *extra, "tsv"]
        env = dict(os.environ, OMP_THREAD_LIMIT=os.environ.get("OMP_THREAD_LIMIT", "1"))
        try:
            proc = subprocess.run(cmd, capture_output=True, env=env, check=False, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise TesseractError(f"tesseract ran over {timeout:.0f} s and was stopped") from exc
        except OSError as exc:
            raise TesseractError(f"cannot run {cmd[0]}: {exc}") from exc
    if proc.returncode != 0:
        raise TesseractError(proc.stderr.decode("utf-8", "replace").strip()[-300:])
    # the binary's TSV starts with a header row, the library's does not
    return proc.stdout.decode("utf-8", "replace").split("\n", 1)[-1]


def run_binary_tsv(img: np.ndarray, languages: str, psm: int, extra: tuple[str, ...], dpi: int = 300,
                   timeout: float = DEFAULT_TIMEOUT) -> list[list[str]]:
    """`run_tsv` through the Tesseract binary, with `extra` command-line options (`-c name=value` …) that
    must not stick to this process's shared in-process handles."""
    out = _run_binary(tesseract_cmd(), img, languages, psm, dpi, timeout, extra)
    return [ln.split("\t") for ln in out.splitlines() if ln.count("\t") >= 11]


def in_process() -> bool:
    """Is OCR run through the library in this process (default binary, library loadable)?"""
    return tesseract_cmd() == DEFAULT_CMD and _library() is not None


SAUVOLA = 2
"""Tesseract's `thresholding_method` for Sauvola's local binarisation (0, its default: global Otsu)."""


def run_tsv(
    img: np.ndarray, languages: str, psm: int, dpi: int = 300, timeout: float = DEFAULT_TIMEOUT,
    thresholding: int = 0,
) -> list[list[str]]:
    """Rows of Tesseract's TSV output for `img` (gray uint8) at `dpi`, header row excluded.
    `thresholding`: Tesseract's `thresholding_method` (`SAUVOLA`), for this reading only."""
    cmd0 = tesseract_cmd()
    lib = _library() if cmd0 == DEFAULT_CMD else None
    if lib is not None:
        out = _run_api(lib, img, languages, psm, dpi, timeout, thresholding)
    else:
        extra = ("-c", f"thresholding_method={thresholding}") if thresholding else ()
        out = _run_binary(cmd0, img, languages, psm, dpi, timeout, extra)
    return [ln.split("\t") for ln in out.splitlines() if ln.count("\t") >= 11]


def ocr_words(
    img: np.ndarray, languages: str = LANGUAGES, psm: int = 3, offset: int = 0, dpi: int = 300,
    timeout: float = DEFAULT_TIMEOUT, ordered: bool = True, thresholding: int = 0,
) -> tuple[Word, ...]:
    """Words in reading order (`extractors.reading_order`; with `ordered=False` in Tesseract's order,
    block → paragraph → line), boxes as page fractions.

    `dpi`: the image's effective resolution (the clean-up brings pages to ~300 dpi); line numbers start
    at `offset`; `thresholding`: see `run_tsv`.
    """
    h, w = img.shape[:2]
    words: list[Word] = []
    blocks: list[str] = []
    line_ids: dict[tuple[str, str, str], int] = {}
    for row in run_tsv(img, languages, psm, dpi, timeout, thresholding):
        text = row[11].strip()
        try:
            conf = float(row[10])
        except ValueError:
            continue
        if not text or conf < 0:
            continue
        key = (row[2], row[3], row[4])
        line = line_ids.setdefault(key, offset + len(line_ids))
        x, y, bw, bh = (int(v) for v in row[6:10])
        bbox = (x / w, y / h, min(1.0, (x + bw) / w), min(1.0, (y + bh) / h))
        words.append(Word(text=text, bbox=bbox, confidence=round(conf / 100, 3), line=line))
        blocks.append(row[2])
    if ordered:
        return reading_order(words, blocks, (w, h), offset, horizontal_rulings(img))
    return tuple(words)


DOUBTFUL_CONFIDENCE = 0.6
"""A page of text whose mean word confidence is below this may have been turned the wrong way."""
GOOD_WORD_SHARE = 0.4
"""A reading whose letters lie this much in known words of `LONG_WORD` letters or more is the right way
up whatever its confidence: measured on 7 photographed pages read both ways, upright readings 0.25–0.79
(0.25: a blurred technical passport), upside-down ones 0.00–0.27."""
LONG_WORD = 5
"""Words this long or longer count as evidence: upside-down text read with the language model yields
short dictionary words by chance (`осы`, `тте`, `ane`), hardly ever long ones."""
MIN_WORD_LETTERS = 20
"""The turned reading must hold at least this many letters more in known long words than the first."""
MIN_CONFIDENCE_GAIN = 0.05
"""Confidence gain that, with the known words, settles a turn: pages read both ways gained 0.25–0.43 the
right way up (0.06 a blurred technical passport); a motion-blurred upright waybill read 0.391 upright and
0.401 turned, with 10 and 30 letters in known long words out of 130."""


def word_letters(words: Sequence[Word]) -> tuple[int, int]:
    """Letters in words of at least `LONG_WORD` letters that the language models know, and letters in
    all letter words of three or more."""
    from extractors import lexicon

    known = lexicon.known_words()
    found = [m.group().lower() for w in words for m in _LETTERS.finditer(w.text) if len(m.group()) >= 3]
    return sum(len(t) for t in found if len(t) >= LONG_WORD and t in known), sum(len(t) for t in found)


_LETTERS = re.compile(r"[^\W\d_]+")


FEW_WORDS_TO_JUDGE = 20
"""A reading of fewer words than this is not judged for its orientation (a photo, a near-empty page)."""


def reads_right(words: Sequence[Word]) -> bool:
    """A reading good enough never to be turned: confident, or mostly known words."""
    return mean_confidence(words) >= DOUBTFUL_CONFIDENCE or _mostly_known(words)


def _mostly_known(words: Sequence[Word]) -> bool:
    """At least `GOOD_WORD_SHARE` of the reading's letters are in known long words (`word_letters`)."""
    known, letters = word_letters(words)
    return letters > 0 and known >= GOOD_WORD_SHARE * letters


def reads_upright(words: Sequence[Word]) -> bool:
    """A reading that settles the page as the right way up without orientation detection: enough words
    (`FEW_WORDS_TO_JUDGE`), and a confidence no upside-down reading reaches (`UPRIGHT_CONFIDENCE`), or a
    doubtful one (`DOUBTFUL_CONFIDENCE` and up) with mostly known words. An upside-down page reads
    confidence 0.39–0.48 with hardly a known long word; clean scans read 0.9 and more. The word lists
    are consulted only for the doubtful readings (loading them costs a reader process 0.6 s)."""
    if len(words) < FEW_WORDS_TO_JUDGE:
        return False
    confidence = mean_confidence(words)
    if confidence >= UPRIGHT_CONFIDENCE:
        return True
    return confidence >= DOUBTFUL_CONFIDENCE and _mostly_known(words)


UPRIGHT_CONFIDENCE = 0.8
"""Mean word confidence from which a reading is taken as upright by itself: the right way up, 24
first-family scans read 0.92–0.96; the same pages upside down 0.39–0.48."""


def turned_reads_better(first: Sequence[Word], turned: Sequence[Word]) -> bool:
    """Is the reading of the page turned 180° the right one? Both the confidence and the known words must
    say so: the turned reading is more confident and holds at least twice the letters in known long words
    (and `MIN_WORD_LETTERS` more); and either its confidence is clearly higher (`MIN_CONFIDENCE_GAIN`) or
    it reads mostly known words itself — two garbled readings of a blurred upright photo differ by a
    handful of chance words and a hundredth of confidence, and the page stays as it is. Without the
    language models' word lists, by confidence alone (higher by 0.1)."""
    from extractors import lexicon

    gain = mean_confidence(turned) - mean_confidence(first)
    if not lexicon.known_words():
        return gain > 0.1
    known_first, _ = word_letters(first)
    known_turned, letters_turned = word_letters(turned)
    if gain <= 0 or known_turned < max(2 * known_first, known_first + MIN_WORD_LETTERS):
        return False
    return gain >= MIN_CONFIDENCE_GAIN or known_turned >= GOOD_WORD_SHARE * letters_turned


def reads_as_well(candidate: Sequence[Word], other: Sequence[Word]) -> bool:
    """Does `candidate` read at least as well as `other`: as many letters in known long words, and a
    confidence no more than `MIN_CONFIDENCE_GAIN` lower? (A page's upright reading against the reading of a
    guessed quarter turn: the upright one is kept on a tie.)"""
    gain = mean_confidence(candidate) - mean_confidence(other)
    if gain < -MIN_CONFIDENCE_GAIN:
        return False
    from extractors import lexicon

    if not lexicon.known_words():
        return gain >= 0
    return word_letters(candidate)[0] >= max(1, word_letters(other)[0])


def read_turned_too(words: Sequence[Word], settled: bool) -> bool:
    """Does `ocr_upright` read a page whose first reading is `words` a second time, turned 180°?"""
    return not (settled or len(words) < FEW_WORDS_TO_JUDGE or reads_right(words))


def ocr_upright(
    img: np.ndarray, languages: str = LANGUAGES, timeout: float = DEFAULT_TIMEOUT, *, settled: bool = False
) -> tuple[tuple[Word, ...], bool]:
    """OCR, and once more turned 180° when the result may be text read upside down (many words, low
    confidence, few known words) and the clean-up's up/down decision was only a guess from the letters'
    shape (`settled`: orientation detection decided it with confidence; the page is then read once).
    The turned reading is kept only when its confidence and its known words both say it is the right
    one (`turned_reads_better`). Returns the words and whether the page was turned. Boxes are fractions
    of the image read."""
    return upside_down_if_better(img, ocr_words(img, languages, timeout=timeout), languages, timeout,
                                 settled=settled)


def upside_down_if_better(
    img: np.ndarray, words: tuple[Word, ...], languages: str = LANGUAGES, timeout: float = DEFAULT_TIMEOUT,
    *, settled: bool = False,
) -> tuple[tuple[Word, ...], bool]:
    """`words`, the reading of `img`, or the reading of `img` turned 180° where `read_turned_too` asks for
    it and `turned_reads_better` keeps it; and whether it was turned."""
    if not read_turned_too(words, settled):
        return words, False
    turned = ocr_words(np.ascontiguousarray(cv2.rotate(img, cv2.ROTATE_180)), languages, timeout=timeout)
    if turned_reads_better(words, turned):
        return turned, True
    return words, False
