"""`recheck`: a JSON report back into the frozen models, checked again without reading pages."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from intake.pipeline import report_of
from intake.recheck import document_from_json, recheck
from intake.report import document_json, to_json
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.files import FileError, InputFile
from models.findings import Finding
from models.package import PackageRequest
from models.report import Report
from models.vocab import CostType, DocType, PageSource, Role, Severity

APPLICANT = "940140000385"
EXECUTOR = "971240001315"
ROOT = Path(__file__).resolve().parents[2]


def doc(i: str, t: DocType, day: date, total: str | None = None) -> Document:
    return Document(
        id=i, type=t, confidence=0.91, pages=(PageRef(file=f"{i}.pdf", page=1, source=PageSource.ocr),),
        fields=Fields(
            number=TextField(value=f"№{i}", file=f"{i}.pdf", page=1, bbox=(0.1, 0.1, 0.2, 0.12),
                             confidence=0.8),
            date=DateField(value=day, file=f"{i}.pdf", page=1, bbox=(0.3, 0.1, 0.4, 0.12), confidence=0.9),
            total=MoneyField(amount=Decimal(total), currency="KZT", file=f"{i}.pdf", page=1,
                             bbox=(0.5, 0.5, 0.7, 0.52), confidence=0.7) if total else None,
            parties=(Party(bin=APPLICANT, valid=True, role=Role.applicant, position="customer",
                           name="ТОО «А»", file=f"{i}.pdf", page=1, bbox=(0.1, 0.2, 0.3, 0.22),
                           confidence=1.0),
                     Party(bin=EXECUTOR, valid=True, role=Role.executor, position="executor")),
        ),
    )


@pytest.fixture()
def report() -> Report:
    request = PackageRequest(cost_type=CostType.process_energy_audit, application_date=date(2025, 9, 1),
                             applicant_bin=APPLICANT)
    docs = [doc("doc-1", DocType.contract, date(2025, 3, 3), "1120000.00"),
            doc("doc-2", DocType.act, date(2025, 4, 1), "1120000.00"),
            doc("doc-3", DocType.invoice, date(2025, 4, 1), "1120000.00"),
            doc("doc-4", DocType.payment_order, date(2025, 4, 3), "1120000.00")]
    files = [InputFile(name=f"{d.id}.pdf", sha256=f"{i:064x}", size=100, media_type="application/pdf",
                       pages=1) for i, d in enumerate(docs)]
    broken = FileError(code="corrupt", message="файл поврежден")
    files.append(InputFile(name="broken.pdf", sha256="f" * 64, size=5, error=broken))
    carried = (Finding(code="rejected_file", severity=Severity.error, message="Файл «broken.pdf» не принят",
                       citation="App.4 item 9", file="broken.pdf"),)
    return report_of(request, files, docs, carried)


def test_documents_round_trip(report: Report) -> None:
    for d in report.documents:
        assert document_from_json(json.loads(json.dumps(document_json(d)))) == d


def test_same_request_gives_the_same_report(report: Report, validate_report: Callable[[dict], None]) -> None:
    raw = json.loads(json.dumps(to_json(report)))
    validate_report(raw)
    again = recheck(raw)
    assert again == report
    assert to_json(again) == raw
    assert raw["reimbursement"]["amount"] == "448000.00" and raw["reimbursement"]["currency"] == "KZT"


def test_later_application_date_moves_the_window(
    report: Report, validate_report: Callable[[dict], None]
) -> None:
    raw = to_json(report)
    later = recheck(raw, application_date=date(2027, 5, 1))
    codes = [f.code for f in later.findings]
    assert codes.count("payment_outside_window") == 2  # act and payment (p.14)
    assert later.checklist.version == "2026-01-01" and "ktp_extract" in {
        f.doc_type for f in later.findings if f.code == "missing_document"}
    validate_report(json.loads(json.dumps(to_json(later))))


def test_carried_file_findings_are_recited(report: Report) -> None:
    raw = to_json(report)
    other = recheck(raw, cost_type=CostType.staff_competence)
    (rej,) = [f for f in other.findings if f.code == "rejected_file"]
    assert rej.citation == "App.3 item 9" and rej.file == "broken.pdf"


def test_not_a_report_is_refused() -> None:
    with pytest.raises(ValueError):
        recheck({"schema": "other"})


def test_cli_recheck(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
    env = {"INTAKE_DATA_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "intake.cli", "recheck", str(path), *args], env=env,
                              capture_output=True, text=True, cwd=ROOT, timeout=120)

    out = run("--application-date", "2027-05-01", "--format", "text")
    assert out.returncode == 1 and "payment_outside_window" in out.stdout
    assert "Сумма к возмещению" in out.stdout
    assert run("--application-date", "2027-13-01").returncode == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert subprocess.run([sys.executable, "-m", "intake.cli", "recheck", str(bad)], env=env, cwd=ROOT,
                          capture_output=True, timeout=120).returncode == 2
