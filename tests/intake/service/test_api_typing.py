"""The OpenAPI document types every route: named operation ids, a response model for every success,
every error answer documented as `ErrorOut` (with its machine-readable `code`), the report as the
contract's JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fixtures.generate import generate_package
from intake.pipeline import check
from intake.report import ReportOut, to_json
from intake.service.app import create_app
from intake.settings import Settings
from models.package import PackageRequest

NAMED = {"login", "create_package", "list_packages", "get_package", "get_report", "get_report_html",
         "get_report_pdf", "get_original", "add_files", "recheck", "page_image", "page_words", "correct_type",
         "correct_field", "correct_role", "resolve_finding", "decide", "audit_trail", "officer_queue",
         "quarterly_xlsx"}
"""Operation ids are the route functions' names: what generated clients call."""
PUBLIC = {"login", "healthz", "readyz", "prometheus"}
"""Operations anyone may call."""
BINARY = {"application/pdf", "image/png", "application/octet-stream", "text/html", "text/plain",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("var")))
    spec = app.openapi()
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) and set(ids) >= NAMED, sorted(ids)
    return spec


def test_every_operation_is_named_and_typed(doc: dict[str, Any]) -> None:
    ops = {op["operationId"]: op for path in doc["paths"].values() for op in path.values()}
    assert len(ops) >= 20
    for name, op in ops.items():
        ok = [s for s in op["responses"] if s.startswith("2")]
        assert ok, name
        for status in ok:
            content = op["responses"][status].get("content") or {}
            if status == "204":  # No Content: no body to type
                assert not content, (name, status, content)
                continue
            json_schema = (content.get("application/json") or {}).get("schema") or {}
            assert json_schema or set(content) & BINARY, (name, status, content)
        errors = [s for s in op["responses"] if s[0] in "45"]
        assert "401" in errors or name in PUBLIC, name
        for status in errors if name != "readyz" else ():
            schema = op["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (name, status)
    assert set(doc["components"]["schemas"]["ErrorOut"]["required"]) == {"code", "detail"}
    login = ops["login"]["responses"]["401"]
    assert "WWW-Authenticate" in login["headers"]
    for name in ("get_report", "correct_type", "correct_field", "correct_role"):
        schema = ops[name]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ReportOut"}, name
    for name in ("list_packages", "officer_queue"):
        params = {p["name"] for p in ops[name]["parameters"]}
        assert {"offset", "limit", "sort"} <= params, name
    assert {"offset", "limit", "order"} <= {p["name"] for p in ops["audit_trail"]["parameters"]}


def test_a_report_goes_through_the_wire_model_unchanged(tmp_path: Path, validate_report: Any) -> None:
    folder = generate_package(3, "invalid_bin", "digital_equipment", date(2026, 3, 2), tmp_path,
                              {"*": "born_digital"}, packaging="flat")
    req = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["request"]
    report = check(sorted((folder / "files").iterdir()), PackageRequest.model_validate(req))
    body = to_json(report)
    wire = ReportOut.model_validate(body).model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert wire == json.loads(json.dumps(body))
    assert any(f["severity"] == "error" for f in wire["findings"]) and wire["documents"]
    validate_report(wire)
