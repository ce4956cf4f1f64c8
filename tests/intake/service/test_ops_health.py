"""Operators' probes and metrics on real parts: /healthz, /readyz (database, store, broker — a real Redis
stopped and a store made unwritable turn it 503), /metrics counting pages read and the queue."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from intake.service.app import create_app
from tests.review_support import GeneratedPackage, bearer, generated_package, make_settings, wait_done
from tests.servers.redis import redis_server


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPackage:
    return generated_package(tmp_path_factory.mktemp("gen"))


def _metric(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} not in metrics")


def test_probes_and_metrics_embedded(tmp_path: Path, package: GeneratedPackage) -> None:
    settings = make_settings(tmp_path / "var")
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json() == {"status": "ok", "checks": []}
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert {c["name"]: c["ok"] for c in ready.json()["checks"]} == {
            "database": True, "store": True, "broker": True}
        before = client.get("/metrics").text
        pages_before = _metric(before, "intake_pages_read_total")
        done_before = _metric(before, 'intake_packages_processed_total{outcome="done"}') \
            if 'outcome="done"' in before else 0.0
        ann = bearer(client, "ann@example.kz")
        r = client.post("/packages", headers=ann, data=package.form(),
                        files=[("files", (n, d, "application/pdf")) for n, d in package.files.items()])
        pid = r.json()["id"]
        status = wait_done(client, ann, pid)
        after = client.get("/metrics")
        assert after.headers["content-type"].startswith("text/plain")
        read = _metric(after.text, "intake_pages_read_total") - pages_before
        assert read == status["progress"]["pages_total"] > 0
        assert _metric(after.text, 'intake_packages_processed_total{outcome="done"}') == done_before + 1
        assert _metric(after.text, 'intake_queue_packages{status="queued"}') == 0
        assert _metric(after.text, "intake_pages_per_second") > 0

        objects = settings.objects_path
        os.chmod(objects, 0o500)
        try:
            down = client.get("/readyz")
        finally:
            os.chmod(objects, 0o700)
        if os.geteuid() != 0:  # root writes anywhere: the mode cannot make the store unwritable
            assert down.status_code == 503
            assert {c["name"]: c["ok"] for c in down.json()["checks"]}["store"] is False


def test_readiness_follows_the_broker(tmp_path: Path) -> None:
    broker = redis_server(tmp_path)
    url = broker.__enter__()
    running = True
    try:
        settings = make_settings(tmp_path / "var").model_copy(update={"broker_url": url})
        with TestClient(create_app(settings)) as client:
            up = client.get("/readyz")
            assert up.status_code == 200
            assert next(c for c in up.json()["checks"] if c["name"] == "broker")["detail"] == "redis"
            broker.__exit__(None, None, None)
            running = False
            down = client.get("/readyz")
            assert down.status_code == 503 and down.json()["status"] == "unavailable"
            assert {c["name"]: c["ok"] for c in down.json()["checks"]} == {
                "database": True, "store": True, "broker": False}
            assert client.get("/healthz").status_code == 200
    finally:
        if running:
            broker.__exit__(None, None, None)
