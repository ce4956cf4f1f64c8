"""Scale-out on Celery for real: a Redis broker and Celery worker processes started here.

A package goes through the service to a worker process and back; a worker killed in the middle of a
package loses nothing: the broker hands the package to another worker, which finishes it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fixtures.generate import generate_package
from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.intake.service.test_api import login, upload, wait_done
from tests.servers.redis import redis_server

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture()
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    with redis_server(tmp_path) as url:
        yield {
            "INTAKE_DATA_DIR": str(tmp_path / "var"),
            "INTAKE_BROKER_URL": url,
            "INTAKE_TASK_VISIBILITY_SECONDS": "4",
            "INTAKE_WORKERS": "1",
            "OMP_THREAD_LIMIT": "1",
        }


def start_worker(env: dict[str, str], name: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "intake.service.tasks", "worker", "--pool", "solo",
         "--concurrency", "1", "-Q", "intake", "-n", f"{name}@%h", "--without-gossip", "--without-mingle",
         "--loglevel", "INFO"],
        cwd=ROOT, env={**os.environ, **env}, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def service(env: dict[str, str]) -> TestClient:
    settings = Settings(data_dir=Path(env["INTAKE_DATA_DIR"]), broker_url=env["INTAKE_BROKER_URL"],
                        task_visibility_seconds=4, workers=1)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    return TestClient(create_app(settings))


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)


def test_package_is_processed_by_a_celery_worker(
    env: dict[str, str], tmp_path: Path, validate_report
) -> None:
    from tests.conftest import make_pdf
    from tests.intake.service.test_api import CONTRACT

    worker = start_worker(env, "w1", tmp_path / "w1.log")
    try:
        with service(env) as client:
            ann = login(client, "ann@example.kz")
            pid = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT))])
            status = wait_done(client, ann, pid, timeout=120)
            assert status["status"] == "done", (tmp_path / "w1.log").read_text()[-3000:]
            validate_report(client.get(f"/packages/{pid}/report", headers=ann).json())
    finally:
        stop(worker)
    assert "intake.process_package" in (tmp_path / "w1.log").read_text()


@pytest.mark.ocr
def test_killed_worker_loses_nothing(env: dict[str, str], tmp_path: Path) -> None:
    from datetime import date

    pkg = generate_package(31, "complete", "production_efficiency", date(2025, 9, 3), tmp_path / "gen",
                           {"*": "born_digital", "contract": "scan", "act": "scan", "invoice": "scan"},
                           packaging="flat")
    files = sorted((pkg / "files").iterdir())
    first = start_worker(env, "w1", tmp_path / "w1.log")
    second = None
    try:
        with service(env) as client:
            ann = login(client, "ann@example.kz")
            pid = upload(client, ann, [(f.name, f.read_bytes()) for f in files])
            deadline = time.monotonic() + 120
            while client.get(f"/packages/{pid}", headers=ann).json()["progress"]["pages_done"] < 1:
                assert time.monotonic() < deadline, "worker never started reading"
                time.sleep(0.2)
            stop(first)  # killed mid-package: the task was taken but never acknowledged
            mid = client.get(f"/packages/{pid}", headers=ann).json()
            assert mid["status"] == "processing"
            assert mid["progress"]["pages_done"] < mid["progress"]["pages_total"]
            second = start_worker(env, "w2", tmp_path / "w2.log")
            status = wait_done(client, ann, pid, timeout=400)
            assert status["status"] == "done", status
            assert status["progress"]["pages_done"] == status["progress"]["pages_total"]
            report = client.get(f"/packages/{pid}/report", headers=ann).json()
            assert report["complete"] is True or report["findings"]
    finally:
        stop(first)
        if second is not None:
            stop(second)
    assert "intake.process_package" in (tmp_path / "w2.log").read_text()
