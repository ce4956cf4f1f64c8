"""Helpers of the review and page tests: users, a generated born-digital package, waiting for reports."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from fixtures.generate import generate_package
from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.live import serve

PASSWORD = "secret-123"
USERS = (("ann@example.kz", "applicant"), ("bob@example.kz", "applicant"), ("olga@example.kz", "officer"))
PAYMENT_FILE = "ПП-779.pdf"


@dataclass(frozen=True)
class GeneratedPackage:
    """A complete digital-equipment package (born-digital PDFs, one file per document)."""

    files: dict[str, bytes]
    cost_type: str
    application_date: str
    applicant_bin: str

    def form(self) -> dict[str, str]:
        return {"cost_type": self.cost_type, "application_date": self.application_date,
                "applicant_bin": self.applicant_bin}

    def without_payment(self) -> list[tuple[str, bytes]]:
        return [(n, d) for n, d in self.files.items() if n != PAYMENT_FILE]


def generated_package(out: Path, scanned: tuple[str, ...] = ()) -> GeneratedPackage:
    """The package; documents of the `scanned` types come as 300 dpi scans (read by Tesseract)."""
    renderings = {"*": "born_digital", **dict.fromkeys(scanned, "scan")}
    folder = generate_package(5, "complete", "digital_equipment", date(2026, 3, 2), out, renderings,
                              packaging="flat")
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    files = {p.name: p.read_bytes() for p in sorted((folder / "files").iterdir())}
    assert PAYMENT_FILE in files, sorted(files)
    req = truth["request"]
    return GeneratedPackage(files=files, cost_type=req["cost_type"], application_date=req["application_date"],
                            applicant_bin=req["applicant_bin"])


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Embedded service settings (`overrides` on top) with the test users created."""
    settings = Settings(**{"data_dir": data_dir, "workers": 1, "secret_key": "k" * 40, **overrides})
    db = Database(settings.db_url)
    with db.session() as s:
        for email, role in USERS:
            s.add(User(email=email, password_hash=hash_password(PASSWORD), role=role))
    db.dispose()
    return settings


def bearer(client: TestClient, email: str) -> dict[str, str]:
    r = client.post("/auth/token", data={"username": email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def wait_done(client: TestClient, headers: dict[str, str], package_id: str, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/packages/{package_id}", headers=headers).json()
        if body["status"] in ("done", "failed"):
            return dict(body)
        assert time.monotonic() < deadline, body
        time.sleep(0.1)


def upload_generated(client: TestClient, headers: dict[str, str], pkg: GeneratedPackage,
                     files: list[tuple[str, bytes]], **form: str) -> str:
    """Upload `files` with the generated package's form (fields in `form` replaced) and wait until the
    package is checked; returns its id."""
    r = client.post("/packages", headers=headers, data={**pkg.form(), **form},
                    files=[("files", (n, d, "application/pdf")) for n, d in files])
    assert r.status_code == 201, r.text
    pid = str(r.json()["id"])
    assert wait_done(client, headers, pid)["status"] == "done"
    return pid


@dataclass(frozen=True)
class Service:
    """The service running on a loopback port, with the settings it was started with."""

    url: str
    settings: Settings

    def token(self, email: str) -> str:
        r = httpx.post(f"{self.url}/auth/token", data={"username": email, "password": PASSWORD})
        r.raise_for_status()
        return str(r.json()["access_token"])

    def upload(self, email: str, pkg: GeneratedPackage, files: list[tuple[str, bytes]]) -> str:
        """A package uploaded through the JSON API, waited for until checked."""
        headers = {"Authorization": f"Bearer {self.token(email)}"}
        r = httpx.post(f"{self.url}/packages", headers=headers, data=pkg.form(),
                       files=[("files", (n, d, "application/pdf")) for n, d in files], timeout=30)
        assert r.status_code == 201, r.text
        pid = str(r.json()["id"])
        deadline = time.monotonic() + 60
        while httpx.get(f"{self.url}/packages/{pid}", headers=headers).json()["status"] != "done":
            assert time.monotonic() < deadline
            time.sleep(0.2)
        return pid


@contextmanager
def live_service(data_dir: Path) -> Iterator[Service]:
    """The service on embedded defaults under `data_dir`, with the test users, served over real HTTP."""
    settings = make_settings(data_dir)
    with serve(create_app(settings)) as url:
        yield Service(url, settings)
