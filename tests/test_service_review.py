"""Officers' corrections are applied again through the service's own session factory
(`intake/service/review.py`), with the run context's imported NBK rates; other sessions are untouched."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import event

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.review import _note_reports
from intake.service.security import hash_password
from intake.settings import Settings
from tests.conftest import make_pdf
from tests.test_api import login, upload, wait_done
from tests.test_run import FILES, GET_RATES, RATE_USD


def test_a_correction_keeps_the_imported_rate_and_the_hook_stays_on_its_database(tmp_path: Path) -> None:
    from checklists.rates import import_feeds

    var = tmp_path / "var"
    feed = tmp_path / "feed.xml"
    feed.write_text(GET_RATES, encoding="utf-8")
    import_feeds([feed], var / "rates.csv")
    settings = Settings(data_dir=var, workers=1)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
        s.add(User(email="olga@example.kz", password_hash=hash_password("secret-123"), role="officer"))
    db.dispose()
    other = Database(f"sqlite:///{tmp_path / 'other.db'}")
    with TestClient(create_app(settings)) as client:
        ann, olga = login(client, "ann@example.kz"), login(client, "olga@example.kz")
        pid = upload(client, ann, [(name, make_pdf(lines)) for name, lines in FILES.items()])
        assert wait_done(client, ann, pid)["status"] == "done"
        report = client.get(f"/packages/{pid}/report", headers=ann).json()
        (payment,) = [d["id"] for d in report["documents"] if d["type"] == "payment_order"]
        r = client.patch(f"/packages/{pid}/documents/{payment}/fields/number", headers=olga,
                         json={"value": "15-А"})
        assert r.status_code == 200, r.text
        rebuilt = client.get(f"/packages/{pid}/report", headers=ann).json()
        number = next(d for d in rebuilt["documents"] if d["id"] == payment)["fields"]["number"]["value"]
        assert number == "15-А"
        assert [(c["currency"], c["rate"]) for c in rebuilt["reimbursement"]["conversions"]] == [
            ("USD", RATE_USD)]
        assert "missing_rate" not in {f["code"] for f in rebuilt["findings"]}
        assert client.app.state.ctx.db.sessions is not other.sessions
        assert event.contains(client.app.state.ctx.db.sessions, "after_flush", _note_reports)
        assert not event.contains(other.sessions, "after_flush", _note_reports)
    other.dispose()
