"""Faults injected into real servers: SeaweedFS (S3) and PostgreSQL stopped and started again during
uploads and processing, and a local store whose disk is full.

An upload meeting a dead store is answered 503 with Retry-After and leaves nothing visible; processing
retries with backoff, finishes when the server is back, or ends `failed` with a Russian message and
finishes on a later re-check.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import cv2
import pytest
from fastapi.testclient import TestClient

from extractors.raster import render_pdf_page
from intake.db.tables import Package, PackageFile, User
from intake.service.app import create_app
from intake.service.context import ServiceContext, make_context
from intake.service.processing import OUTAGE_MESSAGE, backoff, process_package
from intake.service.security import hash_password
from intake.settings import Settings
from intake.storage.s3 import S3Storage
from tests.conftest import make_pdf
from tests.intake.service.test_api import APPLICANT_BIN, CONTRACT, FORM, login, upload, wait_done
from tests.servers.postgres import Postgres, _as_postgres, postgres
from tests.servers.seaweed import Seaweed, seaweed


def fail_fast(ctx: ServiceContext) -> None:
    """The S3 client's own reconnect loop (seconds of backoff per call) off: the service's retries count."""
    if isinstance(ctx.storage, S3Storage):
        http = ctx.storage.client._http
        http.connection_pool_kw["retries"] = 0
        http.clear()


def add_package(ctx: ServiceContext, files: list[tuple[str, bytes]]) -> str:
    """A package as an upload leaves it: originals stored, row `queued`."""
    stored = [(name, ctx.storage.put(data)) for name, data in files]
    pid = str(uuid.uuid4())
    with ctx.db.session() as s:
        user = User(email=f"{pid}@example.kz", password_hash=hash_password("secret-123"), role="applicant")
        s.add(user)
        s.flush()
        pkg = Package(id=pid, owner_id=user.id, cost_type="digital_equipment",
                      application_date=date(2026, 3, 1), applicant_bin=APPLICANT_BIN, status="queued")
        pkg.files = [PackageFile(position=i, name=n, sha256=o.key, size=o.size)
                     for i, (n, o) in enumerate(stored)]
        s.add(pkg)
    return pid


def package_row(ctx: ServiceContext, pid: str) -> Package:
    with ctx.db.session() as s:
        pkg = s.get(Package, pid)
        assert pkg is not None
        s.expunge(pkg)
        return pkg


def scans(n: int) -> list[tuple[str, bytes]]:
    """Scanned pages (no text layer: each one is OCRed, a few seconds each)."""
    out = []
    for i in range(n):
        img = render_pdf_page(make_pdf([*CONTRACT, f"Лист {i + 1}"]), 0, 200)
        ok, png = cv2.imencode(".png", img)
        assert ok
        out.append((f"скан-{i + 1}.png", png.tobytes()))
    return out


# --- SeaweedFS ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seaweed]:
    with seaweed(tmp_path_factory.mktemp("s3")) as server:
        yield server


def crash(server: Seaweed) -> None:
    """SeaweedFS dies (SIGKILL): every S3 call is refused until it is started again."""
    assert server.proc is not None
    server.proc.kill()
    server.proc.wait(timeout=10)
    server.proc = None


def test_s3_down_during_upload_and_processing(s3: Seaweed, tmp_path: Path) -> None:
    """While the store is dead an upload is answered 503 and leaves nothing; a package being processed
    retries with backoff and finishes once the store is back."""
    settings = Settings(data_dir=tmp_path / "var", workers=1, storage_url=s3.url("faults"),
                        processing_retries=8, retry_seconds=0.5)
    ctx = make_context(settings)
    fail_fast(ctx)
    pid = add_package(ctx, [("Договор.pdf", make_pdf(CONTRACT))])
    with ctx.db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    with TestClient(create_app(settings.model_copy(update={"processing_retries": 0}))) as client:
        fail_fast(client.app.state.ctx)  # type: ignore[attr-defined]
        ann = login(client, "ann@example.kz")
        crash(s3)
        result: list[str] = []
        worker = threading.Thread(target=lambda: result.append(process_package(ctx, pid)))
        worker.start()
        pdf = ("files", ("Договор.pdf", make_pdf(CONTRACT[:3]), "application/pdf"))
        refused = client.post("/packages", headers=ann, data=FORM, files=[pdf, pdf])
        assert refused.status_code == 503 and int(refused.headers["retry-after"]) > 0
        assert "Хранилище" in refused.json()["detail"]
        assert client.get("/packages", headers=ann).json()["total"] == 0
        deadline = time.monotonic() + 30
        while package_row(ctx, pid).attempts < 2:  # retrying, not failed
            assert time.monotonic() < deadline and worker.is_alive()
            time.sleep(0.1)
        s3.start()
        worker.join(timeout=120)
        assert result == ["done"]
        row = package_row(ctx, pid)
        assert row.status == "done" and row.error is None
        again = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT[:3]))])
        assert wait_done(client, ann, again)["status"] == "done"


def test_s3_down_too_long_fails_clearly_and_a_recheck_finishes_it(
    s3: Seaweed, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(data_dir=tmp_path / "var", workers=1, storage_url=s3.url("faults"),
                        processing_retries=2, retry_seconds=0.1)
    ctx = make_context(settings)
    fail_fast(ctx)
    pid = add_package(ctx, [("Договор.pdf", make_pdf(CONTRACT))])
    crash(s3)
    pauses: list[float] = []
    with caplog.at_level(logging.WARNING, logger="intake.service.processing"):
        assert process_package(ctx, pid, sleep=pauses.append) == "failed"
    assert pauses == [0.1, 0.2]  # exponential backoff
    row = package_row(ctx, pid)
    assert row.status == "failed" and row.error == OUTAGE_MESSAGE and row.attempts == 3
    assert "retrying" in caplog.text and "failed after 3 attempts" in caplog.text
    s3.start()
    with TestClient(create_app(settings)) as client:
        owner = login(client, f"{pid}@example.kz")
        assert client.get(f"/packages/{pid}", headers=owner).json()["error"] == OUTAGE_MESSAGE
        assert client.post(f"/packages/{pid}/recheck", headers=owner).status_code == 202
        status = wait_done(client, owner, pid)
        assert status["status"] == "done" and status["error"] is None


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(2, i) for i in range(7)] == [2, 4, 8, 16, 32, 60, 60]


# --- PostgreSQL ----------------------------------------------------------------------------------------


def pg_stop(server: Postgres) -> None:
    assert server.bin is not None
    subprocess.run(_as_postgres([str(server.bin / "pg_ctl"), "-D", str(server.data), "-m", "immediate", "-w",
                                 "stop"]), check=True, capture_output=True)


def pg_start(server: Postgres) -> None:
    assert server.bin is not None
    subprocess.run(_as_postgres([
        str(server.bin / "pg_ctl"), "-D", str(server.data), "-l", str(server.root / "pg.log"), "-w",
        "-t", "60", "-o", f"-p {server.port} -k {server.root} -c listen_addresses=127.0.0.1 -c fsync=off",
        "start"]),
        check=True, capture_output=True)
    server.wait_ready()


@pytest.fixture(scope="module")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Postgres]:
    with postgres(tmp_path_factory.mktemp("pg")) as server:
        yield server


@pytest.mark.ocr
def test_database_down_mid_package_is_retried_and_resumed(
    pg: Postgres, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """PostgreSQL is stopped while pages are being read, and started again: the package finishes, the
    pages read before the outage come from the cache."""
    settings = Settings(data_dir=tmp_path / "var", workers=1, database_url=pg.url, processing_retries=8,
                        retry_seconds=0.5)
    ctx = make_context(settings)
    pid = add_package(ctx, scans(3))
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(process_package(ctx, pid)))
    worker.start()
    deadline = time.monotonic() + 240
    while package_row(ctx, pid).pages_done < 1:
        assert time.monotonic() < deadline and worker.is_alive(), "no page was read"
        time.sleep(0.1)
    with caplog.at_level(logging.WARNING, logger="intake.service.processing"):
        pg_stop(pg)
        while "package interrupted" not in caplog.text:  # down until processing has met the outage
            assert time.monotonic() < deadline and worker.is_alive(), "the outage was never met"
            time.sleep(0.1)
        pg_start(pg)
        worker.join(timeout=300)
    assert result == ["done"]
    row = package_row(ctx, pid)
    assert row.status == "done" and row.pages_done == row.pages_total == 3 and row.attempts >= 2
    ctx.db.dispose()


def test_database_down_too_long_leaves_the_package_for_the_next_start(pg: Postgres, tmp_path: Path) -> None:
    """Not even `failed` can be written while the database is down: the package stays unfinished and the
    worker finishes it when it starts again."""
    settings = Settings(data_dir=tmp_path / "var", workers=1, database_url=pg.url, processing_retries=1,
                        retry_seconds=0.1)
    ctx = make_context(settings)
    pid = add_package(ctx, [("Договор.pdf", make_pdf(CONTRACT))])
    with ctx.db.session() as s:
        s.get(Package, pid).status = "processing"  # type: ignore[union-attr]
    pg_stop(pg)
    assert process_package(ctx, pid, sleep=lambda _: None) == "failed"
    pg_start(pg)
    assert package_row(ctx, pid).status == "processing"
    ctx.db.dispose()
    with TestClient(create_app(settings)) as client:
        owner = login(client, f"{pid}@example.kz")
        assert wait_done(client, owner, pid)["status"] == "done"


def add_applicant(settings: Settings, email: str) -> None:
    """An applicant account (password `secret-123`) in the service's database, migrated if new."""
    ctx = make_context(settings)
    with ctx.db.session() as s:
        s.add(User(email=email, password_hash=hash_password("secret-123"), role="applicant"))
    ctx.db.dispose()


def test_requests_while_the_database_is_down_are_503(pg: Postgres, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", workers=1, database_url=pg.url)
    add_applicant(settings, "dora@example.kz")
    with TestClient(create_app(settings)) as client:
        dora = login(client, "dora@example.kz")
        pg_stop(pg)
        try:
            listed = client.get("/packages", headers=dora)
            sent = client.post("/packages", headers=dora, data=FORM,
                               files=[("files", ("Договор.pdf", make_pdf(CONTRACT), "application/pdf"))])
        finally:
            pg_start(pg)
        for r in (listed, sent):
            assert r.status_code == 503 and r.headers["retry-after"], r.text
            assert "База данных" in r.json()["detail"]
        assert client.get("/packages", headers=dora).json()["total"] == 0
        pid = upload(client, dora, [("Договор.pdf", make_pdf(CONTRACT))])
        assert wait_done(client, dora, pid)["status"] == "done"


# --- a full disk ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def tiny_disk(path: Path, size: str) -> Iterator[bool]:
    """A tmpfs of `size` mounted at `path` (root only); yields False where mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_local_store_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The object store's disk fills up: the upload is refused (503), no partial object or package is
    left, and smaller uploads go on; a full page-cache disk slows processing down but never fails it."""
    settings = Settings(data_dir=tmp_path / "var", workers=1, cache_dir=tmp_path / "cache")
    with tiny_disk(settings.objects_path, "1m") as real, tiny_disk(tmp_path / "cache", "64k") as real_cache:
        if not (real and real_cache):  # not root: inject ENOSPC instead of a real full disk
            import errno
            import os

            real_fsync = os.fsync

            def enospc(fd: int) -> None:
                if os.fstat(fd).st_size > 1_000_000:
                    raise OSError(errno.ENOSPC, "No space left on device")
                real_fsync(fd)

            monkeypatch.setattr(os, "fsync", enospc)
        (tmp_path / "cache" / "filler").write_bytes(b"\0" * 60_000) if real_cache else None
        add_applicant(settings, "ann@example.kz")
        with TestClient(create_app(settings)) as client:
            ann = login(client, "ann@example.kz")
            big = make_pdf(CONTRACT) + b"%" + b"x" * 1_500_000 + b"\n"
            refused = client.post("/packages", headers=ann, data=FORM,
                                  files=[("files", ("big.pdf", big, "application/pdf"))])
            assert refused.status_code == 503 and refused.headers["retry-after"]
            assert client.get("/packages", headers=ann).json()["total"] == 0
            leftovers = [p for p in settings.objects_path.rglob("*") if p.is_file()]
            assert leftovers == []
            pid = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT))])
            assert wait_done(client, ann, pid)["status"] == "done"


# --- Redis (the Celery broker) -------------------------------------------------------------------------


def start_redis(port: int, root: Path) -> subprocess.Popen[bytes]:
    import shutil
    import socket

    binary = shutil.which("redis-server")
    assert binary, "redis-server not found"
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                             "no", "--dir", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return proc
        except OSError:
            assert time.monotonic() < deadline, "redis did not start"
            time.sleep(0.1)


def test_broker_down_refuses_uploads_and_rechecks_cleanly(tmp_path: Path) -> None:
    """Redis stopped: an upload is answered 503 and leaves no package (it would never be processed);
    a re-check and added files are undone the same way. With Redis back, the upload is queued."""
    import redis

    from tests.servers.ports import free_port

    port = free_port()
    broker = start_redis(port, tmp_path)
    url = f"redis://127.0.0.1:{port}/0"
    settings = Settings(data_dir=tmp_path / "var", workers=1, broker_url=url)
    add_applicant(settings, "ann@example.kz")
    try:
        with TestClient(create_app(settings)) as client:
            ann = login(client, "ann@example.kz")
            pdf = ("files", ("Договор.pdf", make_pdf(CONTRACT), "application/pdf"))
            first = client.post("/packages", headers=ann, data=FORM, files=[pdf])
            assert first.status_code == 201
            pid = first.json()["id"]
            broker.kill()
            broker.wait(timeout=10)
            refused = client.post("/packages", headers=ann, data=FORM, files=[pdf])
            assert refused.status_code == 503 and refused.headers["retry-after"]
            assert "Очередь обработки" in refused.json()["detail"]
            assert [p["id"] for p in client.get("/packages", headers=ann).json()["items"]] == [pid]
            more = client.post(f"/packages/{pid}/files", headers=ann,
                               files=[("files", ("Акт.pdf", make_pdf(CONTRACT[:2]), "application/pdf"))])
            assert more.status_code == 503
            assert [f["name"] for f in client.get(f"/packages/{pid}", headers=ann).json()["files"]] == [
                "Договор.pdf"]
            assert client.post(f"/packages/{pid}/recheck", headers=ann).status_code == 503
            broker = start_redis(port, tmp_path)
            again = client.post("/packages", headers=ann, data=FORM, files=[pdf])
            assert again.status_code == 201
            assert redis.Redis(port=port).llen("intake") == 1  # queued for a worker
    finally:
        broker.kill()
        broker.wait(timeout=10)
