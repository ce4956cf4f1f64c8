"""Personal data: an applicant withdraws a package before a decision; an operator purges packages
older than the retention period. Originals, pages, caches, page images and reports are deleted; the
audit keeps the fact, not the data. Embedded and on SeaweedFS + PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from intake.db.tables import AuditEntry, DocumentRow, FindingRow, Package, PageRow
from tests.conftest import make_pdf
from tests.intake.service.test_api import CONTRACT, client, login, servers, upload, wait_done  # noqa: F401


def _cache_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _state(client: TestClient, pid: str, keys: list[str]) -> dict[str, object]:  # noqa: F811
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    with ctx.db.session() as s:
        return {
            "package": s.get(Package, pid) is not None,
            "rows": sum(len(list(s.scalars(select(t).where(t.package_id == pid))))
                        for t in (PageRow, DocumentRow, FindingRow)),
            "audit": [(a.action, a.detail) for a in s.scalars(select(AuditEntry)
                                                              .where(AuditEntry.package_id == pid))],
            "objects": [ctx.storage.exists(k) for k in keys],
        }


def test_withdraw_deletes_the_data_and_keeps_the_fact(client: TestClient) -> None:  # noqa: F811
    ann, bob = login(client, "ann@example.kz"), login(client, "bob@example.kz")
    cache = client.app.state.ctx.settings.cache_path  # type: ignore[attr-defined]
    shared = make_pdf(CONTRACT)
    pid = upload(client, ann, [("Договор Каспий 940140000385.pdf", shared),
                               ("Акт.pdf", make_pdf(["АКТ № 5 приема-передачи"]))])
    other = upload(client, bob, [("Договор.pdf", shared)])  # the same file in another package
    wait_done(client, ann, pid)
    wait_done(client, bob, other)
    before = _cache_files(cache)
    assert client.get(f"/packages/{pid}/page", headers=ann, params={"file": "Акт.pdf"}).status_code == 200
    viewer = _cache_files(cache) - before
    keys = [f["sha256"] for f in client.get(f"/packages/{pid}", headers=ann).json()["files"]]
    assert all(_state(client, pid, keys)["objects"])
    pages_before = {p for p in _cache_files(cache) if "pages" in p.parts}
    assert client.post(f"/packages/{pid}/withdraw", headers=bob).status_code == 404
    assert client.post(f"/packages/{pid}/withdraw", headers=ann).status_code == 204

    state = _state(client, pid, keys)
    assert state["package"] is False and state["rows"] == 0
    assert state["objects"] == [True, False]  # bob's package still holds the shared original
    assert client.get(f"/packages/{pid}", headers=ann).status_code == 404
    assert client.get(f"/packages/{other}/report", headers=bob).status_code == 200
    assert not any(p.exists() for p in viewer)
    pages_after = {p for p in _cache_files(cache) if "pages" in p.parts}
    assert len(pages_after) < len(pages_before)
    audit = state["audit"]
    assert ("withdrawn", {"files": 2}) in audit  # type: ignore[operator]
    assert "Каспий" not in str(audit) and "Акт" not in str(audit)


def test_purge_deletes_packages_older_than_the_retention(client: TestClient, monkeypatch) -> None:  # noqa: F811
    ann = login(client, "ann@example.kz")
    old = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT))])
    new = upload(client, ann, [("Акт.pdf", make_pdf(["АКТ № 5 приема-передачи"]))])
    wait_done(client, ann, old)
    wait_done(client, ann, new)
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    with ctx.db.session() as s:
        s.execute(update(Package).where(Package.id == old)
                  .values(created_at=datetime.now(UTC) - timedelta(days=400)))
    keys = [f["sha256"] for f in client.get(f"/packages/{old}", headers=ann).json()["files"]]
    s = ctx.settings
    for name, value in (("DATA_DIR", s.data_dir), ("DATABASE_URL", s.database_url),
                        ("STORAGE_URL", s.storage_url)):
        if value:
            monkeypatch.setenv(f"INTAKE_{name}", str(value))
    from intake.cli import main

    result = CliRunner().invoke(main, ["purge", "--older-than-days", "365"])
    assert result.exit_code == 0, result.output
    assert "purged 1 packages" in result.output
    state = _state(client, old, keys)
    assert state["package"] is False and state["objects"] == [False]
    assert ("purged", {"files": 1}) in state["audit"]  # type: ignore[operator]
    assert client.get(f"/packages/{new}/report", headers=ann).status_code == 200


def test_withdraw_deletes_what_a_stored_batch_derived(tmp_path: Path, monkeypatch) -> None:
    """A package whose scan the service could not read (fault injected: no Tesseract), re-checked by
    `intake batch --stored --out DIR`: withdrawing it deletes its documents-cache entry although a page
    is missing from the page cache (by the entries recorded while checking), and what the batch wrote
    about it (journal rows, reports, previous report, result lines), while another package's stay."""
    import hashlib
    import io
    import json
    import sqlite3

    import pytesseract
    from PIL import Image

    from extractors.cache import cache_key
    from extractors.pages import ReaderConfig
    from intake.db.session import Database
    from intake.db.tables import User
    from intake.service.app import create_app
    from intake.service.security import hash_password
    from intake.settings import Settings

    tesseract = pytesseract.pytesseract.tesseract_cmd
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    settings = Settings(data_dir=tmp_path / "var", workers=1)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    scan = io.BytesIO()
    Image.new("L", (300, 400), 255).save(scan, "PNG")
    with TestClient(create_app(settings)) as client:  # noqa: F811
        ann = login(client, "ann@example.kz")
        pid = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT)), ("Скан.png", scan.getvalue())])
        other = upload(client, ann, [("Акт.pdf", make_pdf(["АКТ № 5 приема-передачи"]))])
        wait_done(client, ann, pid)
        wait_done(client, ann, other)
        assert len(_cache_files(settings.cache_path / "pages")) < 3  # unreadable pages are not cached
        out = tmp_path / "elsewhere"
        monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", tesseract)  # the batch reads for real
        monkeypatch.setenv("INTAKE_DATA_DIR", str(settings.data_dir))
        from intake.cli import main

        result = CliRunner().invoke(main, ["batch", "--stored", "--out", str(out), "--jobs", "1"])
        assert result.exit_code == 0, result.output
        cache = settings.cache_path
        assert _cache_files(cache / "documents"), "the batch cached the documents"
        # The batch's reader could read the scan; as for a page that stays unreadable, its page-cache
        # entry is then absent, so the documents key cannot be rebuilt from the page cache.
        reader = ReaderConfig(languages=settings.languages, workers=1, page_seconds=settings.page_seconds)
        scan_key = cache_key(reader.fingerprint(), hashlib.sha256(scan.getvalue()).hexdigest(), 0)
        scan_page = cache / "pages" / scan_key[:2] / f"{scan_key}.json"
        assert scan_page.is_file()
        scan_page.unlink()
        assert (out / "reports" / pid).is_dir() and (out / "previous" / f"{pid}.json").is_file()
        other_docs = _cache_files(cache / "documents")

        from intake.db.tables import Package

        with client.app.state.ctx.db.session() as s:  # type: ignore[attr-defined]
            derived = {pkg: [e for e in s.get(Package, pkg).derived or [] if e.startswith("documents/")]
                       for pkg in (pid, other)}
        theirs = {cache / "documents" / e.split("/", 1)[1][:2] / f"{e.split('/', 1)[1]}.json"
                  for e in derived[other]}
        assert derived[pid] and theirs and theirs <= other_docs
        assert client.post(f"/packages/{pid}/withdraw", headers=ann).status_code == 204

        left = _cache_files(cache / "documents")
        assert left == theirs  # every documents entry of this package gone, the other package's kept
        assert not (out / "reports" / pid).exists() and not (out / "previous" / f"{pid}.json").exists()
        assert (out / "reports" / other).is_dir()
        for name in ("results.csv", "results.jsonl"):
            text = (out / name).read_text(encoding="utf-8")
            assert pid not in text and other in text
        rows = sqlite3.connect(out / "journal.sqlite").execute(
            "SELECT package_id FROM results").fetchall()
        assert {r[0] for r in rows} == {other}
        assert "Договор" not in json.dumps([p.name for p in _cache_files(cache)])
