"""The HTTP API end to end: upload → stored → processed in the background → report.

Runs on the embedded defaults (SQLite + local directory) and on a real S3 server (SeaweedFS) with a
real PostgreSQL, through FastAPI's test client (the ASGI app itself, lifespan included).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.conftest import make_pdf
from tests.servers.postgres import postgres, reset
from tests.servers.seaweed import seaweed

APPLICANT_BIN = "940140000385"
CONTRACT = [
    "ДОГОВОР № 77/2025 купли-продажи оборудования",
    "г. Астана «15» марта 2025 г.",
    f"ТОО «Каспий», БИН {APPLICANT_BIN}, именуемое в дальнейшем «Покупатель», и",
    "ТОО «Техника», БИН 971240001315, именуемое в дальнейшем «Поставщик», заключили договор.",
    "Общая стоимость Договора составляет 1 200 000,00 тенге.",
]
FORM = {"cost_type": "digital_equipment", "application_date": "2026-03-01", "applicant_bin": APPLICANT_BIN}


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with seaweed(tmp_path_factory.mktemp("s3")) as s3, postgres(tmp_path_factory.mktemp("pg")) as pg:
        yield {"storage_url": s3.url("intake-api"), "database_url": pg.url}


@pytest.fixture(params=["embedded", "s3+postgresql"])
def client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    extra: dict[str, Any] = {}
    if request.param != "embedded":
        extra = dict(request.getfixturevalue("servers"))
    settings = Settings(data_dir=tmp_path / "var", workers=1, **extra)
    db = Database(settings.db_url)
    with db.session() as s:
        for email, role in (("ann@example.kz", "applicant"), ("bob@example.kz", "applicant"),
                            ("olga@example.kz", "officer")):
            s.add(User(email=email, password_hash=hash_password("secret-123"), role=role))
    db.dispose()
    with TestClient(create_app(settings)) as c:
        yield c
    if request.param != "embedded":
        reset(settings.db_url)


def login(client: TestClient, email: str) -> dict[str, str]:
    r = client.post("/auth/token", data={"username": email, "password": "secret-123"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def upload(client: TestClient, headers: dict[str, str], files: list[tuple[str, bytes]]) -> str:
    r = client.post("/packages", headers=headers, data=FORM,
                    files=[("files", (name, data, "application/octet-stream")) for name, data in files])
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "queued"
    return str(r.json()["id"])


def wait_done(client: TestClient, headers: dict[str, str], package_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(f"/packages/{package_id}", headers=headers)
        assert r.status_code == 200
        body = r.json()
        if body["status"] in ("done", "failed") or time.monotonic() > deadline:
            return dict(body)
        time.sleep(0.2)


def test_upload_process_and_report(client: TestClient, validate_report) -> None:
    ann = login(client, "ann@example.kz")
    pid = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT)), ("broken.pdf", b"%PDF-1.4 junk")])
    status = wait_done(client, ann, pid)
    assert status["status"] == "done", status
    assert status["progress"] == {"pages_done": 1, "pages_total": 1}
    assert [f["name"] for f in status["files"]] == ["Договор.pdf", "broken.pdf"]
    report = client.get(f"/packages/{pid}/report", headers=ann).json()
    validate_report(report)
    assert report["complete"] is False
    (contract,) = [d for d in report["documents"] if d["type"] == "contract"]
    assert contract["fields"]["number"]["value"] == "77/2025"
    assert any(f["code"] == "rejected_file" and f.get("file") == "broken.pdf" for f in report["findings"])
    html = client.get(f"/packages/{pid}/report.html", headers=ann)
    assert html.status_code == 200 and "Перечень документов" in html.text
    assert "default-src 'none'" in html.headers["content-security-policy"]
    pdf = client.get(f"/packages/{pid}/report.pdf", headers=ann)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    rows = stored_rows(client, pid)
    assert rows["documents"] == sorted(d["type"] for d in report["documents"])
    assert ("number", "77/2025") in rows["fields"] and ("party", APPLICANT_BIN) in rows["fields"]
    assert sorted(rows["findings"]) == sorted(f["code"] for f in report["findings"])
    original = client.get(f"/packages/{pid}/files/Договор.pdf", headers=ann)
    assert original.status_code == 200 and original.content == make_pdf(CONTRACT)


def stored_rows(client: TestClient, package_id: str) -> dict[str, list]:
    """What the database holds for a package besides the report JSON."""
    from sqlalchemy import select

    from intake.db.tables import DocumentRow, FieldRow, FindingRow

    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    with ctx.db.session() as s:
        docs = s.scalars(select(DocumentRow).where(DocumentRow.package_id == package_id)).all()
        fields = s.scalars(select(FieldRow).where(FieldRow.document_pk.in_([d.id for d in docs]))).all()
        findings = s.scalars(select(FindingRow).where(FindingRow.package_id == package_id)).all()
        return {"documents": sorted(d.type for d in docs), "fields": [(f.name, f.value) for f in fields],
                "findings": [f.code for f in findings]}


def test_another_applicant_gets_404_and_an_officer_sees_it(client: TestClient) -> None:
    ann, bob, olga = (login(client, e) for e in ("ann@example.kz", "bob@example.kz", "olga@example.kz"))
    pid = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT))])
    for path in (f"/packages/{pid}", f"/packages/{pid}/report", f"/packages/{pid}/files/Договор.pdf"):
        assert client.get(path, headers=bob).status_code == 404
    assert client.post(f"/packages/{pid}/recheck", headers=bob).status_code == 404
    assert pid not in [p["id"] for p in client.get("/packages", headers=bob).json()["items"]]
    assert pid in [p["id"] for p in client.get("/packages", headers=olga).json()["items"]]
    assert client.get(f"/packages/{pid}", headers=olga).status_code == 200
    wait_done(client, ann, pid)


def test_report_is_409_until_done_and_added_files_recheck(client: TestClient) -> None:
    ann = login(client, "ann@example.kz")
    pid = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT))])
    first = client.get(f"/packages/{pid}/report", headers=ann)
    assert first.status_code in (200, 409)
    assert wait_done(client, ann, pid)["status"] == "done"
    before = client.get(f"/packages/{pid}/report", headers=ann).json()
    r = client.post(f"/packages/{pid}/files", headers=ann,
                    files=[("files", ("Договор.pdf", make_pdf(CONTRACT[:2]), "application/pdf"))])
    assert r.status_code == 202
    after_status = wait_done(client, ann, pid)
    assert [f["name"] for f in after_status["files"]] == ["Договор.pdf", "Договор (2).pdf"]
    after = client.get(f"/packages/{pid}/report", headers=ann).json()
    assert len(after["files"]) == len(before["files"]) + 1


def test_requests_are_validated_and_authenticated(client: TestClient) -> None:
    assert client.get("/packages").status_code == 401
    wrong = {"username": "ann@example.kz", "password": "wrong"}
    assert client.post("/auth/token", data=wrong).status_code == 401
    ann = login(client, "ann@example.kz")
    pdf = ("files", ("a.pdf", make_pdf(CONTRACT), "application/pdf"))
    bad_bin = client.post("/packages", headers=ann, data={**FORM, "applicant_bin": "123456789021"},
                          files=[pdf])
    assert bad_bin.status_code == 422 and "контрольного" in bad_bin.json()["detail"]
    bad_type = client.post("/packages", headers=ann, data={**FORM, "cost_type": "yachts"}, files=[pdf])
    assert bad_type.status_code == 422
    assert client.get("/packages/nope", headers=ann).status_code == 404
    forged = {"Authorization": "Bearer " + "x" * 40}
    assert client.get("/packages", headers=forged).status_code == 401


def test_openapi_describes_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/auth/token", "/packages", "/packages/{package_id}", "/packages/{package_id}/report",
            "/packages/{package_id}/files/{name}", "/packages/{package_id}/files",
            "/packages/{package_id}/recheck"} <= paths


def test_page_image_and_unsupported_upload(client: TestClient) -> None:
    import io
    import zipfile

    ann, bob = login(client, "ann@example.kz"), login(client, "bob@example.kz")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("inner/Договор.pdf", make_pdf(CONTRACT, pages=2))
    pid = upload(client, ann, [("docs.zip", buf.getvalue())])
    r = client.get(f"/packages/{pid}/page", headers=ann,
                   params={"file": "docs.zip/inner/Договор.pdf", "page": 2})
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert r.content.startswith(b"\x89PNG")
    assert client.get(f"/packages/{pid}/page", headers=ann,
                      params={"file": "docs.zip/inner/Договор.pdf", "page": 3}).status_code == 404
    assert client.get(f"/packages/{pid}/page", headers=bob,
                      params={"file": "docs.zip/inner/Договор.pdf"}).status_code == 404
    refused = client.post("/packages", headers=ann, data=FORM,
                          files=[("files", ("notes.txt", b"just text", "text/plain"))])
    assert refused.status_code == 415 and "PDF" in refused.json()["detail"]
    wait_done(client, ann, pid)


def test_unfinished_packages_are_picked_up_after_a_restart(tmp_path: Path) -> None:
    """A package left `processing` by a service that died is processed when the service starts again."""
    import uuid
    from datetime import date as day

    from intake.db.tables import Package, PackageFile
    from intake.storage.local import LocalStorage

    settings = Settings(data_dir=tmp_path / "var", workers=1)
    db = Database(settings.db_url)
    stored = LocalStorage(settings.objects_path).put(make_pdf(CONTRACT))
    pid = str(uuid.uuid4())
    with db.session() as s:
        user = User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant")
        s.add(user)
        s.flush()
        pkg = Package(id=pid, owner_id=user.id, cost_type="digital_equipment",
                      application_date=day(2026, 3, 1), applicant_bin=APPLICANT_BIN, status="processing",
                      stage="pages", pages_done=0, pages_total=1, attempts=1)
        pkg.files = [PackageFile(position=0, name="Договор.pdf", sha256=stored.key, size=stored.size)]
        s.add(pkg)
    db.dispose()
    with TestClient(create_app(settings)) as client:
        ann = login(client, "ann@example.kz")
        status = wait_done(client, ann, pid)
        assert status["status"] == "done" and status["progress"]["pages_done"] == 1
        assert client.get(f"/packages/{pid}/report", headers=ann).json()["documents"]


def test_storage_down_is_503_and_nothing_is_acknowledged(tmp_path: Path) -> None:
    """Fault injection: the object store refuses writes and reads. The client is told to retry later."""
    import dataclasses

    from intake.storage.local import LocalStorage

    settings = Settings(data_dir=tmp_path / "var", workers=1)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    with TestClient(create_app(settings)) as client:
        ann = login(client, "ann@example.kz")
        pid = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT))])
        wait_done(client, ann, pid)
        app = client.app
        app.state.ctx = dataclasses.replace(app.state.ctx, storage=LocalStorage(blocked))  # type: ignore[attr-defined]
        refused = client.post("/packages", headers=ann, data=FORM,
                              files=[("files", ("a.pdf", make_pdf(CONTRACT[:3]), "application/pdf"))])
        assert refused.status_code == 503 and refused.headers["retry-after"] == "30"
        assert "Хранилище" in refused.json()["detail"]
        assert [p["id"] for p in client.get("/packages", headers=ann).json()["items"]] == [pid]
        original = client.get(f"/packages/{pid}/files/Договор.pdf", headers=ann)
        assert original.status_code == 503
