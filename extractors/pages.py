"""Pages stage: files → pages (text layer where trustworthy, otherwise clean-up + Tesseract).

Pages are read in parallel processes (one Tesseract thread each) and cached by content hash.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from extractors import cleanup, ocr, raster, textlayer
from intake.cache import DiskCache, cache_key
from intake.sniff import PDF
from models.base import Frozen
from models.files import LoadedFile
from models.pages import Page
from models.vocab import PageSource

log = logging.getLogger(__name__)

READER_VERSION = "pages/1"


class ReaderConfig(Frozen):
    """How pages are read; part of the cache key."""

    languages: str = ocr.LANGUAGES
    dpi: int = raster.RENDER_DPI
    min_layer_quality: float = 0.6
    workers: int = 0
    """0: one per core."""

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
        log.warning("page read failed file=%r page=%d error=%s: %s",
                    task.file, task.index + 1, type(exc).__name__, exc)
        page = Page(file=task.file, page=task.index + 1, source=PageSource.ocr,
                    error=f"{type(exc).__name__}: {exc}")
    log.info("page read file=%r page=%d source=%s words=%d cleanup=%s seconds=%.2f", task.file,
             page.page, page.source.value, len(page.words), ",".join(page.cleanup),
             time.perf_counter() - started)
    return page


def _read(task: PageTask, config: ReaderConfig) -> Page:
    number = task.index + 1
    dpi: float | None
    if task.media_type == PDF:
        words = textlayer.read_text_layer(task.data, task.index)
        if textlayer.layer_quality(words) >= config.min_layer_quality:
            return Page(file=task.file, page=number, source=PageSource.text_layer, words=words)
        img, dpi = raster.render_pdf_page(task.data, task.index, config.dpi), float(config.dpi)
    else:
        img, dpi = raster.load_image_frame(task.data, task.index)
    cleaned, steps = cleanup.clean(img, dpi)
    words = ocr.ocr_words(cleaned, config.languages)
    return Page(file=task.file, page=number, source=PageSource.ocr, words=words, cleanup=steps)


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
            cache.put(keys[i], page)
        if on_page:
            on_page(page)

    workers = config.workers or os.cpu_count() or 1
    if workers <= 1 or len(todo) <= 1:
        for i in todo:
            finish(i, read_page(tasks[i], config))
    else:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=ctx) as pool:
            futures = {i: pool.submit(read_page, tasks[i], config) for i in todo}
            for i in todo:
                finish(i, futures[i].result())
    return tuple(done[i] for i in range(len(tasks)))
