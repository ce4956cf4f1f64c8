"""Page images for viewers, rendered in a contained reader process and cached.

The service only fetches the stored file and hands it to a reader process with a memory and a time
limit (`extractors/sandbox.py`); there, only the requested archive member is unpacked (bounded like
any member), the page is rendered under a pixel cap and encoded as PNG. Images are cached by the
stored file's hash, the member, page and resolution; renders are bounded at once per service and per
user.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extractors import sandbox
from intake.limits import Limits

VERSION = "1"
"""Changes whenever rendering changes, so that old cached images are not served."""


class ViewerError(Exception):
    """A page that cannot be shown; `str(self)` is the Russian message."""


class Busy(Exception):
    """Too many renders at once (for this user: `per_user`, else for the service)."""

    def __init__(self, per_user: bool) -> None:
        super().__init__("busy")
        self.per_user = per_user


@dataclass(frozen=True)
class RenderJob:
    data: bytes
    """The stored file (an archive when `member` is set)."""
    member: str
    """Path inside the archive (`inner/x.pdf`, nested archives included), or empty."""
    page: int
    dpi: int
    max_pixels: int
    limits: Limits


def render(job: RenderJob) -> bytes:
    """PNG of one page (run in a reader process). Raises ViewerError with a message for people."""
    data = _member(job.data, job.member, job.limits, 0) if job.member else job.data
    from extractors import sniff

    media = sniff.sniff(data)
    if media == sniff.PDF:
        return _pdf_page(data, job)
    if media in sniff.SUPPORTED:
        return _image_frame(data, job)
    raise ViewerError("Файл не является изображением или PDF: страницы нет.")


def _member(data: bytes, path: str, limits: Limits, depth: int) -> bytes:
    """Only the named member is read (the others are never unpacked); nested archives likewise."""
    from intake.files import _decode_name, _read_bounded, _unique, display_name

    if depth >= limits.max_archive_depth:
        raise ViewerError("Архив вложен слишком глубоко.")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
    except Exception as exc:
        raise ViewerError("Архив не читается.") from exc
    if len(infos) > limits.max_archive_members:
        raise ViewerError("В архиве слишком много файлов.")
    taken: set[str] = set()
    for info in infos:
        name = _unique(display_name(_decode_name(info)), taken)
        if path != name and not path.startswith(name + "/"):
            continue
        if info.flag_bits & 0x1:
            raise ViewerError("Файл в архиве зашифрован.")
        budget = min(limits.max_archive_unpacked_bytes, limits.max_file_bytes,
                     int(len(data) * limits.max_archive_ratio) + 10**6)
        if info.file_size > budget:
            raise ViewerError("Файл в архиве слишком велик.")
        body = _read_bounded(zf, info, budget)
        return body if path == name else _member(body, path[len(name) + 1:], limits, depth + 1)
    raise ViewerError("Файл не найден в архиве.")


def _pdf_page(data: bytes, job: RenderJob) -> bytes:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ViewerError("PDF-файл не читается.") from exc
    try:
        if job.page > len(pdf):
            raise ViewerError(f"В файле {len(pdf)} стр.")
        page = pdf[job.page - 1]
        w, h = page.get_size()
        scale = min(job.dpi / 72, (job.max_pixels / (max(w, 1.0) * max(h, 1.0))) ** 0.5 * 0.999)
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
    finally:
        pdf.close()
    return _png(image)


def _image_frame(data: bytes, job: RenderJob) -> bytes:
    from PIL import Image, ImageOps

    from extractors.raster import to_display_mode

    with Image.open(io.BytesIO(data)) as im:
        try:
            im.seek(job.page - 1)
        except EOFError:
            raise ViewerError("В файле меньше страниц.") from None
        if im.size[0] * im.size[1] > job.limits.max_image_pixels:
            raise ViewerError("Изображение слишком велико.")
        if im.size[0] * im.size[1] > job.max_pixels:
            im.draft("RGB", (im.size[0] // 2, im.size[1] // 2))  # JPEG: decode at a reduced size
        frame = to_display_mode(ImageOps.exif_transpose(im))
        w, h = frame.size
        if w * h > job.max_pixels:
            k = (job.max_pixels / (w * h)) ** 0.5
            frame = frame.resize((max(1, int(w * k)), max(1, int(h * k))), Image.Resampling.LANCZOS)
        return _png(frame)


def _png(image: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=3)  # type: ignore[attr-defined]
    return buf.getvalue()


class Viewer:
    """Cache, bounds and the contained render, shared by the requests of one service process."""

    def __init__(self, cache_dir: Path, *, renders: int, per_user: int, memory_mb: int,
                 seconds: float, max_pixels: int) -> None:
        self.dir = cache_dir / "viewer"
        self.slots = threading.BoundedSemaphore(max(1, renders))
        self.per_user = max(1, per_user)
        self.memory_mb, self.seconds, self.max_pixels = memory_mb, seconds, max_pixels
        self.running: dict[object, int] = {}
        self.lock = threading.Lock()

    def path(self, file_key: str, member: str, page: int, dpi: int) -> Path:
        k = hashlib.sha256(f"{VERSION}\0{member}\0{page}\0{dpi}\0{self.max_pixels}".encode()).hexdigest()
        return self.dir / file_key / f"{k}.png"

    def forget(self, file_key: str) -> None:
        """Drop every cached image of a stored file (the package was withdrawn or purged)."""
        import shutil

        shutil.rmtree(self.dir / file_key, ignore_errors=True)

    def page(self, user: object, file_key: str, load: Callable[[], bytes], member: str, page: int, dpi: int,
             limits: Limits) -> bytes:
        path = self.path(file_key, member, page, dpi)
        try:
            return path.read_bytes()
        except OSError:
            pass
        with self.lock:
            if self.running.get(user, 0) >= self.per_user:
                raise Busy(per_user=True)
            self.running[user] = self.running.get(user, 0) + 1
        try:
            if not self.slots.acquire(timeout=self.seconds):
                raise Busy(per_user=False)
            try:
                png = self._render(RenderJob(load(), member, page, dpi, self.max_pixels, limits))
            finally:
                self.slots.release()
        finally:
            with self.lock:
                self.running[user] -= 1
                if not self.running[user]:
                    del self.running[user]
        _write_atomic(path, png)
        return png

    def _render(self, job: RenderJob) -> bytes:
        (outcome,) = list(sandbox.run_contained(render, [job], workers=1, seconds=self.seconds,
                                                memory_mb=self.memory_mb))
        if isinstance(outcome.value, sandbox.Failure):
            failure = outcome.value
            if failure.kind == "error" and failure.reason.startswith("ViewerError: "):
                raise ViewerError(failure.reason.removeprefix("ViewerError: "))
            raise ViewerError("Страницу не удалось показать: файл слишком сложен или поврежден.")
        return outcome.value


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
