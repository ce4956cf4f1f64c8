"""One package with imported NBK rates through every entry point gives one report (`intake/run.py`).

`intake check`, the service's in-process worker, the service with a Celery worker on a real Redis,
`intake batch --jobs` and `intake batch --celery` all call `intake.run.run_package` with a run context
built from the same settings, so a USD payment is converted at the imported rate everywhere (the shipped
table has no rate for its day: without the import it is a `missing_rate` warning and no reimbursement).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from fastapi.testclient import TestClient

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.checklists.test_rates import GET_RATES
from tests.conftest import make_pdf
from tests.intake.service.test_api import APPLICANT_BIN, FORM, login, upload, wait_done
from tests.intake.service.test_celery import start_worker, stop
from tests.servers.redis import redis_server

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "Договор.pdf": [
        "ДОГОВОР № 77/2025 купли-продажи оборудования",
        "г. Астана «15» марта 2025 г.",
        f"ТОО «Каспий», БИН {APPLICANT_BIN}, именуемое в дальнейшем «Покупатель», и",
        "ТОО «Техника», БИН 971240001315, именуемое в дальнейшем «Поставщик», заключили договор.",
        "Общая стоимость Договора составляет 2 000,00 долларов США.",
    ],
    "Платежка.pdf": [
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 15",
        "Дата 15.05.2025",
        f"Отправитель денег: ТОО «Каспий», БИН {APPLICANT_BIN}",
        "Бенефициар: ТОО «Техника», БИН 971240001315",
        "Сумма: 2 000,00 USD",
        "Назначение платежа: оплата по договору № 77/2025 от 15.03.2025",
    ],
}
RATE_USD = "512.45"  # the imported feed's USD rate on 15.05.2025


def cli(args: list[str], var: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INTAKE_DATA_DIR": str(var), "INTAKE_WORKERS": "1", "OMP_THREAD_LIMIT": "1"}
    return subprocess.run([sys.executable, "-m", "intake.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


def service_report(settings: Settings) -> dict[str, Any]:
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    with TestClient(create_app(settings)) as client:
        ann = login(client, "ann@example.kz")
        pid = upload(client, ann, [(name, make_pdf(lines)) for name, lines in FILES.items()])
        assert wait_done(client, ann, pid, timeout=240)["status"] == "done"
        r = client.get(f"/packages/{pid}/report", headers=ann)
        assert r.status_code == 200, r.text
        return dict(r.json())


def batch(args: list[str], var: Path, extra: dict[str, str] | None = None) -> dict[str, Any]:
    from intake.cli import main

    out = var / "batch-out"
    env = {"INTAKE_DATA_DIR": str(var), **(extra or {})}
    res = CliRunner().invoke(main, ["batch", *args, "--out", str(out)], env=env)
    assert res.exit_code == 0, res.output
    (report,) = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "reports").glob("*/*.json")]
    return dict(report)


def test_every_entry_point_gives_the_same_report_with_imported_rates(tmp_path: Path, validate_report) -> None:
    feed = tmp_path / "get_rates.xml"
    feed.write_text(GET_RATES, encoding="utf-8")
    seed_var = tmp_path / "seed"
    imported = cli(["rates", "import", str(feed)], seed_var)
    assert imported.returncode == 0, imported.stderr

    def var(name: str) -> Path:
        """A data folder of its own per entry point (own database and caches), with the imported rates."""
        path = tmp_path / name
        path.mkdir()
        shutil.copy(seed_var / "rates.csv", path / "rates.csv")
        return path

    source = tmp_path / "archive"
    (source / "pkg" / "files").mkdir(parents=True)
    for name, lines in FILES.items():
        (source / "pkg" / "files" / name).write_bytes(make_pdf(lines))
    (source / "manifest.jsonl").write_text(json.dumps({"path": "pkg", **FORM}) + "\n", encoding="utf-8")

    reports: dict[str, dict[str, Any]] = {}
    run = cli(["check", str(source / "pkg" / "files"), "--cost-type", FORM["cost_type"],
               "--application-date", FORM["application_date"], "--applicant-bin", APPLICANT_BIN,
               "--workers", "1"], var("cli"))
    assert run.returncode in (0, 1), run.stderr
    reports["check"] = json.loads(run.stdout)
    reports["service"] = service_report(Settings(data_dir=var("service"), workers=1))
    reports["batch --jobs"] = batch([str(source), "--jobs", "1"], var("jobs"))
    with redis_server(tmp_path) as url:
        celery_var = var("celery")
        env = {"INTAKE_DATA_DIR": str(celery_var), "INTAKE_BROKER_URL": url, "INTAKE_WORKERS": "1",
               "OMP_THREAD_LIMIT": "1"}
        worker = start_worker(env, "w1", tmp_path / "w1.log")
        try:
            reports["service on Celery"] = service_report(
                Settings(data_dir=celery_var, broker_url=url, workers=1))
            reports["batch --celery"] = batch([str(source), "--celery"], celery_var,
                                              {"INTAKE_BROKER_URL": url})
        finally:
            stop(worker)

    reference = reports["check"]  # a report holds no id or timestamp: compared whole
    validate_report(reference)
    conversions = reference["reimbursement"]["conversions"]
    assert [(c["currency"], c["rate"]) for c in conversions] == [("USD", RATE_USD)]
    assert "missing_rate" not in {f["code"] for f in reference["findings"]}
    for name, report in reports.items():
        validate_report(report)
        assert report == reference, name
