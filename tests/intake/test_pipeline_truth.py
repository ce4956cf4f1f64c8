"""End to end against the generator's truth: packages with planted problems, real Tesseract on scans.

Each package mixes born-digital PDFs with 300 dpi scans and bad scans, so these tests read real rasters.
Every report is validated against the contract schema.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from fixtures.generate import generate_package
from intake.pipeline import PipelineConfig, check
from intake.report import to_json
from models.package import PackageRequest
from models.vocab import CostType

pytestmark = pytest.mark.ocr

# (scenario, cost type, application date, renderings): both sides of 2026-01-01, services and equipment
CASES: dict[str, tuple[str, str, date, dict[str, str]]] = {
    "complete": ("complete", "digital_equipment", date(2026, 5, 12),
                 {"*": "born_digital", "payment_order": "scan", "invoice": "bad_scan"}),
    "complete_before_2026": ("complete", "production_efficiency", date(2025, 9, 3),
                             {"*": "born_digital", "act": "scan"}),
    "missing_payment_order": ("missing_payment_order", "process_energy_audit", date(2026, 3, 2),
                              {"*": "born_digital", "contract": "scan"}),
    "payment_outside_window": ("payment_outside_window", "process_equipment", date(2026, 2, 16),
                               {"*": "born_digital", "payment_order": "bad_scan"}),
    "invalid_bin": ("invalid_bin", "staff_competence", date(2025, 11, 20),
                    {"*": "born_digital", "invoice": "scan"}),
    "corrupt_in_zip": ("corrupt_in_zip", "process_installation", date(2026, 4, 7),
                       {"*": "born_digital", "act": "bad_scan"}),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """name → (report JSON, truth); generated and checked once for the module."""
    root = tmp_path_factory.mktemp("packages")
    out: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for i, (name, (scenario, cost_type, day, renderings)) in enumerate(CASES.items()):
        pkg = generate_package(20250 + i, scenario, cost_type, day, root, renderings, index=i)
        truth = json.loads((pkg / "truth.json").read_text(encoding="utf-8"))
        req = truth["request"]
        request = PackageRequest(cost_type=CostType(req["cost_type"]),
                                 application_date=date.fromisoformat(req["application_date"]),
                                 applicant_bin=req["applicant_bin"])
        report = check([pkg / "files"], request, PipelineConfig())
        out[name] = (to_json(report), truth)
    return out


def _codes(report: dict[str, Any]) -> set[str]:
    return {f["code"] for f in report["findings"] if f["severity"] == "error"}


@pytest.mark.parametrize("name", list(CASES))
def test_report_validates_against_the_contract(results, validate_report, name: str) -> None:
    report, truth = results[name]
    validate_report(report)
    assert {f["name"] for f in report["files"]} == {f["name"] for f in truth["files"]}


@pytest.mark.parametrize("name", ["complete", "complete_before_2026"])
def test_complete_package_is_complete(results, name: str) -> None:
    report, truth = results[name]
    assert truth["expected"]["complete"] is True
    errors = [f["message"] for f in report["findings"] if f["severity"] == "error"]
    assert report["complete"] is True, errors
    version = "2026-01-01" if report["package"]["application_date"] >= "2026-01-01" else "2022-06-01"
    assert report["checklist"]["version"] == version


def test_missing_payment_order_is_named(results) -> None:
    report, _ = results["missing_payment_order"]
    assert report["complete"] is False
    missing = [f for f in report["findings"] if f["code"] == "missing_document"]
    assert [f["doc_type"] for f in missing] == ["payment_order"], [f["message"] for f in missing]
    assert "item 8(6)" in missing[0]["citation"]


def test_payment_outside_window_is_found(results) -> None:
    report, truth = results["payment_outside_window"]
    (planted,) = [f for f in truth["expected"]["findings"] if f["code"] == "payment_outside_window"]
    found = [f for f in report["findings"] if f["code"] == "payment_outside_window"]
    assert found, report["findings"]
    assert found[0]["severity"] == "error" and "p.14-1" in found[0]["citation"]
    assert found[0].get("file") == planted["file"]
    assert _codes(report) == {"payment_outside_window"}


def test_invalid_bin_is_found_on_the_right_document(results) -> None:
    report, truth = results["invalid_bin"]
    (planted,) = [f for f in truth["expected"]["findings"] if f["code"] == "invalid_bin"]
    found = [f for f in report["findings"] if f["code"] == "invalid_bin"]
    assert [f.get("file") for f in found] == [planted["file"]], found
    assert planted["bin"] in found[0]["message"]
    assert _codes(report) == {"invalid_bin"}


def test_corrupt_pdf_in_zip_is_a_file_error_and_the_rest_is_read(results) -> None:
    report, truth = results["corrupt_in_zip"]
    (bad,) = [f for f in truth["files"] if f["error"]]
    (reported,) = [f for f in report["files"] if f["name"] == bad["name"]]
    assert reported["error"]["code"] == "corrupt" and reported["error"]["message"]
    assert [f["file"] for f in report["findings"] if f["code"] == "rejected_file"] == [bad["name"]]
    truth_types = sorted(d["type"] for f in truth["files"] for d in f["documents"])
    assert sorted(d["type"] for d in report["documents"]) == truth_types
    assert _codes(report) == {"rejected_file"}
