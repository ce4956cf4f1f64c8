"""Renderings for people: text, HTML (escaped, findings grouped by severity) and PDF (WeasyPrint)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from intake.pipeline import report_of
from intake.render_html import render_html
from intake.render_text import render_text
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.files import InputFile
from models.findings import Finding
from models.package import PackageRequest
from models.report import Report
from models.vocab import CostType, DocType, Role, Severity

APPLICANT = "940140000385"


def doc(i: str, t: DocType, total: str | None, day: date = date(2025, 4, 1)) -> Document:
    return Document(
        id=i, type=t, confidence=0.9, pages=(PageRef(file=f"<b>{i}</b>.pdf", page=2),),
        fields=Fields(number=TextField(value=i), date=DateField(value=day),
                      total=MoneyField(amount=Decimal(total), currency="KZT") if total else None,
                      parties=(Party(bin=APPLICANT, valid=True, role=Role.applicant),)),
    )


@pytest.fixture()
def report() -> Report:
    request = PackageRequest(cost_type=CostType.process_installation, application_date=date(2025, 9, 1),
                             applicant_bin=APPLICANT)
    docs = [doc("c", DocType.contract, "40000000.00", date(2025, 3, 1)), doc("a", DocType.act, "40000000.00"),
            doc("p", DocType.payment_order, "39000000.00")]
    carried = (Finding(code="unreadable_document", severity=Severity.warning, citation="App.4 item 9",
                       message="Файл «<script>», стр. 3: на странице не найден текст.", file="<script>",
                       page=3),)
    return report_of(request, [InputFile(name="x.pdf", sha256="0" * 64, size=1, pages=1)], docs, carried)


def test_text_shows_arithmetic(report: Report) -> None:
    text = render_text(report)
    assert "Сумма к возмещению (расчет): 12000000.00 KZT" in text
    assert "40 % = 15600000.00 KZT" in text and "применен лимит" in text
    assert "[amount_mismatch]" in text and "[cap_exceeded]" in text


def test_html_groups_findings_and_escapes(report: Report) -> None:
    html = render_html(report)
    errors, warnings = html.index("Ошибки ("), html.index("Требуют внимания (")
    assert errors < warnings < html.index("Сумма к возмещению (расчет)") < html.index("<h2>Документы")
    assert html.index("Перечень документов") < errors
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;c&lt;/b&gt;.pdf" in html
    assert "12 000 000,00 KZT" in html and "Где: &lt;script&gt;, с. 3" in html


def test_pdf_renders_pages(report: Report, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from intake.render_pdf import render_pdf

    data = render_pdf(report)
    assert data.startswith(b"%PDF-")
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Отчет о комплектности" in text and "Основание" in text and "К возмещению" in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "pg")], check=True)
        assert list(tmp_path.glob("pg-*.png"))
