"""Choose the object store from its URL (the one place that knows every implementation)."""

from __future__ import annotations

from intake.storage.base import Storage
from intake.storage.local import LocalStorage
from intake.storage.s3 import S3Storage


def make_storage(url: str | None, *, local_root: str) -> Storage:
    """`s3://ACCESS:SECRET@host:port/bucket[?secure=1]` → S3Storage; None/empty → LocalStorage."""
    if not url:
        return LocalStorage(local_root)
    return S3Storage.from_url(url)
