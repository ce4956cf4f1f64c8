"""Content-addressed cache of stage results on disk (page readings, document fields).

Keys are hashes of the input bytes plus the component's version, so an unchanged page read by an
unchanged reader is never read again, and a new reader version misses cleanly.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
log = logging.getLogger(__name__)


def cache_key(*parts: str | int) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


class DiskCache:
    """JSON files under `root/<namespace>/<k[:2]>/<k>.json`, written atomically."""

    def __init__(self, root: Path, namespace: str) -> None:
        self.dir = root / namespace

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str, model: type[M]) -> M | None:
        try:
            raw = self._path(key).read_bytes()
        except FileNotFoundError:
            return None
        try:
            return model.model_validate_json(raw)
        except ValidationError:
            return None

    def put(self, key: str, value: BaseModel) -> None:
        """Store `value`; a cache that cannot be written (a full disk) only costs a later miss."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError as exc:
            log.warning("cache write failed: %s", exc)
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(value.model_dump_json().encode())
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            log.warning("cache write failed: %s", exc)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
