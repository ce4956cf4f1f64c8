"""The page viewer renders in a contained reader: a hostile page cannot grow the service, only the
requested archive member is unpacked, images are cached and pixels capped, renders bounded per user."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.service.viewer import Busy, Viewer
from intake.settings import Settings
from tests.conftest import make_pdf

FORM = {"cost_type": "digital_equipment", "application_date": "2026-03-01", "applicant_bin": "940140000385"}


def huge_page_pdf(points: int = 14400) -> bytes:
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {points} {points}]>>".encode()]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj".encode() + body + b"endobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer<</Size {len(objs) + 1}/Root 1 0 R>>startxref\n{xref}\n%%EOF".encode()
    return out


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "var", workers=1, viewer_megapixels=2.0)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    with TestClient(create_app(settings)) as c:
        r = c.post("/auth/token", data={"username": "ann@example.kz", "password": "secret-123"})
        c.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        yield c


def _rss_kb() -> int:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))


def test_huge_page_is_rendered_outside_the_service_and_capped(client: TestClient, tmp_path: Path) -> None:
    r = client.post("/packages", data=FORM,
                    files=[("files", ("huge.pdf", huge_page_pdf(), "application/pdf"))])
    pid = r.json()["id"]
    before = _rss_kb()
    r = client.get(f"/packages/{pid}/page", params={"file": "huge.pdf", "page": 1, "dpi": 200})
    assert r.status_code == 200
    im = Image.open(io.BytesIO(r.content))
    assert im.size[0] * im.size[1] <= 2_000_000
    # in the service process a 14400-point page at 200 dpi is hundreds of megabytes; here nothing grows
    assert _rss_kb() - before < 60_000
    cached = list((tmp_path / "var" / "cache" / "viewer").rglob("*.png"))
    assert len(cached) == 1 and cached[0].read_bytes() == r.content


def test_only_the_requested_member_is_read(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a/Договор.pdf", make_pdf(["ДОГОВОР № 1"], pages=2))
        zf.writestr("b/big.bin", b"\0" * (40 * 1024 * 1024))  # would blow the ratio budget if unpacked
    r = client.post("/packages", data=FORM,
                    files=[("files", ("docs.zip", buf.getvalue(), "application/zip"))])
    pid = r.json()["id"]
    r = client.get(f"/packages/{pid}/page", params={"file": "docs.zip/a/Договор.pdf", "page": 2})
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    assert client.get(f"/packages/{pid}/page", params={"file": "docs.zip/a/Договор.pdf", "page": 3}
                      ).status_code == 404
    assert client.get(f"/packages/{pid}/page", params={"file": "docs.zip/c.pdf"}).status_code == 404


def test_renders_are_bounded_per_user(tmp_path: Path) -> None:
    viewer = Viewer(tmp_path, renders=4, per_user=1, memory_mb=512, seconds=30, max_pixels=10**6)
    entered, release = threading.Event(), threading.Event()

    def slow(job: object) -> bytes:
        entered.set()
        release.wait(10)
        return b"png"

    viewer._render = slow  # type: ignore[assignment,method-assign]
    from intake.limits import Limits

    t = threading.Thread(target=viewer.page, args=(7, "a" * 64, lambda: b"", "", 1, 100, Limits()))
    t.start()
    assert entered.wait(10)
    with pytest.raises(Busy):
        viewer.page(7, "b" * 64, lambda: b"", "", 1, 100, Limits())
    assert viewer.page(8, "b" * 64, lambda: b"", "", 1, 100, Limits()) == b"png"  # another user goes on
    release.set()
    t.join()
    assert viewer.page(7, "a" * 64, lambda: b"", "", 1, 100, Limits()) == b"png"  # cached
