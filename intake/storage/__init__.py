"""Object storage of originals, keyed by sha256: a local directory (default) or S3 (MinIO)."""

from intake.storage.base import Storage, StorageUnavailable, StoredObject
from intake.storage.factory import make_storage

__all__ = ["Storage", "StorageUnavailable", "StoredObject", "make_storage"]
