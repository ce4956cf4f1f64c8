"""Request bodies are bounded before any route reads them; uploads are refused unauthenticated before
their body is read (a real uvicorn on loopback, raw sockets: what a client sends is counted)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.live import serve

FORM = {"cost_type": "digital_equipment", "application_date": "2026-03-01", "applicant_bin": "940140000385"}


@pytest.fixture()
def service(tmp_path: Path) -> Iterator[tuple[str, str]]:
    settings = Settings(data_dir=tmp_path / "var", workers=1, max_package_mb=2, max_files=5)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    with serve(create_app(settings)) as base:
        r = httpx.post(f"{base}/auth/token", data={"username": "ann@example.kz", "password": "secret-123"})
        yield base, r.json()["access_token"]


def _send_headers(base: str, head: str) -> tuple[socket.socket, bytes]:
    """Send only the request head; return the socket and what the service answers (no body sent)."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=20)
    sock.sendall(head.encode())
    answer = sock.recv(4096)
    return sock, answer


def test_anonymous_upload_is_refused_before_its_body(service: tuple[str, str]) -> None:
    base, _ = service
    head = ("POST /packages HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            f"Content-Length: {400 * 1024 * 1024}\r\n\r\n")
    sock, answer = _send_headers(base, head)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]


def _socket_buffers() -> int:
    """Bytes a loopback TCP connection may hold unread: the largest receive plus send buffer."""
    rmem = Path("/proc/sys/net/ipv4/tcp_rmem").read_text().split()[2]
    wmem = Path("/proc/sys/net/ipv4/tcp_wmem").read_text().split()[2]
    return int(rmem) + int(wmem)


def test_declared_and_streamed_bodies_over_the_limit_are_413(service: tuple[str, str]) -> None:
    base, token = service
    head = ("POST /packages HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            f"Authorization: Bearer {token}\r\nContent-Length: {4 * 1024 * 1024}\r\n\r\n")
    sock, answer = _send_headers(base, head)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    head = ("POST /auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {1024 * 1024}\r\n\r\n")
    sock, answer = _send_headers(base, head)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]

    sent = 0
    # what the client can hand over before the service stops reading: the upload limit (2 MB + 1 MB) and
    # what the kernel buffers on the connection (the sender's and receiver's largest TCP buffers)
    bound = 3 * 1024 * 1024 + _socket_buffers() + 1024 * 1024

    def endless() -> Iterator[bytes]:
        nonlocal sent
        yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\n"
        while sent < bound + 64 * 1024 * 1024:  # a service reading it all would take the whole stream
            sent += 64 * 1024
            yield b"0" * 64 * 1024

    try:
        r = httpx.post(f"{base}/packages", headers={"Authorization": f"Bearer {token}",
                                                    "Content-Type": "multipart/form-data; boundary=b"},
                       content=endless(), timeout=60)
        assert r.status_code == 413
    except httpx.HTTPError:
        pass  # the service may close the connection while the client is still sending
    assert sent < bound


def test_form_parts_are_bounded(service: tuple[str, str]) -> None:
    base, token = service
    parts = [("files", (f"{i}.pdf", b"%PDF-1.4\n", "application/pdf")) for i in range(40)]
    r = httpx.post(f"{base}/packages", headers={"Authorization": f"Bearer {token}"}, data=FORM,
                   files=parts, timeout=60)
    assert r.status_code == 413 and "частей" in r.json()["detail"]


def test_signed_out_token_is_refused_before_the_upload_body(service: tuple[str, str]) -> None:
    """A token that is signed but revoked by sign-out is no key to the upload routes: 401 on the head."""
    base, token = service
    assert httpx.post(f"{base}/auth/logout", headers={"Authorization": f"Bearer {token}"}).status_code < 300
    for path in ("/packages", "/packages/x/files"):
        head = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                f"Authorization: Bearer {token}\r\nContent-Length: {1024 * 1024}\r\n\r\n")
        sock, answer = _send_headers(base, head)
        sock.close()
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    head = ("POST /packages HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            f"Cookie: intake_session={token}\r\nContent-Length: {1024 * 1024}\r\n\r\n")
    sock, answer = _send_headers(base, head)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
