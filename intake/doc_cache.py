"""Cache of the documents stage (split, classification, fields, roles) and counting page cache.

A package's documents are a function of its pages and the applicant's BIN, so they are cached under the
hash of the pages as read plus the extractors' version (`DOCUMENTS_VERSION`: classifier and field
versions and the digest of their data files). After a rule or checklist change the documents are taken
from here and only the rules run; after an extractor change the pages still come from the page cache
and the documents are computed again. Both caches count their hits and misses, so a batch can say
truthfully what it reused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from extractors.cache import DiskCache, M, cache_key
from extractors.classify import CLASSIFIER_VERSION
from extractors.fields import FIELDS_VERSION
from intake.files import load_blobs
from intake.limits import Limits
from models.base import Frozen
from models.documents import Document
from models.files import InputFile, LoadedFile
from models.package import PackageRequest
from models.pages import Page

DATA_FILES = ("doctypes.yaml", "fields.yaml", "templates.yaml", "calibration.yaml")
FILES_VERSION = "files/1"


@cache
def documents_version() -> str:
    """Classifier and field versions plus a digest of the extractors' data files."""
    digest = hashlib.sha256()
    data = resources.files("extractors.data")
    for name in DATA_FILES:
        digest.update(name.encode() + b"\0" + data.joinpath(name).read_bytes())
    return f"{CLASSIFIER_VERSION}|{FIELDS_VERSION}|data:{digest.hexdigest()[:16]}"


class CachedDocuments(Frozen):
    documents: tuple[Document, ...]


class CountingCache(DiskCache):
    """A `DiskCache` that counts lookups answered (`hits`) and not (`misses`)."""

    def __init__(self, root: Path, namespace: str) -> None:
        super().__init__(root, namespace)
        self.hits = 0
        self.misses = 0

    def get(self, key: str, model: type[M]) -> M | None:
        value = super().get(key, model)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value


def pages_digest(pages: Sequence[Page]) -> str:
    digest = hashlib.sha256()
    for page in pages:
        digest.update(page.model_dump_json().encode())
        digest.update(b"\n")
    return digest.hexdigest()


class DocumentCache:
    """Documents of a package by (pages as read, applicant BIN, extractors' version)."""

    def __init__(self, root: Path) -> None:
        self.store = CountingCache(root, "documents")
        self.keys: list[str] = []
        """Keys looked up or written, in order (what a package derived here)."""

    @property
    def hits(self) -> int:
        return self.store.hits

    @property
    def misses(self) -> int:
        return self.store.misses

    def key(self, pages: Sequence[Page], request: PackageRequest) -> str:
        return cache_key(documents_version(), request.applicant_bin or "", pages_digest(pages))

    def read(
        self,
        pages: Sequence[Page],
        request: PackageRequest,
        compute: Callable[[Sequence[Page], PackageRequest], tuple[Document, ...]],
    ) -> tuple[Document, ...]:
        """The cached documents of these pages, or `compute(pages, request)` stored for next time."""
        key = self.key(pages, request)
        self.keys.append(key)
        hit = self.store.get(key, CachedDocuments)
        if hit is not None:
            return hit.documents
        documents = compute(pages, request)
        self.store.put(key, CachedDocuments(documents=documents))
        return documents


class CachedFile(Frozen):
    meta: InputFile


def load_files(
    blobs: Sequence[tuple[str, bytes]], limits: Limits, cache: DiskCache | None
) -> tuple[LoadedFile, ...]:
    """`intake.files.load_blobs`, with what a readable non-archive file is (type, page count) cached by its
    sha256 and the limits, so a re-check does not open every PDF again. Archives, rejected files and
    packages over the size limit go through `load_blobs` as they are."""
    if cache is None or sum(len(data) for _, data in blobs) > limits.max_package_bytes:
        return load_blobs(blobs, limits)
    out: list[LoadedFile] = []
    for name, data in blobs:
        key = cache_key(FILES_VERSION, limits.model_dump_json(), hashlib.sha256(data).hexdigest())
        hit = cache.get(key, CachedFile)
        if hit is not None:
            out.append(LoadedFile(meta=hit.meta.model_copy(update={"name": name}), data=data))
            continue
        loaded = load_blobs([(name, data)], limits)
        if len(loaded) == 1 and loaded[0].meta.error is None and loaded[0].meta.name == name:
            cache.put(key, CachedFile(meta=loaded[0].meta))
        out.extend(loaded)
    return tuple(out)


def derived_entries(
    files: Sequence[LoadedFile], reader_fingerprint: str, *, blobs: Sequence[tuple[str, bytes]] = (),
    limits: Limits | None = None, documents: Sequence[str] = (),
) -> list[str]:
    """The cache entries (`namespace/key`) a package's check reads or writes: its pages, the type
    records of its stored files (`blobs`, under `limits`) and the documents keys given — deleted with
    the package when it is withdrawn or purged."""
    out = [f"pages/{cache_key(reader_fingerprint, f.meta.sha256, i)}"
           for f in files if f.meta.error is None and f.meta.pages for i in range(f.meta.pages)]
    if limits is not None:
        shape = limits.model_dump_json()
        digests = [hashlib.sha256(data).hexdigest() for _, data in blobs]
        out += [f"files/{cache_key(FILES_VERSION, shape, digest)}" for digest in digests]
    out += [f"documents/{k}" for k in documents]
    return out
