"""A defect of a field reader on one document costs that document's fields, not the package's report."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest

import intake.pipeline as pipeline
from fixtures.generate import generate_package
from intake.pipeline import PipelineConfig, check
from intake.report import to_json
from models.documents import Document
from models.package import PackageRequest
from models.pages import Page
from models.vocab import CostType, DocType


def test_a_reader_failing_on_one_document_leaves_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, validate_report
) -> None:
    pkg = generate_package(7301, "complete", "process_installation", date(2026, 4, 7), tmp_path,
                           {"*": "born_digital", "photo": "born_digital"}, packaging="flat")
    req = json.loads((pkg / "truth.json").read_text(encoding="utf-8"))["request"]
    request = PackageRequest(cost_type=CostType(req["cost_type"]),
                             application_date=date.fromisoformat(req["application_date"]),
                             applicant_bin=req["applicant_bin"])
    real = pipeline.extract_fields

    def failing_on_payments(doc: Document, pages: list[Page], applicant_bin: str | None = None) -> Document:
        if doc.type == DocType.payment_order:
            raise ValueError("min() arg is an empty sequence")  # the fault: a reader's defect
        return real(doc, pages, applicant_bin)

    monkeypatch.setattr(pipeline, "extract_fields", failing_on_payments)
    with caplog.at_level(logging.ERROR, logger="intake.pipeline"):
        report = to_json(check([pkg / "files"], request, PipelineConfig()))
    validate_report(report)
    by_type: dict[str, list[dict]] = {}
    for d in report["documents"]:
        by_type.setdefault(d["type"], []).append(d)
    assert by_type["payment_order"], "the payment orders are still typed and listed"
    assert all(not d["fields"].get("total") for d in by_type["payment_order"])
    assert by_type["contract"][0]["fields"]["total"]["amount"]
    assert by_type["act"][0]["fields"]["number"]["value"]
    failed = [r for r in caplog.records if r.getMessage().startswith("fields failed")]
    assert len(failed) == len(by_type["payment_order"])
    assert "type=payment_order" in failed[0].getMessage() and failed[0].exc_info is not None
