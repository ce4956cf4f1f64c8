"""Officers' tools: the decision letter (PDF, Russian or Kazakh) cites the findings the decision rests on;
an applicant's use of each cap over the year's packages (granted, awaiting a decision, remaining)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal

import pdfplumber
import pytest
from fastapi.testclient import TestClient

from checklists.caps import load_caps
from checklists.names import local_citation
from intake.service.app import create_app
from intake.service.review import finding_key
from models.vocab import CostType
from tests.review_support import (
    GeneratedPackage,
    bearer,
    generated_package,
    make_settings,
    upload_generated,
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPackage:
    return generated_package(tmp_path_factory.mktemp("gen"))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("svc") / "var"))) as c:
        yield c



def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return " ".join((p.extract_text() or "") for p in doc.pages).replace("\n", " ")


def _rows(pdf: bytes) -> list[list[str]]:
    """The cells of the letter's table of findings, each as one line."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [[(c or "").replace("\n", " ") for c in row]
                for p in doc.pages for table in p.extract_tables() for row in table]


def test_decision_letter_cites_the_findings(client: TestClient, package: GeneratedPackage) -> None:
    ann, olga = bearer(client, "ann@example.kz"), bearer(client, "olga@example.kz")
    pid = upload_generated(client, ann, package, package.without_payment())
    url = f"/packages/{pid}/decision-letter.pdf"
    early = client.get(url, headers=olga)
    assert early.status_code == 409 and early.json()["code"] == "no_decision"
    report = client.get(f"/packages/{pid}/report", headers=ann).json()
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors
    r = client.post(f"/packages/{pid}/decision", headers=olga,
                    json={"outcome": "rejected", "comment": "Нет платежного поручения"})
    assert r.status_code == 200
    ru = client.get(url, headers=olga)
    assert ru.status_code == 200 and ru.headers["content-type"] == "application/pdf"
    text = _text(ru.content)
    assert "Уведомление о решении по заявке" in text and "в возмещении затрат отказано" in text
    assert "Основания отказа" in text and "Нет платежного поручения" in text
    for f in errors:
        assert local_citation(f["citation"], "ru").split(";")[0] in text  # the paragraph in Russian
        assert f["message"].split(":")[0] in text
    # the applicant may read their own letter, in Kazakh
    kk = client.get(url, headers={**ann, "Accept-Language": "kk"})
    assert kk.status_code == 200 and kk.headers["content-language"] == "kk"
    kk_text = _text(kk.content)
    assert "Өтінім бойынша шешім туралы хабарлама" in kk_text and "бас тартылды" in kk_text
    assert client.get(url, headers=bearer(client, "bob@example.kz")).status_code == 404


def test_approved_letter_lists_the_overridden_findings(client: TestClient, package: GeneratedPackage) -> None:
    ann, olga = bearer(client, "ann@example.kz"), bearer(client, "olga@example.kz")
    pid = upload_generated(client, ann, package, package.without_payment())
    report = client.get(f"/packages/{pid}/report", headers=ann).json()
    missing = next(f for f in report["findings"] if f["code"] == "missing_document")
    client.post(f"/packages/{pid}/findings/{finding_key(missing)}/resolution", headers=olga,
                json={"resolution": "overridden", "comment": "Оплата аккредитивом"})
    client.post(f"/packages/{pid}/decision", headers=olga, json={"outcome": "approved"})
    pdf = client.get(f"/packages/{pid}/decision-letter.pdf", headers=olga).content
    text = _text(pdf)
    assert "заявка одобрена" in text and "Замечания, рассмотренные при проверке" in text
    row = next(r for r in _rows(pdf) if local_citation(missing["citation"], "ru") in r[2])
    assert row[3] == "отклонено сотрудником: «Оплата аккредитивом»", row


def test_cap_use_over_the_years_packages(tmp_path_factory: pytest.TempPathFactory,
                                         package: GeneratedPackage) -> None:
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("caps") / "var"))) as client:
        ann, olga = bearer(client, "ann@example.kz"), bearer(client, "olga@example.kz")
        files = list(package.files.items())
        granted, pending, rejected = (upload_generated(client, ann, package, files) for _ in range(3))
        amounts = {}
        for pid in (granted, pending, rejected):
            amounts[pid] = Decimal(client.get(f"/packages/{pid}/report", headers=ann)
                                   .json()["reimbursement"]["amount"])
        assert all(a > 0 for a in amounts.values())
        client.post(f"/packages/{granted}/decision", headers=olga, json={"outcome": "approved"})
        client.post(f"/packages/{rejected}/decision", headers=olga, json={"outcome": "rejected"})
        year = int(package.application_date[:4])
        url = f"/officer/applicants/{package.applicant_bin}/caps"
        assert client.get(url, headers=ann, params={"year": year}).status_code == 403
        body = client.get(url, headers=olga, params={"year": year}).json()
        cap = load_caps().cap_for(CostType(package.cost_type))
        use = next(c for c in body["caps"] if c["cap_id"] == cap.id)
        assert Decimal(use["granted"]) == amounts[granted]
        assert Decimal(use["pending"]) == amounts[pending]
        assert Decimal(use["remaining"]) == cap.amount - amounts[granted]
        assert {p["id"]: p["decision"] for p in use["packages"]} == {
            granted: "approved", pending: None, rejected: "rejected"}
        others = [c for c in body["caps"] if c["cap_id"] != cap.id]
        assert others and all(c["packages"] == [] and c["granted"] == "0.00" for c in others)
        empty = client.get(url, headers=olga, params={"year": year - 1}).json()
        assert all(c["packages"] == [] for c in empty["caps"])
        other_bin = client.get("/officer/applicants/940140000385/caps", headers=olga,
                               params={"year": year}).json()
        assert all(c["packages"] == [] for c in other_bin["caps"])
