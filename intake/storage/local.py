"""Local directory storage: `root/ab/<sha256>`, written to a temp file, fsynced, renamed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from intake.storage.base import StorageUnavailable, StoredObject, check_key, sha256


class LocalStorage:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        check_key(key)
        return self.root / key[:2] / key

    def put(self, data: bytes) -> StoredObject:
        key = sha256(data)
        path = self._path(key)
        if path.exists() and path.stat().st_size == len(data):
            return StoredObject(key=key, size=len(data))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError as exc:
            raise StorageUnavailable(f"local store write failed: {exc}") from exc
        if sha256(path.read_bytes()) != key:
            path.unlink(missing_ok=True)
            raise StorageUnavailable(f"local store verification failed for {key}")
        return StoredObject(key=key, size=len(data))

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise StorageUnavailable(f"local store read failed for {key}: {exc}") from exc

    def exists(self, key: str) -> bool:
        try:
            return self._path(key).exists()
        except OSError as exc:
            raise StorageUnavailable(f"local store unreadable: {exc}") from exc

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
