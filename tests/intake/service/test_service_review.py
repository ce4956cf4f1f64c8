"""Officers' corrections (`intake/service/review.py`): applied to the report models, and applied again through
the service's own session factory with the run context's imported NBK rates; other sessions are untouched."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from intake.db.session import Database
from intake.db.tables import Correction, User
from intake.report import report_from_json, to_json
from intake.service.app import create_app
from intake.service.review import ReviewError, _note_reports, apply_corrections, current_value
from intake.service.security import hash_password
from intake.settings import Settings
from models.documents import Document, Fields, MoneyField, PageRef, Party, TextField
from models.package import PackageRequest
from models.report import ChecklistRef, Report
from models.vocab import CostType, DocType, Role
from tests.conftest import make_pdf
from tests.intake.service.test_api import login, upload, wait_done
from tests.intake.test_run import FILES, GET_RATES, RATE_USD


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


def _stored_report() -> dict[str, object]:
    """A stored report JSON with one payment order: a total read with its evidence and two parties."""
    doc = Document(id="d1", type=DocType.payment_order, confidence=0.71,
                   pages=(PageRef(file="pp.pdf", page=1),),
                   fields=Fields(number=TextField(value="15", file="pp.pdf", page=1, confidence=0.8),
                                 total=MoneyField(amount=Decimal("1000.00"), currency="USD", file="pp.pdf",
                                                  page=1, bbox=(0.1, 0.2, 0.3, 0.4), confidence=0.6),
                                 parties=(Party(bin="940140000385", valid=True, role=Role.applicant),
                                          Party(bin="971240001315", valid=True, role=Role.executor))))
    request = PackageRequest(cost_type=CostType.digital_equipment, application_date=date(2025, 6, 2),
                             applicant_bin="940140000385")
    return to_json(Report(package=request, checklist=ChecklistRef(id="digital_equipment", version="1"),
                          files=(), documents=(doc,), findings=()))


def test_corrections_apply_to_the_report_model_keeping_the_evidence_of_the_value_they_replace() -> None:
    body = _stored_report()
    fixes = [Correction(doc_id="d1", kind="field", key="total", value="1200.50"),
             Correction(doc_id="d1", kind="field", key="date", value="2025-05-15"),
             Correction(doc_id="d1", kind="role", key="1", value="other"),
             Correction(doc_id="d1", kind="role", key="5", value="other"),  # no such party: skipped
             Correction(doc_id="gone", kind="type", key="", value="invoice"),  # no such document: skipped
             Correction(doc_id="d1", kind="type", key="", value="invoice")]
    assert [current_value(body, c) for c in fixes[:3]] == ["1000.00", None, "executor"]
    out = to_json(apply_corrections(report_from_json(body), fixes))
    (doc,) = out["documents"]
    assert (doc["type"], doc["confidence"]) == ("invoice", 1.0)
    assert doc["fields"]["total"] == {"amount": "1200.50", "currency": "USD", "file": "pp.pdf", "page": 1,
                                      "bbox": [0.1, 0.2, 0.3, 0.4], "confidence": 1.0}
    assert doc["fields"]["date"] == {"value": "2025-05-15", "page": None, "bbox": None, "confidence": 1.0}
    assert doc["fields"]["number"]["value"] == "15"
    assert [p["role"] for p in doc["fields"]["parties"]] == ["applicant", "other"]
    assert body["documents"][0]["fields"]["total"]["amount"] == "1000.00"  # the stored JSON is untouched
    with pytest.raises(ReviewError, match="№ 6"):
        current_value(body, Correction(doc_id="d1", kind="role", key="5", value="other"))
