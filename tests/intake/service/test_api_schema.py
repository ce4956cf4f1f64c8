"""Property-based run over the OpenAPI document (schemathesis): no route answers with a server error,
every status code is documented and every response body matches its documented schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.conftest import make_pdf
from tests.intake.service.test_api import CONTRACT, FORM, login

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, dict[str, str], str]]:
    data = tmp_path_factory.mktemp("var")
    app_settings = Settings(data_dir=data, workers=1)
    db = Database(app_settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    app = create_app(app_settings)
    with TestClient(app) as client:
        headers = login(client, "ann@example.kz")
        r = client.post("/packages", headers=headers, data=FORM,
                        files=[("files", ("Договор.pdf", make_pdf(CONTRACT), "application/pdf"))])
        assert r.status_code == 201
        yield app, headers, r.json()["id"]


def test_no_server_errors(running: tuple[FastAPI, dict[str, str], str]) -> None:
    app, headers, package_id = running
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case) -> None:  # type: ignore[no-untyped-def]
            if (case.path_parameters or {}).get("package_id") == "":
                case.path_parameters["package_id"] = package_id
            # signing out with the run's own token would leave every later operation unauthenticated
            response = case.call(headers={} if case.path == "/auth/logout" else headers)
            case.validate_response(response, checks=[not_a_server_error, status_code_conformance,
                                                    response_schema_conformance])

        run()
