"""The command line as the contract states it: arguments, exit codes, formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_pdf

APPLICANT = "940140000385"
LINES = [
    "ДОГОВОР № 77/2025 купли-продажи оборудования",
    "г. Астана «15» марта 2025 г.",
    f"ТОО «Каспий», БИН {APPLICANT}, именуемое в дальнейшем «Покупатель», и",
    "ТОО «Техника», БИН 971240001315, именуемое в дальнейшем «Поставщик», заключили договор.",
    "Общая стоимость Договора составляет 1 200 000,00 тенге.",
]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"INTAKE_DATA_DIR": str(cwd / "var"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "intake.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env=env)


@pytest.fixture()
def package(tmp_path: Path) -> Path:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "Договор.pdf").write_bytes(make_pdf(LINES))
    (pkg / "<img src=x onerror=alert(1)>.pdf").write_bytes(b"%PDF-1.4 truncated")
    return pkg


BASE = ["--cost-type", "digital_equipment", "--application-date", "2026-03-01", "--applicant-bin", APPLICANT]


@pytest.mark.parametrize(
    "args",
    [
        ["--cost-type", "space_travel", "--application-date", "2026-03-01", "--applicant-bin", APPLICANT],
        ["--cost-type", "digital_equipment", "--application-date", "01.03.2026",
         "--applicant-bin", APPLICANT],
        ["--cost-type", "digital_equipment", "--application-date", "2026-03-01", "--applicant-bin", "12345"],
        ["--cost-type", "digital_equipment", "--application-date", "2026-03-01",
         "--applicant-bin", "123456789021"],
    ],
)
def test_bad_invocation_exits_2(tmp_path: Path, package: Path, args: list[str]) -> None:
    result = run("check", str(package), *args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""


def test_no_input_exits_2(tmp_path: Path) -> None:
    result = run("check", *BASE, cwd=tmp_path)
    assert result.returncode == 2
    assert "не указан" in result.stderr


def test_json_report_validates_and_exit_code_follows_errors(tmp_path: Path, package: Path,
                                                           validate_report) -> None:
    result = run("check", str(package), *BASE, "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    validate_report(report)
    assert report["complete"] is False
    (contract,) = [d for d in report["documents"] if d["type"] == "contract"]
    assert contract["fields"]["number"]["value"] == "77/2025"
    assert contract["fields"]["date"]["value"] == "2025-03-15"
    assert contract["fields"]["total"] == {**contract["fields"]["total"], "amount": "1200000.00",
                                           "currency": "KZT"}
    roles = {(p["bin"], p["role"], p["position"]) for p in contract["fields"]["parties"]}
    assert roles == {(APPLICANT, "applicant", "buyer"), ("971240001315", "executor", "supplier")}
    bad = next(f for f in report["files"] if f["name"].startswith("<img"))
    assert bad["error"]["code"] == "corrupt"
    assert any(f["code"] == "rejected_file" and f.get("file") == bad["name"] for f in report["findings"])


def test_text_and_html_formats(tmp_path: Path, package: Path) -> None:
    text = run("check", str(package), *BASE, "--format", "text", cwd=tmp_path)
    assert text.returncode == 1
    assert "Перечень документов" in text.stdout and "Основание: прил. 5-1, п. 8(4)" in text.stdout
    out = tmp_path / "report.html"
    html = run("check", str(package), *BASE, "--format", "html", "--out", str(out), cwd=tmp_path)
    assert html.returncode == 1 and html.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page
