"""Officers' review API: corrections re-run the rules without reading pages, resolutions, audit trail,
queue, decisions and the quarterly report (form 1-КЦИЭ); corrections survive a re-processing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from intake import quarterly
from intake.service.app import create_app
from tests.review_support import (
    PAYMENT_FILE,
    GeneratedPackage,
    bearer,
    generated_package,
    make_settings,
    upload_generated,
    wait_done,
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPackage:
    return generated_package(tmp_path_factory.mktemp("gen"))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("svc") / "var"))) as c:
        yield c



def doc_of(report: dict, doc_type: str) -> dict:
    return next(d for d in report["documents"] if d["type"] == doc_type)


def codes(report: dict) -> list[str]:
    return sorted(f["code"] for f in report["findings"])


def test_corrected_total_reruns_the_rules_and_is_audited(client: TestClient,
                                                         package: GeneratedPackage) -> None:
    ann, olga = bearer(client, "ann@example.kz"), bearer(client, "olga@example.kz")
    pid = upload_generated(client, ann, package, list(package.files.items()))
    report = client.get(f"/packages/{pid}/report", headers=ann).json()
    assert report["complete"] is True, codes(report)
    invoice = doc_of(report, "invoice")
    right = invoice["fields"]["total"]["amount"]
    url = f"/packages/{pid}/documents/{invoice['id']}/fields/total"

    # the applicant may not correct; an officer's wrong total makes the amounts disagree (p.17) ...
    assert client.patch(url, headers=ann, json={"value": "1 352 274,54"}).status_code == 403
    misread = client.patch(url, headers=olga, json={"value": "1 352 274,54"})
    assert misread.status_code == 200, misread.text
    stored = client.get(f"/packages/{pid}/report", headers=ann).json()
    assert misread.json()["documents"] == stored["documents"]
    assert doc_of(misread.json(), "invoice")["fields"]["total"]["amount"] == "1352274.54"
    assert "amount_mismatch" in codes(misread.json()) and misread.json()["complete"] is False
    assert client.get(f"/packages/{pid}", headers=ann).json()["complete"] is False

    # ... and correcting it back clears the finding at once
    fixed = client.patch(url, headers=olga, json={"value": right}).json()
    assert "amount_mismatch" not in codes(fixed) and fixed["complete"] is True
    assert doc_of(fixed, "invoice")["fields"]["total"]["confidence"] == 1.0

    trail = client.get(f"/packages/{pid}/audit", headers=olga).json()
    edits = [a for a in trail if a["action"] == "correct_field"]
    assert [(a["user"], a["detail"]["old"], a["detail"]["new"]) for a in edits] == [
        ("olga@example.kz", right, "1352274.54"), ("olga@example.kz", "1352274.54", right)]
    assert client.patch(url, headers=olga, json={"value": "много"}).status_code == 422
    assert client.patch(f"/packages/{pid}/documents/doc-99/fields/total", headers=olga,
                        json={"value": "1"}).status_code == 422


def test_type_and_role_corrections_survive_reprocessing(client: TestClient,
                                                        package: GeneratedPackage) -> None:
    ann, olga = bearer(client, "ann@example.kz"), bearer(client, "olga@example.kz")
    pid = upload_generated(client, ann, package, package.without_payment())
    report = client.get(f"/packages/{pid}/report", headers=ann).json()
    assert any(f["code"] == "missing_document" and f.get("doc_type") == "payment_order"
               for f in report["findings"])
    photo = doc_of(report, "photo")
    r = client.patch(f"/packages/{pid}/documents/{photo['id']}", headers=olga, json={"type": "other"})
    assert r.status_code == 200
    assert any(f["code"] == "missing_document" and f.get("doc_type") == "photo" for f in r.json()["findings"])
    contract = doc_of(report, "contract")
    executor = next(i for i, p in enumerate(contract["fields"]["parties"]) if p["role"] == "executor")
    r = client.patch(f"/packages/{pid}/documents/{contract['id']}/parties/{executor}", headers=olga,
                     json={"role": "other"})
    assert r.status_code == 200
    assert doc_of(r.json(), "contract")["fields"]["parties"][executor]["role"] == "other"

    # the applicant adds the payment order: the package is read again, the officer's corrections stay
    added = client.post(f"/packages/{pid}/files", headers=ann,
                        files=[("files", (PAYMENT_FILE, package.files[PAYMENT_FILE], "application/pdf"))])
    assert added.status_code == 202
    assert wait_done(client, ann, pid)["status"] == "done"
    again = client.get(f"/packages/{pid}/report", headers=ann).json()
    assert not any(f.get("doc_type") == "payment_order" and f["code"] == "missing_document"
                   for f in again["findings"])
    assert any(d["id"] == photo["id"] and d["type"] == "other" for d in again["documents"])
    assert any(f["code"] == "missing_document" and f.get("doc_type") == "photo" for f in again["findings"])
    assert doc_of(again, "contract")["fields"]["parties"][executor]["role"] == "other"
    actions = [a["action"] for a in client.get(f"/packages/{pid}/audit", headers=ann).json()]
    assert actions == ["upload", "correct_type", "correct_role", "add_files"]


def test_resolution_queue_decision_and_quarterly_report(client: TestClient,
                                                        package: GeneratedPackage) -> None:
    from intake.service.review import finding_key

    ann, olga = bearer(client, "ann@example.kz"), bearer(client, "olga@example.kz")
    pid = upload_generated(client, ann, package, package.without_payment())
    assert client.get("/officer/queue", headers=ann).status_code == 403
    queued = client.get("/officer/queue", headers=olga, params={"severity": "error"}).json()["items"]
    assert pid in [q["id"] for q in queued]
    mine = next(q for q in queued if q["id"] == pid)
    assert mine["open_errors"] >= 1
    assert [q["created_at"] for q in queued] == sorted(q["created_at"] for q in queued)
    assert client.get("/officer/queue", headers=olga,
                      params={"cost_type": "staff_competence"}).json()["items"] == []
    assert client.get("/officer/queue", headers=olga, params={"until": "2020-01-01"}).json()["items"] == []

    report = client.get(f"/packages/{pid}/report", headers=ann).json()
    missing = next(f for f in report["findings"] if f["code"] == "missing_document")
    key = finding_key(missing)
    url = f"/packages/{pid}/findings/{key}/resolution"
    assert client.post(url, headers=ann, json={"resolution": "overridden", "comment": "x"}).status_code == 403
    assert client.post(url, headers=olga, json={"resolution": "overridden", "comment": ""}).status_code == 422
    r = client.post(url, headers=olga, json={"resolution": "overridden", "comment": "Оплата аккредитивом"})
    assert r.status_code == 200 and r.json()["findings"] == 1
    after = client.get("/officer/queue", headers=olga, params={"severity": "error"}).json()["items"]
    still = [q for q in after if q["id"] == pid]
    assert still == [] or still[0]["open_errors"] == mine["open_errors"] - 1
    assert client.post(f"/packages/{pid}/recheck", headers=olga).status_code == 202
    wait_done(client, olga, pid)
    entry = client.get(f"/packages/{pid}/audit", headers=olga).json()[-2]
    assert (entry["action"], entry["detail"]["new"], entry["detail"]["comment"]) == (
        "resolve_finding", "overridden", "Оплата аккредитивом")

    client.post(f"/packages/{pid}/files", headers=ann,
                files=[("files", (PAYMENT_FILE, package.files[PAYMENT_FILE], "application/pdf"))])
    assert wait_done(client, ann, pid)["complete"] is True
    d = client.post(f"/packages/{pid}/decision", headers=olga, json={"outcome": "approved", "comment": "ok"})
    assert d.status_code == 200
    assert pid not in [q["id"] for q in client.get("/officer/queue", headers=olga).json()["items"]]
    granted = client.get(f"/packages/{pid}/report", headers=olga).json()["reimbursement"]["amount"]
    today = quarterly.astana_day(datetime.now(UTC))
    pay = {"amount": granted, "date": today.isoformat()}
    assert client.post(f"/packages/{pid}/payments", headers=ann, json=pay).status_code == 403
    paid = client.post(f"/packages/{pid}/payments", headers=olga, json=pay)
    assert paid.status_code == 201 and paid.json()["paid"] == granted
    q = {"year": today.year, "quarter": (today.month - 1) // 3 + 1}
    xlsx = client.get("/reports/quarterly.xlsx", headers=olga, params=q)
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert client.get("/reports/quarterly.xlsx", headers=ann, params=q).status_code == 403
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    numbers = next(i for i, r in enumerate(rows) if r[:9] == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    data = [r[:9] for r in rows[numbers + 1:] if isinstance(r[0], int)]
    assert len(data) == 1
    _, enterprise, measure, applied, decided, own, state, financed, current = data[0]
    assert enterprise and "цифров" in measure and current == "профинансировано"
    assert applied.date().isoformat() == package.application_date and decided.date() == today
    assert state == financed == float(quarterly.thousands(Decimal(granted))) and state > 0 and own > 0
    empty = client.get("/reports/quarterly.xlsx", headers=olga, params={"year": 2025, "quarter": 4})
    empty_sheet = load_workbook(io.BytesIO(empty.content)).active
    assert empty_sheet is not None
    empty_rows = [[c.value for c in row] for row in empty_sheet.iter_rows()]
    after = next(i for i, r in enumerate(empty_rows) if r[:9] == [1, 2, 3, 4, 5, 6, 7, 8, 9]) + 1
    assert not isinstance(empty_rows[after][0], int)


def test_words_of_a_read_page(client: TestClient, package: GeneratedPackage, tmp_path: Path) -> None:
    ann, bob = bearer(client, "ann@example.kz"), bearer(client, "bob@example.kz")
    pid = upload_generated(client, ann, package, [(PAYMENT_FILE, package.files[PAYMENT_FILE])])
    r = client.get(f"/packages/{pid}/words", headers=ann, params={"file": PAYMENT_FILE, "page": 1})
    assert r.status_code == 200
    words = r.json()["words"]
    assert len(words) > 20 and all(0 <= w["bbox"][0] <= w["bbox"][2] <= 1 for w in words)
    assert any("779" in w["text"] for w in words)
    assert client.get(f"/packages/{pid}/words", headers=bob, params={"file": PAYMENT_FILE}).status_code == 404
    assert client.get(f"/packages/{pid}/words", headers=ann,
                      params={"file": PAYMENT_FILE, "page": 5}).status_code == 404
