"""Where a batch's packages come from: a folder, a ZIP of packages, an S3 prefix.

Each source lists its manifest rows and hands one package's files as (name, bytes). Nothing is
extracted to disk; every file is read bounded by its limit (`Limits.max_file_bytes`, or
`max_archive_bytes` for a ZIP archive told by its first bytes): an oversized file arrives one byte over
its limit and is then rejected by the files stage like any upload. Names inside a ZIP or
S3 prefix are made safe with `intake.files.display_name`.

A package `path` names a folder (its files are read recursively; when it holds a `files/` folder, as
the fixture generator writes, only that), or a single file (a PDF, an image or a ZIP).
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlparse

from intake.batch.manifest import (
    MANIFEST_NAMES,
    PACKAGE_FILE,
    ManifestRow,
    RowError,
    manifest_format,
    parse_manifest,
    parse_row,
)
from intake.files import display_name, read_limited
from intake.limits import Limits

Blobs = list[tuple[str, bytes]]
SKIPPED_NAMES = frozenset({PACKAGE_FILE, "truth.json", ".DS_Store", "Thumbs.db"})


class PackageMissing(Exception):
    """The manifest names a package the source does not hold."""


class Source(Protocol):
    label: str
    """Safe for logs and reports: never carries credentials."""

    def manifest(self, override: Path | None) -> tuple[list[ManifestRow], list[RowError]]: ...

    def blobs(self, row: ManifestRow) -> Blobs: ...


def input_hash(blobs: Sequence[tuple[str, bytes]]) -> str:
    """Hash of a package's content: names and bytes, order-independent."""
    digest = hashlib.sha256()
    for name, sha in sorted((n, hashlib.sha256(d).hexdigest()) for n, d in blobs):
        digest.update(f"{name}\0{sha}\n".encode())
    return digest.hexdigest()


def read_override(path: Path) -> tuple[list[ManifestRow], list[RowError]]:
    return parse_manifest(path.read_text(encoding="utf-8-sig"), manifest_format(path.name))


def _package_json_row(text: str, path: str, line: int) -> ManifestRow | RowError:
    import json

    try:
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        return parse_row({**raw, "path": path, "package_id": raw.get("package_id") or path}, line)
    except ValueError as exc:
        return RowError(package_id=path, line=line, reason=f"{path}/{PACKAGE_FILE}: {exc}")


def _split(found: list[ManifestRow | RowError]) -> tuple[list[ManifestRow], list[RowError]]:
    return ([r for r in found if isinstance(r, ManifestRow)], [r for r in found if isinstance(r, RowError)])


def _selected(names: Sequence[str], skip_root_manifest: bool) -> list[str]:
    """Package members to read: `files/…` when present, otherwise everything but the metadata files."""
    in_files = [n for n in names if n.startswith("files/")]
    chosen = in_files or [n for n in names if n.rsplit("/", 1)[-1] not in SKIPPED_NAMES]
    if skip_root_manifest:
        chosen = [n for n in chosen if n not in MANIFEST_NAMES]
    return chosen


class FolderSource:
    def __init__(self, root: Path, limits: Limits) -> None:
        self.root = root
        self.limits = limits
        self.label = str(root)

    def manifest(self, override: Path | None) -> tuple[list[ManifestRow], list[RowError]]:
        if override is not None:
            return read_override(override)
        for name in MANIFEST_NAMES:
            if (self.root / name).is_file():
                return read_override(self.root / name)
        found = [
            _package_json_row(p.read_text(encoding="utf-8-sig"), p.parent.name, i)
            for i, p in enumerate(sorted(self.root.glob(f"*/{PACKAGE_FILE}")), start=1)
        ]
        return _split(found)

    def _read(self, path: Path) -> bytes:
        with path.open("rb") as fh:
            return read_limited(fh, self.limits)

    def blobs(self, row: ManifestRow) -> Blobs:
        target = self.root / row.path
        if target.is_file():
            return [(target.name, self._read(target))]
        if not target.is_dir():
            raise PackageMissing(f"no file or folder {row.path!r} in the source")
        names = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
        chosen = _selected(names, skip_root_manifest=False)
        strip = "files/" if chosen and all(n.startswith("files/") for n in chosen) else ""
        return [(n.removeprefix(strip), self._read(target / n)) for n in chosen]


class ZipSource:
    """A ZIP whose top-level entries are packages (folders or files), with a manifest at its root."""

    def __init__(self, archive: Path, limits: Limits) -> None:
        self.archive = archive
        self.limits = limits
        self.label = str(archive)
        with zipfile.ZipFile(archive) as zf:
            self.names = {display_name(i.filename): i.filename for i in zf.infolist() if not i.is_dir()}

    def _member(self, zf: zipfile.ZipFile, raw_name: str) -> bytes:
        with zf.open(raw_name) as fh:
            return read_limited(fh, self.limits)

    def manifest(self, override: Path | None) -> tuple[list[ManifestRow], list[RowError]]:
        if override is not None:
            return read_override(override)
        with zipfile.ZipFile(self.archive) as zf:
            for name in MANIFEST_NAMES:
                if name in self.names:
                    text = self._member(zf, self.names[name]).decode("utf-8-sig")
                    return parse_manifest(text, manifest_format(name))
            found = [
                _package_json_row(self._member(zf, self.names[n]).decode("utf-8-sig"), n.split("/")[0], i)
                for i, n in enumerate(
                    sorted(n for n in self.names if n.count("/") == 1 and n.endswith("/" + PACKAGE_FILE)),
                    start=1,
                )
            ]
        return _split(found)

    def blobs(self, row: ManifestRow) -> Blobs:
        if row.path in self.names:
            with zipfile.ZipFile(self.archive) as zf:
                return [(row.path.rsplit("/", 1)[-1], self._member(zf, self.names[row.path]))]
        prefix = row.path + "/"
        inner = sorted(n.removeprefix(prefix) for n in self.names if n.startswith(prefix))
        if not inner:
            raise PackageMissing(f"no entry {row.path!r} in the archive")
        chosen = _selected(inner, skip_root_manifest=False)
        strip = "files/" if chosen and all(n.startswith("files/") for n in chosen) else ""
        with zipfile.ZipFile(self.archive) as zf:
            return [(n.removeprefix(strip), self._member(zf, self.names[prefix + n])) for n in chosen]


S3_FORM = ("s3://host:port/bucket/prefix[?secure=1], credentials in INTAKE_S3_ACCESS_KEY and "
           "INTAKE_S3_SECRET_KEY or in the file INTAKE_S3_CREDENTIALS_FILE (ACCESS:SECRET)")


def redact(url: str) -> str:
    """The URL without anything between `//` and `@` (credentials never reach a message or a log)."""
    return re.sub(r"(?<=//).*@", "***@", url) if "@" in url else url


def s3_credentials(url_user: str, url_password: str) -> tuple[str, str]:
    """From the environment or a credentials file (never argv); the URL's own as a last resort."""
    from intake.settings import Settings

    s = Settings()
    if s.s3_access_key and s.s3_secret_key:
        return s.s3_access_key, s.s3_secret_key
    if s.s3_credentials_file:
        text = s.s3_credentials_file.read_text(encoding="utf-8").strip()
        access, sep, secret = text.replace("\n", ":", 1).partition(":")
        if not sep:
            raise ValueError("INTAKE_S3_CREDENTIALS_FILE must hold ACCESS:SECRET")
        return access.strip(), secret.strip()
    return url_user, url_password


class S3Source:
    """An S3 prefix (`S3_FORM`): packages are folders under the prefix."""

    def __init__(self, url: str, limits: Limits) -> None:
        from minio import Minio

        try:
            u = urlparse(url)
            parts = u.path.strip("/").split("/", 1)
            port = u.port
            if u.scheme != "s3" or not u.hostname or not parts[0]:
                raise ValueError("malformed")
            secure = parse_qs(u.query).get("secure", ["0"])[0] in ("1", "true")
            access, secret = unquote(u.username or ""), unquote(u.password or "")
        except ValueError:
            raise ValueError(f"S3 source {redact(url)!r} is malformed; expected {S3_FORM}") from None
        access, secret = s3_credentials(access, secret)
        endpoint = f"{u.hostname}:{port}" if port else str(u.hostname)
        self.client = Minio(endpoint, access_key=access, secret_key=secret, secure=secure)
        self.bucket = parts[0]
        self.prefix = (parts[1].strip("/") + "/") if len(parts) > 1 and parts[1].strip("/") else ""
        self.limits = limits
        self.label = f"s3://{endpoint}/{self.bucket}/{self.prefix}"

    def _get(self, name: str) -> bytes:
        longest = max(self.limits.max_file_bytes, self.limits.max_archive_bytes) + 1
        response = self.client.get_object(self.bucket, name, length=longest)
        try:
            return read_limited(response, self.limits)
        finally:
            response.close()
            response.release_conn()

    def _list(self, prefix: str) -> list[str]:
        return sorted(
            o.object_name
            for o in self.client.list_objects(self.bucket, prefix=prefix, recursive=True)
            if o.object_name and not o.is_dir
        )

    def manifest(self, override: Path | None) -> tuple[list[ManifestRow], list[RowError]]:
        if override is not None:
            return read_override(override)
        for name in MANIFEST_NAMES:
            try:
                text = self._get(self.prefix + name).decode("utf-8-sig")
            except Exception:
                continue
            return parse_manifest(text, manifest_format(name))
        found = [
            _package_json_row(self._get(n).decode("utf-8-sig"), n.removeprefix(self.prefix).split("/")[0], i)
            for i, n in enumerate(
                n
                for n in self._list(self.prefix)
                if n.removeprefix(self.prefix).count("/") == 1 and n.endswith("/" + PACKAGE_FILE)
            )
        ]
        return _split(found)

    def blobs(self, row: ManifestRow) -> Blobs:
        base = self.prefix + row.path
        names = self._list(base + "/")
        if not names:
            whole = self._list(base)
            if base not in whole:
                raise PackageMissing(f"no object or prefix {row.path!r} under {self.label}")
            return [(display_name(row.path.rsplit("/", 1)[-1]), self._get(base))]
        inner = _selected([n.removeprefix(base + "/") for n in names], skip_root_manifest=False)
        strip = "files/" if inner and all(n.startswith("files/") for n in inner) else ""
        return [(display_name(n.removeprefix(strip)), self._get(f"{base}/{n}")) for n in inner]


def open_source(spec: str, limits: Limits) -> Source:
    """A folder, a `.zip` file or an `s3://` URL."""
    if spec.startswith("s3://"):
        return S3Source(spec, limits)
    path = Path(spec)
    if path.is_dir():
        return FolderSource(path, limits)
    if path.is_file() and zipfile.is_zipfile(path):
        return ZipSource(path, limits)
    raise ValueError(f"source {spec!r} is not a folder, a ZIP archive or an s3:// prefix")
