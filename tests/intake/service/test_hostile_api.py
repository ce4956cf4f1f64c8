"""Hostile names through the service: kept (made safe) for display, escaped in HTML, never a path."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.conftest import make_pdf
from tests.intake.service.test_api import CONTRACT, login, upload, wait_done

HTML_NAME = "<img src=x onerror=alert(1)>.pdf"


def test_hostile_upload_names(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", workers=1)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    pdf = make_pdf(CONTRACT)
    names = [HTML_NAME, "../../../../tmp/evil.pdf", "C:\\Windows\\evil2.pdf", "отчет\u202egpj.pdf",
             "bell\x07\x1b[31m.pdf", "я" * 1000 + ".pdf", ".."]
    with TestClient(create_app(settings)) as client:
        ann = login(client, "ann@example.kz")
        pid = upload(client, ann, [(n, pdf + n.encode("utf-8", "replace")) for n in names])
        status = wait_done(client, ann, pid)
        assert status["status"] == "done"
        shown = [f["name"] for f in status["files"]]
        assert len(shown) == len(names) and len(set(shown)) == len(shown)
        assert shown[0] == HTML_NAME
        assert shown[1:4] == ["evil.pdf", "evil2.pdf", "отчетgpj.pdf"]
        assert all(len(n) <= 255 and "/" not in n and "\\" not in n and n.isprintable() for n in shown)
        html = client.get(f"/packages/{pid}/report.html", headers=ann)
        assert html.headers["content-security-policy"].startswith("default-src 'none'")
        assert "<img src=x" not in html.text and "&lt;img src=x onerror=alert(1)&gt;" in html.text
        original = client.get(f"/packages/{pid}/files/{quote(shown[0], safe='')}", headers=ann)
        assert original.status_code == 200 and original.content.startswith(b"%PDF")
        assert '"' not in original.headers["content-disposition"].split("''", 1)[1]
    outside = [p for p in tmp_path.rglob("*") if not p.is_relative_to(tmp_path / "var")]
    assert outside == [] and not Path("/tmp/evil.pdf").exists()
