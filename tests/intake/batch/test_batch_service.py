"""`intake batch` against the service: stored packages re-checked in place, packages sent to real Celery
workers over a real Redis, and a ZIP of packages as the source."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import uuid
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from intake.db.tables import Package, PackageFile, User
from intake.db.tables import Report as ReportRow
from intake.settings import Settings
from tests.conftest import born_digital_archive

ROOT = Path(__file__).resolve().parents[3]
PLAN = [
    ("complete", "staff_competence"),
    ("invalid_bin", "process_energy_audit"),
    ("complete", "process_installation"),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    return born_digital_archive(out, 23, date(2025, 10, 6), PLAN)


def batch(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    from intake.cli import main

    res = CliRunner().invoke(main, ["batch", *args], env=env)
    return res.exit_code, res.output


def results(out: Path) -> dict[str, dict[str, str]]:
    with (out / "results.csv").open(encoding="utf-8") as fh:
        return {r["package_id"]: r for r in csv.DictReader(fh)}


def reports(out: Path) -> dict[str, dict]:
    return {
        pid: json.loads((out / r["report"]).read_text(encoding="utf-8")) for pid, r in results(out).items()
    }


def test_zip_of_packages_gives_the_folder_results(archive: Path, tmp_path: Path) -> None:
    env = {"INTAKE_DATA_DIR": str(tmp_path / "var")}
    code, _ = batch([str(archive), "--out", str(tmp_path / "folder"), "--jobs", "2"], env)
    assert code == 0
    packed = tmp_path / "archive.zip"
    with zipfile.ZipFile(packed, "w") as zf:
        for path in sorted(archive.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(archive).as_posix())
    code, output = batch([str(packed), "--out", str(tmp_path / "zip"), "--jobs", "2"], env)
    assert code == 0, output
    assert reports(tmp_path / "zip") == reports(tmp_path / "folder")
    assert all(r["pages_cached"] == r["pages"] for r in results(tmp_path / "zip").values())


def _store_packages(settings: Settings, archive: Path) -> dict[str, str]:
    """The archive's packages as the service keeps them: originals in storage, rows, an old report whose
    findings were all dropped (as if checked under older rules). Returns {package id: fixture id}."""
    from intake.service.context import make_context

    ctx = make_context(settings)
    ids = {}
    with ctx.db.session() as s:
        user = User(email="officer@example.kz", password_hash="x", role="officer")
        s.add(user)
        s.flush()
        for line in (archive / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
            m = json.loads(line)
            pid = str(uuid.uuid4())
            files = sorted((archive / m["path"] / "files").iterdir())
            pkg = Package(
                id=pid,
                owner_id=user.id,
                cost_type=m["cost_type"],
                application_date=date.fromisoformat(m["application_date"]),
                applicant_bin=m["applicant_bin"],
                status="done",
                complete=True,
            )
            pkg.files = [
                PackageFile(
                    position=i, name=f.name, sha256=ctx.storage.put(f.read_bytes()).key, size=f.stat().st_size
                )
                for i, f in enumerate(files)
            ]
            s.add(pkg)
            old = {
                "schema": "intake.report/1",
                "complete": True,
                "findings": [],
                "files": [],
                "documents": [],
                "package": {"cost_type": m["cost_type"], "application_date": m["application_date"]},
                "checklist": {"id": m["cost_type"], "version": "2022-06-01"},
            }
            s.add(ReportRow(package_id=pid, body=old))
            ids[pid] = m["package_id"]
    ctx.db.dispose()
    return ids


def test_stored_packages_are_rechecked_in_place(archive: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    ids = _store_packages(settings, archive)
    env = {"INTAKE_DATA_DIR": str(settings.data_dir)}
    code, output = batch(["--stored", "--out", str(tmp_path / "out"), "--jobs", "2"], env)
    assert code == 0, output
    got = results(tmp_path / "out")
    assert set(got) == set(ids)
    from intake.db.session import Database

    db = Database(settings.db_url)
    with db.session() as s:
        for pid, fixture_id in ids.items():
            body = s.get(ReportRow, pid).body
            assert body == reports(tmp_path / "out")[pid]  # the new report replaced the old one
            assert s.get(Package, pid).complete is body["complete"]
            if fixture_id.endswith("-01"):  # invalid_bin: findings appear against the old empty report
                assert got[pid]["changed"] == "1" and "invalid_bin" in got[pid]["added"]
                assert got[pid]["verdict_changed"] == "1"
    db.dispose()
    code, output = batch(["--stored", "--out", str(tmp_path / "out")], env)
    assert code == 0 and results(tmp_path / "out") == got
    code, output = batch(["--stored", "--since", "2999-01-01", "--out", str(tmp_path / "none")], env)
    assert code == 2 and "no package" in output


def test_celery_workers_give_the_in_process_results(archive: Path, tmp_path: Path) -> None:
    from tests.intake.service.test_celery import start_worker, stop
    from tests.servers.redis import redis_server

    with redis_server(tmp_path) as url:
        env = {
            "INTAKE_DATA_DIR": str(tmp_path / "var"),
            "INTAKE_BROKER_URL": url,
            "INTAKE_WORKERS": "1",
            "OMP_THREAD_LIMIT": "1",
        }
        workers = [start_worker(env, f"w{i}", tmp_path / f"w{i}.log") for i in (1, 2)]
        try:
            code, output = batch([str(archive), "--out", str(tmp_path / "out"), "--celery"], env)
        finally:
            for w in workers:
                stop(w)
    logs = "".join((tmp_path / f"w{i}.log").read_text() for i in (1, 2))
    assert code == 0, output + logs[-3000:]
    assert logs.count("batch package done") == len(PLAN)
    # the reference in a fresh process, as the workers are (the same code on disk)
    local = subprocess.run(
        [
            sys.executable,
            "-m",
            "intake.cli",
            "batch",
            str(archive),
            "--out",
            str(tmp_path / "local-out"),
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "INTAKE_DATA_DIR": str(tmp_path / "local")},
    )
    assert local.returncode == 0, local.stderr.decode()[-2000:]
    assert reports(tmp_path / "out") == reports(tmp_path / "local-out")
