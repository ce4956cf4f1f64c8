"""Files stage: paths → files with bytes, type, sha256, page count or a per-file error.

ZIP archives are opened in memory (recursively, bounded by `Limits`); a member is named
`archive.zip/inner/path`. Nothing is ever written to disk here.
"""

from __future__ import annotations

import hashlib
import io
import logging
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from extractors.pdfium_lock import PDFIUM
from intake import sniff
from intake.errors import (
    ArchiveBomb,
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    FileRejected,
    ImageBomb,
    TooLarge,
    UnsupportedType,
)
from intake.limits import Limits
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


def load_package(paths: Sequence[Path], limits: Limits | None = None) -> tuple[LoadedFile, ...]:
    """Read every file of a package; unreadable ones carry an error, the rest their bytes."""
    limits = limits or Limits()
    out: list[LoadedFile] = []
    total = 0
    for name, path in expand_paths(paths):
        size = path.stat().st_size
        total += size
        if size > limits.max_file_bytes or total > limits.max_package_bytes:
            out.append(_rejected(name, b"", TooLarge(f"{size} bytes"), size=size))
            continue
        out.extend(inspect(name, path.read_bytes(), limits))
    return tuple(out)


def load_blobs(items: Sequence[tuple[str, bytes]], limits: Limits | None = None) -> tuple[LoadedFile, ...]:
    """Files given as (name, bytes), e.g. an upload or objects read back from storage."""
    limits = limits or Limits()
    out: list[LoadedFile] = []
    total = 0
    for name, data in items:
        total += len(data)
        if total > limits.max_package_bytes:
            out.append(_rejected(name, b"", TooLarge(f"package over {limits.max_package_bytes} bytes"),
                                 size=len(data)))
            continue
        out.extend(inspect(name, data, limits))
    return tuple(out)


def inspect(name: str, data: bytes, limits: Limits, depth: int = 0) -> Iterator[LoadedFile]:
    """One uploaded file (or archive member) → the readable files it holds, or an error record."""
    try:
        if not data:
            raise EmptyFile("empty file")
        if len(data) > limits.max_file_bytes:
            raise TooLarge(f"{len(data)} bytes > {limits.max_file_bytes}")
        media = sniff.sniff(data)
        if media == sniff.ZIP:
            yield from _unzip(name, data, limits, depth)
            return
        if media not in sniff.SUPPORTED:
            raise UnsupportedType(f"media type {media}")
        pages = count_pages(media, data, limits)
    except FileRejected as exc:
        log.info("file rejected name=%r code=%s detail=%s", name, exc.code, exc)
        yield _rejected(name, data, exc)
        return
    yield LoadedFile(meta=InputFile(name=name, sha256=_sha256(data), size=len(data), media_type=media,
                                    pages=pages), data=data)


def count_pages(media: str, data: bytes, limits: Limits) -> int:
    """Page count of a PDF or image; raises a `FileRejected` when it cannot be opened."""
    if media == sniff.PDF:
        return _pdf_pages(data, limits)
    return _image_frames(data, limits)


def _pdf_pages(data: bytes, limits: Limits) -> int:
    with PDFIUM:
        return _pdf_pages_locked(data, limits)


def _pdf_pages_locked(data: bytes, limits: Limits) -> int:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedFile(str(exc)) from exc
        raise CorruptFile(str(exc)) from exc
    try:
        n = len(pdf)
    finally:
        pdf.close()
    if n == 0:
        raise CorruptFile("PDF has no pages", user_message="В PDF-файле нет ни одной страницы.")
    if n > limits.max_pages_per_file:
        raise TooLarge(f"{n} pages", user_message=(
            f"В файле {n} страниц, допускается не более {limits.max_pages_per_file}. Разделите файл."))
    return n


def _image_frames(data: bytes, limits: Limits) -> int:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            w, h = im.size
            if w * h > limits.max_image_pixels:
                raise ImageBomb(f"{w}x{h} pixels")
            n = int(getattr(im, "n_frames", 1))
            im.verify()
    except FileRejected:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageBomb(str(exc)) from exc
    except Exception as exc:  # Pillow raises many kinds on broken images
        raise CorruptFile(f"{type(exc).__name__}: {exc}") from exc
    if n > limits.max_pages_per_file:
        raise TooLarge(f"{n} frames")
    return n


def _unzip(name: str, data: bytes, limits: Limits, depth: int) -> Iterator[LoadedFile]:
    if depth >= limits.max_archive_depth:
        raise ArchiveBomb(f"nesting depth {depth + 1}", user_message=(
            f"Архив вложен слишком глубоко (более {limits.max_archive_depth} уровней); он не обработан."))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFile(str(exc)) from exc
    names = {i.filename for i in infos}
    if "[Content_Types].xml" in names or "mimetype" in names:
        raise UnsupportedType("office document", user_message=(
            "Документ Word/Excel/OpenDocument не принимается: сохраните его в PDF и загрузите еще раз."))
    if len(infos) > limits.max_archive_members:
        raise ArchiveBomb(f"{len(infos)} members")
    declared = sum(i.file_size for i in infos)
    ratio_cap = len(data) * limits.max_archive_ratio + 10**6
    if declared > limits.max_archive_unpacked_bytes or declared > ratio_cap:
        raise ArchiveBomb(f"declared {declared} bytes from {len(data)}")
    unpacked = 0
    for info in sorted(infos, key=lambda i: i.filename):
        member = f"{name}/{display_name(_decode_name(info))}"
        if info.flag_bits & 0x1:
            yield _rejected(member, b"", EncryptedFile("encrypted member"))
            continue
        try:
            body = _read_bounded(zf, info, limits.max_archive_unpacked_bytes - unpacked)
        except FileRejected as exc:
            yield _rejected(member, b"", exc)
            if isinstance(exc, ArchiveBomb):
                return
            continue
        unpacked += len(body)
        yield from inspect(member, body, limits, depth + 1)


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
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
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
                     error=FileError(code=exc.code, message=exc.user_message))
    return LoadedFile(meta=meta, data=b"")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def readable(files: Iterable[LoadedFile]) -> list[LoadedFile]:
    return [f for f in files if f.meta.error is None]
