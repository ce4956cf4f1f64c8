"""Tesseract OCR of a cleaned page image → words with boxes, confidences and lines.

Tesseract runs as a subprocess on an uncompressed PGM in a temporary directory (no PNG encoding on the
way in), one thread (`OMP_THREAD_LIMIT=1`, set by the pages stage), TSV on stdout.
"""

from __future__ import annotations

import os
import subprocess
import tempfile

import cv2
import numpy as np

from models.pages import Word, mean_confidence

LANGUAGES = "rus+kaz+eng"
_TMP = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


class TesseractError(RuntimeError):
    pass


def tesseract_cmd() -> str:
    """The Tesseract binary (pytesseract's setting, so that tests and deployments can point elsewhere)."""
    try:
        import pytesseract

        return str(pytesseract.pytesseract.tesseract_cmd)
    except ImportError:  # pragma: no cover
        return "tesseract"


DEFAULT_TIMEOUT = 180.0
"""Seconds one Tesseract run may take before it is killed and the page recorded as unreadable."""


def run_tsv(
    img: np.ndarray, languages: str, psm: int, extra: tuple[str, ...] = (), timeout: float = DEFAULT_TIMEOUT
) -> list[list[str]]:
    """Rows of Tesseract's TSV output for `img` (gray uint8)."""
    with tempfile.TemporaryDirectory(dir=_TMP, prefix="ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        if not cv2.imwrite(path, img):
            raise TesseractError("cannot write the page image")
        cmd = [
            tesseract_cmd(),
            path,
            "stdout",
            "-l",
            languages,
            "--psm",
            str(psm),
            "--oem",
            "1",
            *extra,
            "tsv",
        ]
        env = dict(os.environ, OMP_THREAD_LIMIT=os.environ.get("OMP_THREAD_LIMIT", "1"))
        try:
            proc = subprocess.run(cmd, capture_output=True, env=env, check=False, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise TesseractError(f"tesseract ran over {timeout:.0f} s and was stopped") from exc
        except OSError as exc:
            raise TesseractError(f"cannot run {cmd[0]}: {exc}") from exc
    if proc.returncode != 0:
        raise TesseractError(proc.stderr.decode("utf-8", "replace").strip()[-300:])
    lines = proc.stdout.decode("utf-8", "replace").splitlines()
    return [ln.split("\t") for ln in lines[1:] if ln.count("\t") >= 11]


def ocr_words(
    img: np.ndarray, languages: str = LANGUAGES, psm: int = 3, offset: int = 0, dpi: int = 300,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[Word, ...]:
    """Words in Tesseract's reading order (block → paragraph → line), boxes as page fractions.

    `dpi`: the image's effective resolution (the clean-up brings pages to ~300 dpi); line numbers start
    at `offset`.
    """
    h, w = img.shape[:2]
    words: list[Word] = []
    line_ids: dict[tuple[str, str, str], int] = {}
    for row in run_tsv(img, languages, psm, ("--dpi", str(dpi)), timeout):
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
    return tuple(words)


DOUBTFUL_CONFIDENCE = 0.6
"""A page of text whose mean word confidence is below this may have been turned the wrong way."""


def ocr_upright(
    img: np.ndarray, languages: str = LANGUAGES, timeout: float = DEFAULT_TIMEOUT
) -> tuple[tuple[Word, ...], bool]:
    """OCR, and once more turned 180° when the result looks like text read upside down (many words, low
    confidence): the clean-up's up/down guess can be wrong on sparse forms. Returns the words with the
    better mean confidence and whether the page was turned. Boxes are fractions of the image read."""
    words = ocr_words(img, languages, timeout=timeout)
    if len(words) < 20 or mean_confidence(words) >= DOUBTFUL_CONFIDENCE:
        return words, False
    turned = ocr_words(np.ascontiguousarray(cv2.rotate(img, cv2.ROTATE_180)), languages, timeout=timeout)
    if mean_confidence(turned) > mean_confidence(words) + 0.1:
        return turned, True
    return words, False
