"""Files stage: paths → files with bytes, type, sha256, page count or a per-file error.

ZIP archives are opened in memory (recursively, bounded by `Limits`; one budget of members and
unpacked bytes covers an archive and every archive nested in it); a member is named
`archive.zip/inner/path`. A file is bounded by `max_file_bytes`, a ZIP archive (told by its content) by
`max_archive_bytes`, each of its members by `max_file_bytes` again. Nothing is ever written to disk
here. PDFs and images are opened (to count their pages) in contained child processes: a file that
crashes or hangs its parser is refused, and the rest of the package is read.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from extractors import sniff
from extractors.pdfium_lock import PDFIUM
from intake.errors import (
    ActiveContent,
    ArchiveBomb,
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    FileRejected,
    ImageBomb,
    ReaderFailed,
    TooLarge,
    UnsupportedType,
)
from intake.i18n import N_
from intake.limits import MB, Limits
from models.files import FileError, InputFile, LoadedFile

log = logging.getLogger(__name__)


def expand_paths(paths: Sequence[Path]) -> list[tuple[str, Path]]:
    """Files named by `paths`; directories are read recursively in name order.

    A file given directly keeps its base name; a file found in a directory is named by its path
    relative to that directory.
    """
    out: list[tuple[str, Path]] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*"), key=lambda x: x.relative_to(p).as_posix()):
                if f.is_file():
                    out.append((f.relative_to(p).as_posix(), f))
        else:
            out.append((p.name, p))
    return out


def display_name(name: str) -> str:
    """A member name made safe to show: no control or bidi characters, no leading slashes, bounded."""
    cleaned = "".join(
        ch for ch in unicodedata.normalize("NFC", name)
        if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "/"
    )
    parts = [p for p in cleaned.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    out = "/".join(parts) or "без имени"
    return out if len(out) <= 255 else out[:240] + "…" + out[-14:]


HEAD_BYTES = 8
"""Enough of a file's start to tell an archive (`sniff`) from anything else."""


def is_archive(head: bytes) -> bool:
    """Whether a file starting with `head` is a ZIP archive (by its magic bytes)."""
    return sniff.sniff(head[:HEAD_BYTES]) == sniff.ZIP


def size_limit(head: bytes, limits: Limits) -> int:
    """Bytes a file starting with `head` may have: `max_archive_bytes` for a ZIP archive (by content,
    never by name), `max_file_bytes` for anything else."""
    return limits.max_archive_bytes if is_archive(head) else limits.max_file_bytes


class Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...


def read_limited(fh: Readable, limits: Limits) -> bytes:
    """A file's bytes, at most one over its `size_limit` (so that an oversized file is then refused by
    the files stage, having never been read whole)."""
    chunks = [fh.read(HEAD_BYTES)]
    left = size_limit(chunks[0], limits) + 1 - len(chunks[0])
    while left > 0 and (chunk := fh.read(min(left, 1 << 20))):  # a stream may return less than asked
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def too_large(head: bytes, size: int, limits: Limits) -> TooLarge | None:
    """The refusal of a file of `size` bytes starting with `head`, or None when it is within its limit."""
    bound = size_limit(head, limits)
    if size <= bound:
        return None
    if is_archive(head):
        return TooLarge(f"archive {size} bytes > {bound}", user_message=N_(
            "Архив больше %(mb)s МБ; он не обработан. Разделите документы на несколько архивов или "
            "загрузите их отдельными файлами."), mb=bound // MB)
    return file_over(size, bound, f"{size} bytes > {bound}")


def _mb(size: int) -> str:
    """Megabytes as people read them: whole ones as they are, others with one decimal after a comma,
    rounded up (a file a byte over 50 MB is «50,1», never «50»)."""
    if size % MB == 0:
        return str(size // MB)
    return f"{-(-size * 10 // MB) / 10:.1f}".replace(".", ",")


def file_over(size: int, bound: int, detail: str) -> TooLarge:
    """The refusal of a file (or archive member) of `size` bytes over the file limit `bound`, naming both."""
    return TooLarge(detail, user_message=N_(
        "Файл больше %(mb)s МБ (%(size)s МБ); он не обработан. Сохраните скан с меньшим разрешением "
        "(200–300 dpi) или разделите документ на части."), mb=_mb(bound), size=_mb(size))


def package_over(limits: Limits) -> TooLarge:
    """The refusal of a file that no longer fits the package limit (the files before it are read)."""
    return TooLarge(f"package over {limits.max_package_bytes} bytes", user_message=N_(
        "Файл не вошел в пакет: все файлы пакета вместе больше %(mb)s МБ. Загрузите его отдельным пакетом."),
        mb=_mb(limits.max_package_bytes))


def load_package(paths: Sequence[Path], limits: Limits | None = None) -> tuple[LoadedFile, ...]:
    """Read every file of a package; unreadable ones carry an error, the rest their bytes."""
    limits = limits or Limits()
    out: list[LoadedFile | _Candidate] = []
    total = 0
    for name, path in expand_paths(paths):
        size = path.stat().st_size
        total += size
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
        refusal = too_large(head, size, limits)
        if refusal is None and total > limits.max_package_bytes:
            refusal = package_over(limits)
        if refusal is not None:
            log.info("file rejected name=%r code=%s detail=%s", name, refusal.code, refusal)
            out.append(_rejected(name, b"", refusal, size=size))
            continue
        out.extend(_expand(name, path.read_bytes(), limits))
    return tuple(_count_all(out, limits))


def load_blobs(items: Sequence[tuple[str, bytes]], limits: Limits | None = None) -> tuple[LoadedFile, ...]:
    """Files given as (name, bytes), e.g. an upload or objects read back from storage."""
    limits = limits or Limits()
    out: list[LoadedFile | _Candidate] = []
    total = 0
    for name, data in items:
        total += len(data)
        if total > limits.max_package_bytes:
            out.append(_rejected(name, b"", package_over(limits), size=len(data)))
            continue
        out.extend(_expand(name, data, limits))
    return tuple(_count_all(out, limits))


def inspect(name: str, data: bytes, limits: Limits, depth: int = 0) -> Iterator[LoadedFile]:
    """One uploaded file (or archive member) → the readable files it holds, or an error record."""
    yield from _count_all(list(_expand(name, data, limits, depth)), limits)


@dataclass
class _Budget:
    """What is left to unpack from one top-level archive (nested archives draw on the same budget)."""

    members: int
    unpacked: int
    names: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Candidate:
    """A file of a supported type whose pages are still to be counted."""

    name: str
    media: str
    data: bytes


def _expand(name: str, data: bytes, limits: Limits, depth: int = 0,
            budget: _Budget | None = None) -> Iterator[LoadedFile | _Candidate]:
    """Sniff and unpack: rejected files, and candidates whose pages are counted next."""
    try:
        if not data:
            raise EmptyFile("empty file")
        if depth == 0 and (refusal := too_large(data[:HEAD_BYTES], len(data), limits)) is not None:
            raise refusal
        if depth > 0 and len(data) > limits.max_file_bytes:  # a member, archive or not
            detail = f"member {len(data)} bytes > {limits.max_file_bytes}"
            raise file_over(len(data), limits.max_file_bytes, detail)
        media = sniff.sniff(data)
        if media == sniff.ZIP:
            budget = budget or _Budget(limits.max_archive_members, limits.max_archive_unpacked_bytes)
            yield from _unzip(name, data, limits, depth, budget)
            return
        if media not in sniff.SUPPORTED:
            raise UnsupportedType(f"media type {media}")
    except FileRejected as exc:
        log.info("file rejected name=%r code=%s detail=%s", name, exc.code, exc)
        yield _rejected(name, data, exc)
        return
    yield _Candidate(name, media, data)


_REJECTIONS: dict[str, type[FileRejected]] = {
    cls.__name__: cls for cls in (ActiveContent, CorruptFile, EncryptedFile, ImageBomb, TooLarge)
}


def _count_safe(item: tuple[str, bytes, Limits]) -> int | tuple[str, str, str, dict[str, str]]:
    """Pages of one file (run in a reader process): a count, or (error class, detail, user message
    template, its values)."""
    media, data, limits = item
    try:
        return count_pages(media, data, limits)
    except FileRejected as exc:
        values = {k: v for k, v in exc.user_text.params.items() if isinstance(v, str)}
        return (type(exc).__name__, str(exc), exc.user_text.id, values)


def _count_all(items: Sequence[LoadedFile | _Candidate], limits: Limits) -> Iterator[LoadedFile]:
    """Count the candidates' pages (contained unless `limits.contained` is off), in input order."""
    from extractors import sandbox

    todo = [(i, c) for i, c in enumerate(items) if isinstance(c, _Candidate)]
    results: dict[int, int | tuple[str, str, str, dict[str, str]] | sandbox.Failure] = {}
    work = [(c.media, c.data, limits) for _, c in todo]
    if limits.contained and work:
        outcomes = sandbox.run_contained(_count_safe, work, workers=min(2, len(work)),
                                         seconds=limits.parse_seconds, memory_mb=limits.memory_mb)
        for outcome in outcomes:
            results[todo[outcome.index][0]] = outcome.value
    else:
        for (i, _), w in zip(todo, work, strict=True):
            results[i] = _count_safe(w)
    for i, item in enumerate(items):
        if not isinstance(item, _Candidate):
            yield item
            continue
        got = results[i]
        if isinstance(got, int):
            yield LoadedFile(meta=InputFile(name=item.name, sha256=_sha256(item.data), size=len(item.data),
                                            media_type=item.media, pages=got), data=item.data)
            continue
        if isinstance(got, sandbox.Failure):
            exc: FileRejected = ReaderFailed(got.reason)
        else:
            exc = _REJECTIONS.get(got[0], CorruptFile)(got[1], user_message=got[2], **got[3])
        log.info("file rejected name=%r code=%s detail=%s", item.name, exc.code, exc)
        yield _rejected(item.name, item.data, exc)


def count_pages(media: str, data: bytes, limits: Limits) -> int:
    """Page count of a PDF or image; raises a `FileRejected` when it cannot be opened."""
    if media == sniff.PDF:
        return _pdf_pages(data, limits)
    return _image_frames(data, limits)


def _pdf_pages(data: bytes, limits: Limits) -> int:
    with PDFIUM:
        return _pdf_pages_locked(data, limits)


_ACTIVE = re.compile(rb"/(?:JavaScript|Launch)(?![A-Za-z0-9])")
_ESCAPED_NAME = re.compile(rb"/(?:[A-Za-z]|#[0-9A-Fa-f]{2}){6,10}(?![A-Za-z0-9#])")


def active_content(data: bytes) -> str | None:
    """The first script or program-launch action named in a PDF's bytes (`/JavaScript`, `/Launch`,
    also spelled with `#xx` escapes), or None. Nothing is ever executed: this only looks."""
    if m := _ACTIVE.search(data):
        return m.group(0).decode()
    if b"#" in data:
        for m in _ESCAPED_NAME.finditer(data):
            raw = m.group(0)
            if b"#" not in raw:
                continue
            name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda h: bytes([int(h.group(1), 16)]), raw[1:])
            if name in (b"JavaScript", b"Launch"):
                return "/" + name.decode()
    return None


MAX_SCANNED_OBJECTS = 200_000
_ACTIVE_KEYS = ("/JS", "/JavaScript", "/Launch")
_ACTIVE_ACTIONS = ("/JavaScript", "/Launch")


def active_objects(data: bytes) -> str | None:
    """A script or launch action anywhere among the PDF's objects, read with pikepdf (qpdf): also those
    inside compressed object streams, where the bytes never show the name. None when there is none."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return None  # refused as encrypted on its own
    except Exception as exc:  # qpdf cannot read it: pdfium decides whether the file opens at all
        log.info("pikepdf cannot read a PDF: %s", type(exc).__name__)
        return None
    with pdf:
        seen = 0
        for top in pdf.objects:
            todo = [top]
            while todo:  # the object and what it holds directly (indirect ones come as their own)
                obj = todo.pop()
                seen += 1
                if seen > MAX_SCANNED_OBJECTS:
                    return f"over {MAX_SCANNED_OBJECTS} objects"
                if isinstance(obj, pikepdf.Array):
                    todo.extend(o for o in obj if _direct_container(o))
                    continue
                if isinstance(obj, pikepdf.Stream):
                    obj = obj.stream_dict
                if not isinstance(obj, pikepdf.Dictionary):
                    continue
                for key in _ACTIVE_KEYS:
                    if key in obj:
                        return key
                kind = obj.get("/S")
                if isinstance(kind, pikepdf.Name) and str(kind) in _ACTIVE_ACTIONS:
                    return str(kind)
                todo.extend(v for v in obj.values() if _direct_container(v))
    return None


def _direct_container(obj: object) -> bool:
    import pikepdf

    return isinstance(obj, (pikepdf.Array, pikepdf.Dictionary)) and not obj.is_indirect


def _pdf_pages_locked(data: bytes, limits: Limits) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedFile(str(exc)) from exc
        raise CorruptFile(str(exc)) from exc
    try:
        declared = len(pdf)
        if declared > limits.max_pages_per_file:
            raise TooLarge(f"{declared} pages", user_message=N_(
                "В файле %(n)s страниц, допускается не более %(max)s. Разделите файл."),
                n=declared, max=limits.max_pages_per_file)
        scripts = pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf.raw)
        n = _loadable_pages(pdf, declared)
    finally:
        pdf.close()
    named = active_content(data) or active_objects(data)
    if scripts > 0 or named:
        raise ActiveContent(f"active content: {named or f'{scripts} document scripts'}")
    if n == 0:
        raise CorruptFile("PDF has no pages", user_message=N_("В PDF-файле нет ни одной страницы."))
    if n < declared:
        log.info("PDF claims %d pages, %d can be opened", declared, n)
    return n


def _loadable_pages(pdf: object, declared: int) -> int:
    """Pages up to the last one that opens: a page tree claiming more pages than it holds is not
    believed (the missing tail is dropped; a bad page inside is reported when it is read)."""
    last = 0
    for i in range(declared):
        try:
            page = pdf[i]  # type: ignore[index]
        except Exception:  # pdfium: "Failed to load page"
            continue
        page.close()
        last = i + 1
    return last


def _image_frames(data: bytes, limits: Limits) -> int:
    """Frames of an image; every frame is bounded in pixels, and their number in pages."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            n = 0
            while True:
                w, h = im.size
                if w * h > limits.max_image_pixels:
                    raise ImageBomb(f"frame {n + 1}: {w}x{h} pixels")
                n += 1
                if n > limits.max_pages_per_file:
                    raise TooLarge(f"over {limits.max_pages_per_file} frames", user_message=N_(
                        "В изображении больше %(max)s страниц (кадров). Разделите файл."),
                        max=limits.max_pages_per_file)
                try:
                    im.seek(n)
                except EOFError:
                    break
        with Image.open(io.BytesIO(data)) as im:
            im.verify()
    except FileRejected:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageBomb(str(exc)) from exc
    except Exception as exc:  # Pillow raises many kinds on broken images
        raise CorruptFile(f"{type(exc).__name__}: {exc}") from exc
    return n


def _unzip(name: str, data: bytes, limits: Limits, depth: int,
           budget: _Budget) -> Iterator[LoadedFile | _Candidate]:
    if depth >= limits.max_archive_depth:
        raise ArchiveBomb(f"nesting depth {depth + 1}", user_message=N_(
            "Архив вложен слишком глубоко (более %(max)s уровней); он не обработан."),
            max=limits.max_archive_depth)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except Exception as exc:  # zipfile raises many kinds on a broken directory
        raise CorruptFile(f"{type(exc).__name__}: {exc}") from exc
    names = {i.filename for i in infos}
    if "[Content_Types].xml" in names or "mimetype" in names:
        raise UnsupportedType("office document", user_message=N_(
            "Документ Word/Excel/OpenDocument не принимается: сохраните его в PDF и загрузите еще раз."))
    if len(infos) > budget.members:
        raise ArchiveBomb(f"{len(infos)} members, {budget.members} allowed")
    declared = sum(i.file_size for i in infos)
    ratio_cap = len(data) * limits.max_archive_ratio + 10**6
    if declared > budget.unpacked or declared > ratio_cap:
        raise ArchiveBomb(f"declared {declared} bytes from {len(data)}")
    budget.members -= len(infos)
    for info in sorted(infos, key=lambda i: i.filename):
        member = _unique(f"{name}/{display_name(_decode_name(info))}", budget.names)
        if info.flag_bits & 0x1:
            yield _rejected(member, b"", EncryptedFile("encrypted member"))
            continue
        if info.file_size > limits.max_file_bytes:  # refused alone, never unpacked (a lie is caught below)
            detail = f"member declares {info.file_size} bytes"
            refusal = file_over(info.file_size, limits.max_file_bytes, detail)
            yield _rejected(member, b"", refusal, size=info.file_size)
            continue
        try:
            body = _read_bounded(zf, info, budget.unpacked)
        except FileRejected as exc:
            yield _rejected(member, b"", exc)
            if isinstance(exc, ArchiveBomb):
                return
            continue
        budget.unpacked -= len(body)
        yield from _expand(member, body, limits, depth + 1, budget)


def _unique(name: str, taken: set[str]) -> str:
    """Two members whose names read the same once made safe get ` (2)`, ` (3)`… appended."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        stem, dot, ext = name.rpartition(".")
        candidate = f"{stem} ({n}).{ext}" if dot and "/" not in ext else f"{name} ({n})"
    taken.add(candidate)
    return candidate


def _read_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read a member without trusting its declared size."""
    chunks: list[bytes] = []
    got = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(1 << 20):
                got += len(chunk)
                if got > budget:
                    raise ArchiveBomb(f"member {info.filename!r} exceeds unpack budget")
                chunks.append(chunk)
    except FileRejected:
        raise
    except Exception as exc:  # BadZipFile, zlib/bz2/lzma errors on a broken stream, unsupported methods
        raise CorruptFile(f"{type(exc).__name__}: {exc}") from exc
    return b"".join(chunks)


def _decode_name(info: zipfile.ZipInfo) -> str:
    """Member name; archives made on Windows often store Cyrillic names in CP866 without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("cp866")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _rejected(name: str, data: bytes, exc: FileRejected, size: int | None = None) -> LoadedFile:
    meta = InputFile(name=name, sha256=_sha256(data), size=len(data) if size is None else size,
                     media_type=sniff.sniff(data) if data else None, pages=None,
                     error=FileError(code=exc.code, message=exc.user_message, text=exc.user_text))
    return LoadedFile(meta=meta, data=b"")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def readable(files: Iterable[LoadedFile]) -> list[LoadedFile]:
    return [f for f in files if f.meta.error is None]
