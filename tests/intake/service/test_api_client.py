"""A Python client generated from the service's OpenAPI document (openapi-python-client) drives the
running service on a loopback port: sign-in, upload, status, the typed report, paging and sorting, the
officer's queue and typed error bodies. Generated afresh on every run, so the client always matches the
document."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.review_support import PASSWORD, GeneratedPackage, Service, generated_package, live_service

GENERATOR = Path(sys.executable).with_name("openapi-python-client")

pytestmark = pytest.mark.skipif(not GENERATOR.exists(), reason="openapi-python-client is not installed")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with live_service(tmp_path_factory.mktemp("client") / "var") as running:
        yield running


@pytest.fixture(scope="module")
def client_pkg(service: Service, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """`intake_client`, generated from the running service's /openapi.json into a temporary folder."""
    import httpx

    out = tmp_path_factory.mktemp("generated")
    spec = out / "openapi.json"
    spec.write_text(httpx.get(f"{service.url}/openapi.json").text, encoding="utf-8")
    config = out / "config.json"
    config.write_text(json.dumps({"post_hooks": [], "project_name_override": "intake_client",
                                  "package_name_override": "intake_client"}), encoding="utf-8")
    done = subprocess.run([str(GENERATOR), "generate", "--path", str(spec), "--output-path",
                           str(out / "intake_client"), "--meta", "none", "--config", str(config)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Unable to parse" not in done.stdout and "Unable to generate" not in done.stdout, done.stdout
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module("intake_client")
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == "intake_client" or m.startswith("intake_client.")]:
            del sys.modules[name]
        shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPackage:
    return generated_package(tmp_path_factory.mktemp("gen"))


def _api(name: str) -> Any:
    return importlib.import_module(f"intake_client.api.{name}")


def test_generated_client_runs_a_package_through(service: Service, client_pkg: ModuleType,
                                                 package: GeneratedPackage, validate_report: Any) -> None:
    models = importlib.import_module("intake_client.models")
    types = importlib.import_module("intake_client.types")
    anonymous = client_pkg.Client(base_url=service.url, raise_on_unexpected_status=True)

    # a wrong password: the documented 401 with its code
    bad = _api("auth.login").sync_detailed(client=anonymous,
                                           body=models.BodyLogin(username="ann@example.kz", password="x"))
    assert bad.status_code == 401
    assert isinstance(bad.parsed, models.ErrorOut) and bad.parsed.code == "unauthorized"
    token = _api("auth.login").sync(client=anonymous,
                                    body=models.BodyLogin(username="ann@example.kz", password=PASSWORD))
    assert isinstance(token, models.Token)
    ann = client_pkg.AuthenticatedClient(base_url=service.url, token=token.access_token,
                                         raise_on_unexpected_status=True, timeout=httpx_timeout())
    olga_token = _api("auth.login").sync(client=anonymous, body=models.BodyLogin(
        username="olga@example.kz", password=PASSWORD))
    olga = client_pkg.AuthenticatedClient(base_url=service.url, token=olga_token.access_token,
                                          raise_on_unexpected_status=True, timeout=httpx_timeout())

    # upload: typed body with real files
    import datetime as dt

    body = models.BodyCreatePackage(
        files=[types.File(payload=_bytes(data), file_name=name, mime_type="application/pdf")
               for name, data in package.files.items()],
        cost_type=models.CostType(package.cost_type),
        application_date=dt.date.fromisoformat(package.application_date),
        applicant_bin=package.applicant_bin)
    created = _api("packages.create_package").sync(client=ann, body=body)
    assert isinstance(created, models.PackageCreated), created
    pid = created.id
    deadline = time.monotonic() + 90
    while (state := _api("packages.get_package").sync(client=ann, package_id=pid)).status.value != "done":
        assert state.status.value != "failed" and time.monotonic() < deadline, state
        time.sleep(0.2)
    assert state.progress.pages_done == state.progress.pages_total > 0

    # the report, parsed into the generated models, equals the contract JSON
    report = _api("packages.get_report").sync(client=ann, package_id=pid)
    assert isinstance(report, models.ReportOut), report
    assert report.complete is True
    assert {d.type_.value for d in report.documents} >= {"contract", "invoice", "payment_order"}
    as_json = report.to_dict()
    validate_report(as_json)
    raw = _api("packages.get_report").sync_detailed(client=ann, package_id=pid)
    assert json.loads(raw.content) == as_json

    # an error answer is typed too
    missing = _api("packages.get_report").sync_detailed(client=ann, package_id="0" * 36)
    assert missing.status_code == 404 and missing.parsed.code == "not_found"
    denied = _api("review.officer_queue").sync_detailed(client=ann)
    assert denied.status_code == 403 and denied.parsed.code == "forbidden"

    # a second package, then paging and sorting of the list
    second = _api("packages.create_package").sync(client=ann, body=models.BodyCreatePackage(
        files=[types.File(payload=_bytes(package.files[n]), file_name=n) for n in list(package.files)[:2]],
        cost_type=models.CostType(package.cost_type), application_date=dt.date(2026, 3, 1),
        applicant_bin=package.applicant_bin))
    first_page = _api("packages.list_packages").sync(client=ann, limit=1, offset=0)
    assert (first_page.total, len(first_page.items), first_page.items[0].id) == (2, 1, pid)
    newest = _api("packages.list_packages").sync(client=ann, limit=1, offset=0,
                                                 sort=models.ListPackagesSort("-created_at"))
    assert newest.items[0].id == second.id

    # the officer's queue holds both, the complete one included; search by BIN
    queue = _api("review.officer_queue").sync(client=olga, q=package.applicant_bin[:6])
    assert isinstance(queue, models.QueueOut)
    assert {i.id for i in queue.items} == {pid, second.id} and queue.total == 2
    assert next(i for i in queue.items if i.id == pid).complete is True


def _bytes(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def httpx_timeout() -> Any:
    import httpx

    return httpx.Timeout(60.0)
