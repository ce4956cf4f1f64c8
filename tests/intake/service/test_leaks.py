"""What must not leak: query strings (file names, BINs) in the access log, S3 secrets in batch errors,
the database and signing key to other local users, a local file or a host through the PDF renderer."""

from __future__ import annotations

import http.server
import logging
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.live import serve


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_access_log_has_no_query_strings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    app = create_app(settings)
    access, seen = logging.getLogger("uvicorn.access"), Lines()
    with serve(app) as base:
        access.addHandler(seen)
        level, access.level = access.level, logging.INFO
        try:
            httpx.get(f"{base}/packages/x/page", params={"file": "ПП 940140000385.pdf", "page": 1})
            httpx.get(f"{base}/login", params={"next": "/app/packages?bin=940140000385"})
        finally:
            access.removeHandler(seen)
            access.setLevel(level)
    lines = seen.lines
    assert any("/packages/x/page" in line for line in lines), lines
    assert not any("940140000385" in line or "?" in line for line in lines), lines


def test_data_files_are_private(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    settings.signing_key()
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash="x", role="applicant"))
    files = [settings.data_dir / "secret.key", *settings.data_dir.glob("intake.db*")]
    assert len(files) >= 2
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f
    db.dispose()


def test_batch_s3_secret_never_printed_and_read_from_environment(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    from intake.batch.sources import S3Source
    from intake.cli import main
    from intake.limits import Limits

    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path / "var"))
    for url in ("s3://AKIAKEY:Top/Secret99xyz@host:9000/bucket/p",  # a '/' in the secret: port 'Top'
                "s3://AKIAKEY:TopSecret99xyz@host:9x0/bucket/p"):
        result = CliRunner().invoke(main, ["batch", url])
        assert result.exit_code == 2
        assert not any(part in result.output for part in ("Top", "99xyz", "AKIAKEY")), result.output
    monkeypatch.setenv("INTAKE_S3_ACCESS_KEY", "envkey")
    monkeypatch.setenv("INTAKE_S3_SECRET_KEY", "envsecret")
    src = S3Source("s3://127.0.0.1:9/bucket/prefix", Limits())
    creds = src.client._provider.retrieve()  # type: ignore[attr-defined]
    assert (creds.access_key, creds.secret_key) == ("envkey", "envsecret")
    monkeypatch.delenv("INTAKE_S3_ACCESS_KEY")
    monkeypatch.delenv("INTAKE_S3_SECRET_KEY")
    (tmp_path / "s3.cred").write_text("filekey:filesecret\n")
    monkeypatch.setenv("INTAKE_S3_CREDENTIALS_FILE", str(tmp_path / "s3.cred"))
    src = S3Source("s3://127.0.0.1:9/bucket", Limits())
    creds = src.client._provider.retrieve()  # type: ignore[attr-defined]
    assert (creds.access_key, creds.secret_key) == ("filekey", "filesecret")


@pytest.fixture()
def http_hits() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


def test_pdf_renderer_fetches_nothing(http_hits: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    import intake.render_html
    from intake.render_pdf import render_pdf

    base, hits = http_hits
    secret = tmp_path / "secret.css"
    secret.write_text(f"body {{ background: url('{base}/from-file') }}")
    html = (f'<html><head><link rel="stylesheet" href="file://{secret}"></head><body>'
            f'<img src="{base}/img.png"><p style="background:url({base}/bg)">x</p></body></html>')
    monkeypatch.setattr(intake.render_html, "render_html", lambda *a, **k: html)
    pdf = render_pdf(None)  # type: ignore[arg-type]
    assert pdf.startswith(b"%PDF") and hits == []
