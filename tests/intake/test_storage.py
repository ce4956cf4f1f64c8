"""Both storage backends behave alike: the local directory and S3 (a real SeaweedFS on loopback)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.storage import Storage, StorageUnavailable, make_storage
from intake.storage.local import LocalStorage
from intake.storage.s3 import S3Storage
from tests.servers.seaweed import Seaweed, seaweed


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seaweed]:
    with seaweed(tmp_path_factory.mktemp("seaweed")) as server:
        yield server


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "local":
        return LocalStorage(tmp_path / "objects")
    server: Seaweed = request.getfixturevalue("s3_server")
    s3 = make_storage(server.url("intake-originals"), local_root="unused")
    assert isinstance(s3, S3Storage)
    s3.ensure_bucket()
    return s3


def test_put_is_content_addressed_and_idempotent(storage: Storage) -> None:
    data = "Договор № 1".encode() * 1000
    first = storage.put(data)
    assert first.key == hashlib.sha256(data).hexdigest() and first.size == len(data)
    assert storage.put(data) == first
    assert storage.exists(first.key)
    assert storage.get(first.key) == data


def test_large_object_round_trips_verified(storage: Storage) -> None:
    data = os.urandom(7 * 1024 * 1024)  # above the multipart threshold of S3 clients
    stored = storage.put(data)
    assert storage.get(stored.key) == data


def test_missing_and_malformed_keys(storage: Storage) -> None:
    absent = "0" * 64
    assert not storage.exists(absent)
    with pytest.raises(FileNotFoundError):
        storage.get(absent)
    with pytest.raises(ValueError):
        storage.get("../../etc/passwd")


def test_delete(storage: Storage) -> None:
    key = storage.put(b"x" * 10).key
    storage.delete(key)
    assert not storage.exists(key)


def test_unreachable_s3_is_a_clear_error(tmp_path: Path) -> None:
    from tests.servers.ports import free_port

    dead = make_storage(f"s3://a:b@127.0.0.1:{free_port()}/nothing", local_root="unused")
    assert isinstance(dead, S3Storage)
    dead.client._http.connection_pool_kw["retries"] = 0  # fail fast: nothing listens there
    with pytest.raises(StorageUnavailable) as info:
        dead.put(b"data")
    assert "Хранилище" in info.value.user_message


def test_local_write_failure_is_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    root.mkdir()
    data = b"abc"
    key = hashlib.sha256(data).hexdigest()
    (root / key[:2]).write_bytes(b"")  # a file where the shard directory must go: even root cannot mkdir
    with pytest.raises(StorageUnavailable):
        LocalStorage(root).put(data)
    assert [p.name for p in root.rglob("*")] == [key[:2]]
