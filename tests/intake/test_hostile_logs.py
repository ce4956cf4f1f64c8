"""No secrets or personal data in logs: every record of a full run (sign-in, a failed sign-in, upload,
processing, report, a rejected file, a refused request) is free of passwords, tokens, the signing key,
BIN/IIN values and document text."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.conftest import make_pdf
from tests.intake.service.test_api import APPLICANT_BIN, CONTRACT, FORM, wait_done

PASSWORD = "Pa55-word-never-logged"
SECRET_KEY = "k" * 20 + "-signing-key-never-logged"
IIN = "880315300127"  # a private person's IIN in a document
TWELVE_DIGITS = re.compile(r"(?<![0-9A-Fa-f])\d{12}(?![0-9A-Fa-f])")
"""A BIN/IIN-like number; not a run of digits inside a hex id."""
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)
"""Package ids, taken out before looking for BINs: a UUID's last group is all digits about once in 280."""


def test_a_full_run_logs_no_secrets_or_personal_data(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(data_dir=tmp_path / "var", workers=1, secret_key=SECRET_KEY)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password(PASSWORD), role="applicant"))
    db.dispose()
    document = [*CONTRACT, f"Представитель: Иванов И. И., ИИН {IIN}"]
    caplog.set_level(logging.INFO)
    for name in ("intake", "extractors", "checklists"):
        caplog.set_level(logging.DEBUG, logger=name)
    with TestClient(create_app(settings)) as client:
        bad = client.post("/auth/token", data={"username": "ann@example.kz", "password": PASSWORD + "x"})
        assert bad.status_code == 401
        token = client.post("/auth/token", data={"username": "ann@example.kz", "password": PASSWORD}).json()[
            "access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        r = client.post("/packages", headers=auth, data=FORM, files=[
            ("files", ("Договор.pdf", make_pdf(document), "application/pdf")),
            ("files", ("broken.pdf", b"%PDF-1.4 broken " + IIN.encode(), "application/pdf"))])
        assert r.status_code == 201
        pid = r.json()["id"]
        assert wait_done(client, auth, pid)["status"] == "done"
        report = client.get(f"/packages/{pid}/report", headers=auth).json()
        assert IIN in str(report) or APPLICANT_BIN in str(report)  # the data was there to be leaked
        refused = client.post("/packages", headers=auth, data={**FORM, "applicant_bin": "123456789012"},
                              files=[("files", ("a.pdf", make_pdf(document), "application/pdf"))])
        assert refused.status_code == 422
        forged = {"Authorization": "Bearer " + token[:-4] + "AAAA"}
        assert client.get("/packages", headers=forged).status_code == 401
    text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert len(caplog.records) > 5 and "package done" in text
    for secret in (PASSWORD, token, token.split(".")[2], SECRET_KEY, IIN, APPLICANT_BIN, "971240001315",
                   "123456789012", "Иванов", "77/2025"):
        assert secret not in text, f"{secret!r} appears in the logs"
    without_ids = UUID.sub("<id>", text)
    assert not TWELVE_DIGITS.search(without_ids), TWELVE_DIGITS.findall(without_ids)
