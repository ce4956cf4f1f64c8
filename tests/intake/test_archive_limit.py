"""An archive has its own size limit (`max_archive_bytes`): a ZIP of phone photos larger than one file may
be is read member by member, each member still bounded by the per-file limit; a file that is no archive
keeps the per-file limit. Archives are told by their content, never by their name."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from intake import i18n
from intake.batch.manifest import parse_row
from intake.batch.sources import FolderSource, S3Source, ZipSource
from intake.errors import ConfigError
from intake.files import load_blobs, load_package
from intake.limits import MB, Limits
from intake.settings import load_settings
from models.files import LoadedFile


def phone_photo(seed: int, megapixels: float = 3.5) -> bytes:
    """A JPEG as a phone makes it: several megabytes that do not compress further."""
    h = int((megapixels * 1_000_000 * 3 / 4) ** 0.5)
    pixels = np.random.default_rng(seed).integers(0, 256, (h, h * 4 // 3, 3), np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "JPEG", quality=95)
    return buf.getvalue()


def photo_archive(count: int, extra: dict[str, bytes] | None = None, megapixels: float = 3.5) -> bytes:
    """A ZIP of `count` phone photos (stored, as phones' share sheets do for JPEGs) and `extra` members."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for i in range(count):
            zf.writestr(f"Сканы/IMG_{i + 1:04d}.jpg", phone_photo(i, megapixels))
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def not_an_archive(size: int) -> bytes:
    """A PDF-looking file of `size` bytes."""
    return b"%PDF-1.4\n" + os.urandom(size - 9)


def _by_name(files: tuple[LoadedFile, ...]) -> dict[str, str | None]:
    return {f.meta.name: f.meta.error.code if f.meta.error else None for f in files}


def test_a_60_mb_zip_of_phone_photos_is_read_member_by_member(tmp_path: Path) -> None:
    data = photo_archive(15)
    assert 55 * MB < len(data) < 300 * MB and Limits().max_file_bytes == 50 * MB
    (tmp_path / "Документы на возмещение.zip").write_bytes(data)
    for files in (load_package([tmp_path / "Документы на возмещение.zip"]),
                  load_blobs([("Документы на возмещение.zip", data)])):
        assert len(files) == 15
        assert all(f.meta.error is None and f.meta.pages == 1 and f.meta.media_type == "image/jpeg"
                   for f in files), [f.meta.error for f in files]
        assert files[0].meta.name == "Документы на возмещение.zip/Сканы/IMG_0001.jpg"


def test_the_limit_follows_the_content_not_the_name(tmp_path: Path) -> None:
    """A 60 MB archive named `.pdf` is an archive; a 60 MB file named `.zip` that is none keeps the
    per-file limit and its message."""
    archive = photo_archive(15)
    other = not_an_archive(60 * MB)
    (tmp_path / "photos.pdf").write_bytes(archive)
    (tmp_path / "scan.zip").write_bytes(other)
    for files in (load_package([tmp_path / "photos.pdf", tmp_path / "scan.zip"]),
                  load_blobs([("photos.pdf", archive), ("scan.zip", other)])):
        codes = _by_name(files)
        assert codes.pop("scan.zip") == "too_large"
        assert len(codes) == 15 and set(codes.values()) == {None}
        (refused,) = [f for f in files if f.meta.error]
        assert refused.meta.error is not None and refused.meta.error.message == (
            "Файл больше 50 МБ (60 МБ); он не обработан. Сохраните скан с меньшим разрешением (200–300 dpi) "
            "или разделите документ на части.")
        assert refused.meta.size == 60 * MB


def test_an_archive_over_the_archive_limit_is_refused_whole(tmp_path: Path) -> None:
    limits = Limits(max_file_bytes=2 * MB, max_archive_bytes=8 * MB)
    small, large = photo_archive(3, megapixels=1.5), photo_archive(8, megapixels=1.5)
    assert 2 * MB < len(small) < 8 * MB < len(large)
    (tmp_path / "a.zip").write_bytes(small)
    (tmp_path / "b.zip").write_bytes(large)
    for files in (load_package([tmp_path / "a.zip", tmp_path / "b.zip"], limits),
                  load_blobs([("a.zip", small), ("b.zip", large)], limits)):
        codes = _by_name(files)
        assert codes.pop("b.zip") == "too_large"
        assert len(codes) == 3 and set(codes.values()) == {None}
        (refused,) = [f for f in files if f.meta.error]
        assert refused.meta.error is not None
        assert refused.meta.error.message.startswith("Архив больше 8 МБ; он не обработан.")


def test_a_member_over_the_file_limit_is_refused_alone(tmp_path: Path) -> None:
    """In a 60 MB archive, one 52 MB scan is refused (the file limit bounds every member) and the photos
    beside it are read."""
    data = photo_archive(3, extra={"Сканы/Договор.pdf": not_an_archive(52 * MB)})
    assert len(data) > 55 * MB
    (tmp_path / "docs.zip").write_bytes(data)
    for files in (load_package([tmp_path / "docs.zip"]), load_blobs([("docs.zip", data)])):
        codes = _by_name(files)
        assert codes.pop("docs.zip/Сканы/Договор.pdf") == "too_large"
        assert codes == {f"docs.zip/Сканы/IMG_000{i}.jpg": None for i in (1, 2, 3)}
        (refused,) = [f for f in files if f.meta.error]
        assert refused.meta.error is not None
        assert refused.meta.error.message.startswith("Файл больше 50 МБ (52 МБ); он не обработан.")
        assert i18n.file_error_message(refused.meta.error, "kk").startswith(
            "Файл 50 МБ-тан үлкен (52 МБ); ол өңделмеді.")


def test_a_file_a_little_over_the_limit_is_named_with_its_size_rounded_up(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(not_an_archive(50 * MB + 1))
    (refused,) = load_package([tmp_path / "scan.pdf"])
    assert refused.meta.error is not None
    assert refused.meta.error.message.startswith("Файл больше 50 МБ (50,1 МБ); он не обработан.")


def test_files_past_the_package_limit_are_refused_with_the_package_limit(tmp_path: Path) -> None:
    """The files that fit are read; the one that tips the package over its limit says so, not «too big»."""
    limits = Limits(max_file_bytes=2 * MB, max_package_bytes=3 * MB)
    small = photo_archive(1, megapixels=1.5)
    blobs = [("a.zip", small), ("b.pdf", not_an_archive(2 * MB))]
    assert len(small) + 2 * MB > 3 * MB
    codes = _by_name(load_blobs(blobs, limits))
    assert codes.pop("b.pdf") == "too_large" and set(codes.values()) == {None}
    (refused,) = [f for f in load_blobs(blobs, limits) if f.meta.error]
    assert refused.meta.error is not None
    assert refused.meta.error.message == (
        "Файл не вошел в пакет: все файлы пакета вместе больше 3 МБ. Загрузите его отдельным пакетом.")
    assert i18n.file_error_message(refused.meta.error, "kk") == (
        "Файл пакетке сыймады: пакеттің барлық файлдары бірге 3 МБ-тан үлкен. Оны жеке пакетпен жүктеңіз.")


def test_a_batch_reads_an_archive_up_to_the_archive_limit(tmp_path: Path) -> None:
    """A batch folder or ZIP of packages hands the files stage the whole archive, and a non-archive one
    byte over the limit."""
    archive, other = photo_archive(15), not_an_archive(60 * MB)
    (tmp_path / "p1").mkdir()
    (tmp_path / "p1" / "photos.zip").write_bytes(archive)
    (tmp_path / "p1" / "scan.pdf").write_bytes(other)
    row = parse_row({"package_id": "p1", "path": "p1", "cost_type": "digital_equipment",
                     "application_date": "2026-03-01", "applicant_bin": "940140000385"}, 1)
    blobs = dict(FolderSource(tmp_path, Limits()).blobs(row))
    assert blobs["photos.zip"] == archive
    assert len(blobs["scan.pdf"]) == 50 * MB + 1
    codes = _by_name(load_blobs(list(blobs.items())))
    assert codes.pop("scan.pdf") == "too_large" and len(codes) == 15 and set(codes.values()) == {None}
    with zipfile.ZipFile(tmp_path / "batch.zip", "w", zipfile.ZIP_STORED) as zf:  # a ZIP of packages
        zf.writestr("p1/photos.zip", archive)
        zf.writestr("p1/scan.pdf", other)
    blobs = dict(ZipSource(tmp_path / "batch.zip", Limits()).blobs(row))
    assert blobs["photos.zip"] == archive and len(blobs["scan.pdf"]) == 50 * MB + 1


def test_an_s3_batch_reads_an_archive_up_to_the_archive_limit(tmp_path: Path) -> None:
    """The S3 source (a real S3 server) likewise: the whole archive, a non-archive one byte over."""
    from minio import Minio

    from tests.servers.seaweed import ACCESS, SECRET, seaweed

    archive, other = photo_archive(15), not_an_archive(60 * MB)
    with seaweed(tmp_path / "s3") as server:
        client = Minio(server.endpoint, access_key=ACCESS, secret_key=SECRET, secure=False)
        client.make_bucket("batch")
        for name, data in (("photos.zip", archive), ("scan.pdf", other)):
            client.put_object("batch", f"in/p1/{name}", io.BytesIO(data), len(data))
        row = parse_row({"package_id": "p1", "path": "p1", "cost_type": "digital_equipment",
                         "application_date": "2026-03-01", "applicant_bin": "940140000385"}, 1)
        blobs = dict(S3Source(f"{server.url('batch')}/in", Limits()).blobs(row))
    assert blobs["photos.zip"] == archive and len(blobs["scan.pdf"]) == 50 * MB + 1


def test_the_archive_limit_is_its_own_setting_and_never_above_the_package_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_MAX_ARCHIVE_MB", "80")
    limits = load_settings().limits()
    assert (limits.max_archive_bytes, limits.max_file_bytes) == (80 * MB, 50 * MB)
    monkeypatch.setenv("INTAKE_MAX_ARCHIVE_MB", "lots")
    with pytest.raises(ConfigError, match="INTAKE_MAX_ARCHIVE_MB"):
        load_settings()
    monkeypatch.delenv("INTAKE_MAX_ARCHIVE_MB")
    assert load_settings().limits().max_archive_bytes == 300 * MB
    assert load_settings(max_package_mb=100).limits().max_archive_bytes == 100 * MB
