"""Service figures: upload-to-report latency of a born-digital package, and packages per minute with
the in-process worker vs. 2 Celery workers (Redis on loopback), on the same generated packages.

    python bench/service.py --packages 6
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient

from fixtures.generate import generate_package
from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.servers.redis import redis_server

ROOT = Path(__file__).resolve().parents[1]
FORM_KEYS = ("cost_type", "application_date", "applicant_bin")


def make_packages(root: Path, n: int) -> list[tuple[dict[str, str], list[tuple[str, bytes]]]]:
    out = []
    for i in range(n):
        pkg = generate_package(900 + i, "complete", "digital_equipment", date(2026, 5, 12), root,
                               {"*": "born_digital"}, index=i, packaging="flat")
        req = json.loads((pkg / "truth.json").read_text(encoding="utf-8"))["request"]
        files = [(f.name, f.read_bytes()) for f in sorted((pkg / "files").iterdir())]
        out.append(({k: req[k] for k in FORM_KEYS}, files))
    return out


def run(settings: Settings, packages: list[tuple[dict[str, str], list[tuple[str, bytes]]]]) -> list[float]:
    """Upload every package at once; seconds from upload to report for each, and the wall time last."""
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="bench@example.kz", password_hash=hash_password("bench-pass"), role="applicant"))
    db.dispose()
    with TestClient(create_app(settings)) as client:
        tok = client.post("/auth/token", data={"username": "bench@example.kz", "password": "bench-pass"})
        headers = {"Authorization": f"Bearer {tok.json()['access_token']}"}
        started = time.perf_counter()
        ids: dict[str, float] = {}
        for form, files in packages:
            t = time.perf_counter()
            r = client.post("/packages", headers=headers, data=form,
                            files=[("files", (n, d, "application/octet-stream")) for n, d in files])
            ids[r.json()["id"]] = t
        latency: dict[str, float] = {}
        while len(latency) < len(ids):
            for pid, t in ids.items():
                if pid in latency:
                    continue
                state = client.get(f"/packages/{pid}", headers=headers).json()["status"]
                if state in ("done", "failed"):
                    latency[pid] = time.perf_counter() - t
            time.sleep(0.05)
        return [*latency.values(), time.perf_counter() - started]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--packages", type=int, default=6)
    args = ap.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        packages = make_packages(root / "gen", args.packages)
        pages = sum(1 for _, files in packages for _ in files)
        single = run(Settings(data_dir=root / "one", workers=1), packages[:1])
        print(f"upload-to-report latency, one born-digital package ({len(packages[0][1])} files): "
              f"{single[0]:.2f} s")
        inproc = run(Settings(data_dir=root / "inproc", workers=1), packages)
        with redis_server(root) as url:
            env = {**os.environ, "INTAKE_DATA_DIR": str(root / "celery"), "INTAKE_BROKER_URL": url,
                   "INTAKE_WORKERS": "1"}
            workers = [subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "intake.service.tasks", "worker", "--pool", "solo",
                 "-Q", "intake", "-n", f"bench{i}@%h", "--without-gossip", "--without-mingle",
                 "--loglevel", "WARNING"], cwd=ROOT, env=env, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(2)]
            try:
                time.sleep(5)
                celery = run(Settings(data_dir=root / "celery", broker_url=url, workers=1), packages)
            finally:
                for w in workers:
                    os.killpg(w.pid, signal.SIGKILL)
    n = len(packages)
    for name, res in (("in-process, 1 worker thread", inproc), ("Celery, 2 worker processes", celery)):
        lat, wall = res[:-1], res[-1]
        print(f"{name:<30} {n} packages ({pages} files): {n / wall * 60:6.1f} packages/min, "
              f"latency p50 {statistics.median(lat):.1f} s, max {max(lat):.1f} s")
    print(f"ratio Celery(2) / in-process(1) throughput: {inproc[-1] / celery[-1]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
