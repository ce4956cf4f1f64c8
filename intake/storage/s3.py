"""S3 storage through the `minio` client (MinIO in production; any S3 server on the wire)."""

from __future__ import annotations

import hashlib
import io
from urllib.parse import parse_qs, unquote, urlparse

from minio import Minio
from minio.error import S3Error
from urllib3.exceptions import HTTPError

from intake.storage.base import StorageUnavailable, StoredObject, check_key, sha256

_NETWORK_ERRORS = (HTTPError, OSError)
MIN_PART = 5 * 1024 * 1024


class S3Storage:
    """Objects `originals/<sha256>` in one bucket; a write is verified by its MD5 (Content-MD5)."""

    prefix = "originals/"

    def __init__(self, client: Minio, bucket: str) -> None:
        self.client = client
        self.bucket = bucket

    @classmethod
    def from_url(cls, url: str) -> S3Storage:
        u = urlparse(url)
        if u.scheme != "s3" or not u.hostname or not u.path.strip("/"):
            raise ValueError("S3 URL must look like s3://ACCESS:SECRET@host:port/bucket")
        secure = parse_qs(u.query).get("secure", ["0"])[0] in ("1", "true")
        endpoint = f"{u.hostname}:{u.port}" if u.port else u.hostname
        client = Minio(endpoint, access_key=unquote(u.username or ""), secret_key=unquote(u.password or ""),
                       secure=secure)
        return cls(client, u.path.strip("/"))

    def ensure_bucket(self) -> None:
        try:
            if not self.client.bucket_exists(self.bucket):
                self.client.make_bucket(self.bucket)
        except (S3Error, *_NETWORK_ERRORS) as exc:
            raise StorageUnavailable(f"S3 bucket {self.bucket!r} unavailable: {exc}") from exc

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def put(self, data: bytes) -> StoredObject:
        key = sha256(data)
        md5 = hashlib.md5(data, usedforsecurity=False)
        try:
            result = self.client.put_object(
                self.bucket, self._name(key), io.BytesIO(data), len(data),
                content_type="application/octet-stream", metadata={"sha256": key},
                part_size=max(len(data), MIN_PART),  # one part, so the ETag is the MD5 of the bytes
            )
        except (S3Error, *_NETWORK_ERRORS) as exc:
            raise StorageUnavailable(f"S3 put failed for {key}: {exc}") from exc
        if (result.etag or "").strip('"') != md5.hexdigest():
            raise StorageUnavailable(f"S3 put of {key} not verified: etag {result.etag}")
        return StoredObject(key=key, size=len(data))

    def get(self, key: str) -> bytes:
        try:
            response = self.client.get_object(self.bucket, self._name(key))
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()
        except S3Error as exc:
            if exc.code == "NoSuchKey":
                raise FileNotFoundError(key) from exc
            raise StorageUnavailable(f"S3 get failed for {key}: {exc}") from exc
        except _NETWORK_ERRORS as exc:
            raise StorageUnavailable(f"S3 get failed for {key}: {exc}") from exc

    def exists(self, key: str) -> bool:
        try:
            self.client.stat_object(self.bucket, self._name(key))
            return True
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject"):
                return False
            raise StorageUnavailable(str(exc)) from exc
        except _NETWORK_ERRORS as exc:
            raise StorageUnavailable(str(exc)) from exc

    def delete(self, key: str) -> None:
        try:
            self.client.remove_object(self.bucket, self._name(key))
        except (S3Error, *_NETWORK_ERRORS) as exc:
            raise StorageUnavailable(str(exc)) from exc
