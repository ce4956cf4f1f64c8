"""Pages stage: files → pages (text layer where trustworthy, otherwise clean-up + Tesseract).

Pages are read in parallel processes (one Tesseract thread each, its language models loaded once per
process, see `extractors.ocr`) and cached by content hash.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import cv2
import numpy as np

from extractors import bin as bins
from extractors import cleanup, ocr, raster, reread, reread_figures, sandbox, sauvola, textlayer
from extractors.cache import DiskCache, cache_key
from extractors.lines import group_lines
from extractors.sniff import PDF
from models.base import Frozen
from models.files import LoadedFile
from models.pages import Page, Word
from models.vocab import PageSource

log = logging.getLogger(__name__)

READER_VERSION = "pages/43"


class ReaderConfig(Frozen):
    """How pages are read; part of the cache key."""

    languages: str = ocr.LANGUAGES
    dpi: int = raster.RENDER_DPI
    min_layer_quality: float = 0.6
    workers: int = 0
    """0: one per core."""
    page_seconds: float = ocr.DEFAULT_TIMEOUT
    """A Tesseract run over this is stopped; the page is recorded as unreadable, the package goes on.
    A page reader process still busy after `hard_seconds()` is killed (a hung pdfium or OpenCV)."""
    page_memory_mb: int = sandbox.MEMORY_MB
    """A page reader process may grow by at most this much address space (0: no limit)."""
    contained: bool = True
    """Read pages in child processes (a crash, hang or memory blow-up loses one page, not the service)."""

    reader_seconds: float = 0
    """Wall time after which a page reader process is killed; 0: `3 × page_seconds + 60`."""

    def hard_seconds(self) -> float:
        """Wall time after which a page reader is killed (default: three OCR runs of the page plus slack:
        a page whose orientation was guessed may be read three ways)."""
        return self.reader_seconds or 3 * self.page_seconds + 60

    def fingerprint(self) -> str:
        return f"{READER_VERSION}|{self.languages}|{self.dpi}|{self.min_layer_quality}"


@dataclass(frozen=True)
class PageTask:
    file: str
    sha256: str
    media_type: str
    index: int
    data: bytes


def read_page(task: PageTask, config: ReaderConfig) -> Page:
    """Read one page; never raises for a bad page (the error is recorded on the page)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    started = time.perf_counter()
    try:
        page = _read(task, config)
    except Exception as exc:
        log.warning(
            "page read failed file=%r page=%d error=%s: %s",
            task.file,
            task.index + 1,
            type(exc).__name__,
            exc,
        )
        page = Page(
            file=task.file, page=task.index + 1, source=PageSource.ocr, error=f"{type(exc).__name__}: {exc}"
        )
    log.info(
        "page read file=%r page=%d source=%s words=%d cleanup=%s seconds=%.2f",
        task.file,
        page.page,
        page.source.value,
        len(page.words),
        ",".join(page.cleanup),
        time.perf_counter() - started,
    )
    return page


def _read(task: PageTask, config: ReaderConfig) -> Page:
    number = task.index + 1
    dpi: float | None
    theirs: tuple[Word, ...] = ()
    verdict = PageSource.ocr
    if task.media_type == PDF:
        layer = textlayer.read_layer(task.data, task.index)
        verdict, detail = judge_layer(layer, task, config)
        if verdict != PageSource.ocr and is_ocr_layer(layer):
            # another program's OCR: kept only if it reads as well as the page stage's own reading
            theirs, detail = layer.words, (*detail, "ocr-layer")
        elif verdict == PageSource.text_layer:
            return Page(
                file=task.file, page=number, source=PageSource.text_layer, words=layer.words, cleanup=detail
            )
        img, dpi = page_raster(task, layer, config)
        if verdict == PageSource.mixed and not theirs:
            return _read_mixed(task, config, layer, img, detail, dpi)
    else:
        img, dpi = raster.load_image_frame(task.data, task.index)
        detail = ()
    cleaned, steps, words = _clean_and_read(img, dpi, config)
    if cleanup.SHEET_STEP in steps and _letter_words(words) < FEW_WORDS:
        # a wrong sheet outline (a fold, a shadow, the background's stripes) can warp the text away
        again, again_steps, again_words = _clean_and_read(img, dpi, config, sheet=False)
        if _letter_words(again_words) >= max(ENOUGH_WORDS, 2 * _letter_words(words)):
            cleaned, steps, words = again, (*again_steps, "sheet-retry"), again_words
    words, fixed = reread.reread_bins(cleaned, words)
    if fixed:
        steps = (*steps, f"bin-reread:{fixed}")
    words, figures = reread_figures.reread_figures(cleaned, words, config.languages, config.page_seconds)
    if figures:
        steps = (*steps, f"figure-reread:{figures}")
    if theirs and layer_reads_better(theirs, words):
        kept = (*detail, "ocr-layer-kept")
        if verdict == PageSource.mixed:  # the ink the layer leaves out is read as on any partial layer
            return _read_mixed(task, config, layer, img, kept, dpi)
        return Page(file=task.file, page=number, source=PageSource.text_layer, words=theirs, cleanup=kept)
    return Page(file=task.file, page=number, source=PageSource.ocr, words=words, cleanup=(*detail, *steps))


OCR_LAYER_HIDDEN = 0.9
"""Share of a scanned page's glyphs drawn invisible from which its text layer is another program's OCR."""


def is_ocr_layer(layer: textlayer.Layer) -> bool:
    """Is the page a scan under an invisible text layer (`Layer.hidden`, measured on scanned pages only):
    the OCR of a scanner's or a phone app's software, whose quality nothing vouches for (a raw Tesseract
    layer over a bad scan reads garbled numbers in words that still look like words)?"""
    return layer.hidden >= OCR_LAYER_HIDDEN


def layer_reads_better(layer_words: Sequence[Word], ours: Sequence[Word]) -> bool:
    """Does another program's OCR layer read better than the page stage's reading of the same pixels: at
    least as many letters in known long words and as many sound figures (`sound_figures`), and more of
    one of them? Counts, not shares: a raw OCR layer over a scan keeps most of its words' letters right and
    misreads digits, and only counts of what was read right tell it from the page stage's own reading.
    A tie keeps the page stage's reading: the layer's words carry no confidence of their own (every word
    stands at 1), so a figure it misread would pass as sure where the page stage's reading says how
    unsure it was, and the rules say a finding resting on an unsure reading at a lower severity. (Without
    the language models' word lists the words tie.)"""
    letters, figures = ocr.word_letters(layer_words)[0], sound_figures(layer_words)
    mine_letters, mine_figures = ocr.word_letters(ours)[0], sound_figures(ours)
    return (letters >= mine_letters and figures >= mine_figures
            and (letters > mine_letters or figures > mine_figures))


_DATE = re.compile(r"(?<![\d.])(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])\.(?:19|20)\d\d(?![\d.]\d)")


def sound_figures(words: Sequence[Word]) -> int:
    """Figures a reading can be checked on: 12-digit numbers passing the BIN/IIN check digit, and dates
    `dd.mm.yyyy` with day and month in range. A misread digit fails the one and often the other."""
    text = " ".join(w.text for w in words)
    valid = sum(bins.is_valid_bin(m.group()) for m in bins.TWELVE_DIGITS.finditer(text))
    return valid + len(_DATE.findall(text))


SCANNED_IMAGE = textlayer.SCANNED_IMAGE
"""Share of a PDF page one image must cover for the page to be a scan: rendered at that image's resolution,
its layer judged by the ink it covers (`judge_layer`), and any invisible layer another program's OCR."""


def page_raster(task: PageTask, layer: textlayer.Layer, config: ReaderConfig) -> tuple[np.ndarray, float]:
    """A PDF page to OCR as an image (colour when an image covers much of it) and its resolution: a page
    that is one big image (a scan, a phone photo placed on a page of any size) at the image's own
    resolution, its pixels 1:1; any other page at `config.dpi`."""
    dpi = float(config.dpi)
    if layer.image_area >= SCANNED_IMAGE:
        dpi = raster.scanned_page_dpi(layer.image_dpi, dpi)
    img = raster.render_pdf_page(task.data, task.index, dpi, color=layer.image_area > 0.3)
    return img, dpi


def _clean_and_read(img: np.ndarray, dpi: float | None, config: ReaderConfig, *, sheet: bool = True
                    ) -> tuple[np.ndarray, tuple[str, ...], tuple[Word, ...]]:
    """Clean-up and OCR of one raster: the image read (turned when OCR read it better upside down), the
    steps and the words (a scan read again with local binarisation when the first reading is poor:
    `extractors.sauvola`).

    A page whose up/down the letters' shape leaves open, whose lines run across and lean upright, is read
    as it is first (`cleanup.READ_STEP`): OCRmyPDF, too, runs orientation detection only when asked. A
    reading sure of itself (`ocr.reads_upright`) settles it. Any other is set aside, and the page, cleaned up
    to its orientation once (`cleanup.unoriented`), is oriented again with orientation detection; where that
    leaves the image as it was (OSD found it upright or could not tell), the first reading is kept instead
    of reading it again."""
    ready, before = cleanup.unoriented(img, dpi, sheet=sheet)
    cleaned, steps = cleanup.orient(ready, before, read_first=True)
    first: tuple[Word, ...] | None = None
    if cleanup.READ_STEP in steps:
        first = ocr.ocr_words(cleaned, config.languages, timeout=config.page_seconds)
        if ocr.reads_upright(first):
            return (cleaned, *_local_reread(cleaned, steps, first, config))
        unread = cleaned
        cleaned, steps = cleanup.orient(ready, before)
        if not np.array_equal(cleaned, unread):
            first = None
    quarter = cleanup.guessed_quarter_turn(steps)
    if quarter:
        return _read_quarter_guess(cleaned, steps, quarter, config)
    settled = cleanup.OSD_STEP in steps
    if first is None:
        first = ocr.ocr_words(cleaned, config.languages, timeout=config.page_seconds)
    words, turned = ocr.upside_down_if_better(cleaned, first, config.languages, config.page_seconds,
                                              settled=settled)
    if turned:
        steps = (*steps, "rotate:180-retry")
        cleaned = cv2.rotate(cleaned, cv2.ROTATE_180)
    if turned or ocr.read_turned_too(words, settled):
        return cleaned, steps, words  # a page read twice already (also turned) is not read a third time
    return (cleaned, *_local_reread(cleaned, steps, words, config))


def _local_reread(cleaned: np.ndarray, steps: tuple[str, ...], words: tuple[Word, ...], config: ReaderConfig
                  ) -> tuple[tuple[str, ...], tuple[Word, ...]]:
    """The steps and `words`, or the Sauvola reading of a poorly read scan (`extractors.sauvola`); a
    photographed sheet's trouble is blur, not its threshold, and it is not read again."""
    if cleanup.SHEET_STEP in steps:
        return steps, words
    again, local = sauvola.reread(cleaned, words, config.languages, config.page_seconds)
    return ((*steps, sauvola.STEP), again) if local else (steps, words)


def _read_quarter_guess(cleaned: np.ndarray, steps: tuple[str, ...], quarter: int, config: ReaderConfig
                        ) -> tuple[np.ndarray, tuple[str, ...], tuple[Word, ...]]:
    """A page the clean-up turned a quarter by its line direction alone (no orientation detection
    confirmed it: a roller's streaks, two narrow justified columns or a photo's blur can fake the lines)
    is read both ways: turned, and as it came. The reading as it came is kept when its words lie across the
    image and it reads as well, or at least half as well while the turned reading's own words stand up the
    image (`_kept_as_came`); a landscape page fed portrait reads garbage that way. A turned reading
    that stays unsure is read once more the other way up (its up/down was a guess too): three readings
    at most (`ReaderConfig.hard_seconds`)."""
    words = ocr.ocr_words(cleaned, config.languages, timeout=config.page_seconds)
    back = cv2.ROTATE_90_COUNTERCLOCKWISE if quarter == 90 else cv2.ROTATE_90_CLOCKWISE
    upright = np.ascontiguousarray(cv2.rotate(cleaned, back))
    again = ocr.ocr_words(upright, config.languages, timeout=config.page_seconds)
    if _kept_as_came(again, upright.shape, words, cleaned.shape):
        return upright, (*steps, f"rotate:{360 - quarter}-retry"), again
    words, turned = ocr.upside_down_if_better(cleaned, words, config.languages, config.page_seconds)
    if turned:
        return cv2.rotate(cleaned, cv2.ROTATE_180), (*steps, "rotate:180-retry"), words
    return cleaned, steps, words


def _kept_as_came(again: Sequence[Word], upright: tuple[int, ...], turned: Sequence[Word],
                  turned_shape: tuple[int, ...]) -> bool:
    """Is the reading of a page as it came (`again`) kept over the reading of its guessed quarter turn?
    Its words must lie across the image, and it must read as well (`ocr.reads_as_well`), or at least half as
    many letters in known words where the turned reading's words stand up the image: Tesseract then read
    lines that the turn set upright word by word, and its count of known words says nothing of the turn.
    Bands of speckle down an upright scan fake such a turn (a photocopier's drum: line-direction ratio 6.9
    on an upright form whose turned reading kept 165 known letters, against 164 read as it came)."""
    if not _runs_across(again, upright):
        return False
    if ocr.reads_as_well(again, turned):
        return True
    standing = not _runs_across(turned, turned_shape)
    return standing and 2 * ocr.word_letters(again)[0] >= ocr.word_letters(turned)[0]


def _runs_across(words: Sequence[Word], shape: tuple[int, ...]) -> bool:
    """Do most words of three letters or more lie across the image, wider than tall? Tesseract reads text
    turned a quarter as well, word by word up the page; such a reading is no sign the image is upright."""
    h, w = shape[:2]
    long = [x.bbox for x in words if len(x.text) >= 3]
    across = sum(1 for b in long if (b[2] - b[0]) * w > (b[3] - b[1]) * h)
    return across > len(long) / 2


FEW_WORDS = 25
"""A photographed page cut out along its sheet's outline that reads fewer words of three letters or more
than this is read again as photographed."""
ENOUGH_WORDS = 8
"""The second reading is kept when it has at least this many such words and twice as many as the first
(a short statement of taxes reads 17; a photo of equipment reads a handful either way)."""
_LETTER_WORD = re.compile(r"[^\W\d_]{3,}")


def _letter_words(words: Sequence[Word]) -> int:
    return sum(1 for w in words if w.confidence >= 0.5 and _LETTER_WORD.search(w.text))


COVERAGE_DPI = 60
FULL_COVERAGE = 0.85
SOME_COVERAGE = 0.10


def judge_layer(
    layer: textlayer.Layer, task: PageTask, config: ReaderConfig
) -> tuple[PageSource, tuple[str, ...]]:
    """text_layer (trust it), mixed (trust it for the part of the page it covers) or ocr.

    A readable layer on a page without a page-sized image is born-digital: trusted without looking at
    pixels. On a scanned page the layer must also cover the image's ink.
    """
    quality = textlayer.layer_quality(layer.words)
    unmapped = layer.unmapped / max(layer.chars, 1)
    if quality < config.min_layer_quality or unmapped > 0.05:
        note = f"layer-rejected:q={quality:.2f}" + (f",unmapped={unmapped:.2f}" if unmapped > 0.05 else "")
        return PageSource.ocr, (note,) if layer.words else ()
    if layer.image_area < SCANNED_IMAGE:
        return PageSource.text_layer, ()
    gray = raster.render_pdf_page(task.data, task.index, COVERAGE_DPI)
    coverage, _ = textlayer.ink_coverage(layer.words, gray)
    note = f"layer-coverage:{coverage:.2f}"
    if coverage >= FULL_COVERAGE:
        return PageSource.text_layer, (note,)
    if coverage >= SOME_COVERAGE:
        return PageSource.mixed, (note,)
    return PageSource.ocr, (note,)


def _read_mixed(
    task: PageTask, config: ReaderConfig, layer: textlayer.Layer, img: np.ndarray, detail: tuple[str, ...],
    dpi: float | None,
) -> Page:
    """Keep the layer's words; OCR the rest of the page (the layer's words blanked out)."""
    gray, steps = cleanup.prepare(img, dpi)
    gray = gray.copy()
    gray[textlayer.word_mask(layer.words, gray.shape[:2], pad=0.003)] = 255
    gray = cleanup.clean_background(gray, steps)
    found = ocr.ocr_words(gray, config.languages, timeout=config.page_seconds)
    taken = textlayer.word_mask(layer.words, (1000, 1000), pad=0.0)
    extra = []
    for w in found:
        cx, cy = (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2
        if not taken[min(999, int(cy * 1000)), min(999, int(cx * 1000))] and np.isfinite(cx):
            extra.append((w.text, w.bbox, w.confidence))
    words = group_lines([(w.text, w.bbox, w.confidence) for w in layer.words] + extra)
    return Page(
        file=task.file,
        page=task.index + 1,
        source=PageSource.mixed,
        words=words,
        cleanup=(*detail, *steps, f"ocr-words:{len(extra)}"),
    )


def _read_page_as(tesseract: str, task: PageTask, config: ReaderConfig) -> Page:
    """`read_page` in a reader process, with the Tesseract binary the caller's process is set to use (a
    reader started from a fork server would otherwise see only the default)."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = tesseract
    return read_page(task, config)


def page_tasks(files: Sequence[LoadedFile]) -> list[PageTask]:
    return [
        PageTask(f.meta.name, f.meta.sha256, f.meta.media_type or "", i, f.data)
        for f in files
        if f.meta.error is None and f.meta.pages
        for i in range(f.meta.pages)
    ]


def read_pages(
    files: Sequence[LoadedFile],
    config: ReaderConfig,
    cache: DiskCache | None = None,
    on_page: Callable[[Page], None] | None = None,
) -> tuple[Page, ...]:
    """Every page of every readable file, in file and page order."""
    tasks = page_tasks(files)
    keys = [cache_key(config.fingerprint(), t.sha256, t.index) for t in tasks]
    done: dict[int, Page] = {}
    todo: list[int] = []
    for i, key in enumerate(keys):
        hit = cache.get(key, Page) if cache else None
        if hit is not None:
            # the same bytes may sit under another name in this package
            done[i] = hit.model_copy(update={"file": tasks[i].file})
            if on_page:
                on_page(done[i])
        else:
            todo.append(i)

    def finish(i: int, page: Page) -> None:
        done[i] = page
        if cache and page.error is None:
            try:
                cache.put(keys[i], page)
            except OSError as exc:  # a full or read-only cache disk costs speed, never the package
                log.warning("page cache write failed: %s", exc)
        if on_page:
            on_page(page)

    workers = config.workers or os.cpu_count() or 1
    if not config.contained:
        for i in todo:
            finish(i, read_page(tasks[i], config))
        return tuple(done[i] for i in range(len(tasks)))
    outcomes = sandbox.run_contained(
        partial(_read_page_as, ocr.tesseract_cmd(), config=config), [tasks[i] for i in todo], workers=workers,
        seconds=config.hard_seconds(), memory_mb=config.page_memory_mb,
    )
    for outcome in outcomes:
        i = todo[outcome.index]
        value = outcome.value
        if isinstance(value, sandbox.Failure):
            log.warning("page reader failed file=%r page=%d kind=%s reason=%s", tasks[i].file,
                        tasks[i].index + 1, value.kind, value.reason)
            value = Page(file=tasks[i].file, page=tasks[i].index + 1, source=PageSource.ocr,
                         error=value.reason)
        finish(i, value)
    return tuple(done[i] for i in range(len(tasks)))
