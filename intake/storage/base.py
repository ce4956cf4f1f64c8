"""The storage interface: content-addressed, verified, all-or-nothing writes."""

from __future__ import annotations

import hashlib
from typing import Protocol

from intake.errors import IntakeError
from models.base import Frozen


class StorageUnavailable(IntakeError):
    """The object store cannot be reached or refused a write; nothing was acknowledged."""

    code = "storage_unavailable"
    user_message = "Хранилище документов временно недоступно. Повторите загрузку через минуту."
    http_status = 503
    retry_after = 30


class StoredObject(Frozen):
    key: str
    """The sha256 of the bytes (hex)."""
    size: int


class Storage(Protocol):
    """Where originals live. `put` returns only once the bytes are durably stored and verified."""

    def put(self, data: bytes) -> StoredObject: ...

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_key(key: str) -> str:
    """Keys are 64 lowercase hex characters; anything else never reaches a path or a URL."""
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        raise ValueError(f"not a sha256 key: {key!r}")
    return key

