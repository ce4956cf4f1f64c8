"""Upload rate limits per user: 429 with Retry-After and a Russian message; other users unaffected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.ratelimit import SlidingWindow
from intake.service.security import hash_password
from intake.settings import Settings
from tests.conftest import make_pdf
from tests.intake.service.test_api import CONTRACT, FORM, login


def test_sliding_window() -> None:
    now = [100.0]
    w = SlidingWindow(2, 60, clock=lambda: now[0])
    assert w.hit("ann") == 0 and w.hit("ann") == 0
    assert w.hit("ann") == pytest.approx(60)
    assert w.hit("bob") == 0
    now[0] += 30
    assert w.hit("ann") == pytest.approx(30)
    now[0] += 30.01
    assert w.hit("ann") == 0


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "var", workers=1, uploads_per_minute=2)
    db = Database(settings.db_url)
    with db.session() as s:
        for email in ("ann@example.kz", "bob@example.kz"):
            s.add(User(email=email, password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    with TestClient(create_app(settings)) as c:
        yield c


def test_uploads_over_the_limit_are_refused_with_retry_after(client: TestClient) -> None:
    ann, bob = login(client, "ann@example.kz"), login(client, "bob@example.kz")
    pdf = ("files", ("Договор.pdf", make_pdf(CONTRACT), "application/pdf"))
    first = client.post("/packages", headers=ann, data=FORM, files=[pdf])
    assert first.status_code == 201
    pid = first.json()["id"]
    assert client.post(f"/packages/{pid}/files", headers=ann, files=[pdf]).status_code == 202
    refused = client.post("/packages", headers=ann, data=FORM, files=[pdf])
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "Слишком много загрузок" in refused.json()["detail"]
    assert client.post(f"/packages/{pid}/files", headers=ann, files=[pdf]).status_code == 429
    assert client.get("/packages", headers=ann).json()["total"] == 1  # nothing half-made
    assert client.post("/packages", headers=bob, data=FORM, files=[pdf]).status_code == 201
    assert client.get(f"/packages/{pid}", headers=ann).status_code == 200  # reading is not limited
    assert client.post("/packages", data=FORM, files=[pdf]).status_code == 401  # no token: not 429


def test_rechecks_over_the_limit_are_refused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", workers=1, rechecks_per_minute=3)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    with TestClient(create_app(settings)) as client:
        ann = login(client, "ann@example.kz")
        pdf = ("files", ("Договор.pdf", make_pdf(CONTRACT), "application/pdf"))
        pid = client.post("/packages", headers=ann, data=FORM, files=[pdf]).json()["id"]
        codes = [client.post(f"/packages/{pid}/recheck", headers=ann).status_code for _ in range(5)]
        assert codes == [202, 202, 202, 429, 429]
