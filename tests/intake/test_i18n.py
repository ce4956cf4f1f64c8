"""Russian and Kazakh: every message of the code, templates, scripts and data is in both catalogues with
its placeholders; the reports (text, HTML, PDF) and the API's errors speak the language asked for."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from checklists.names import COST_TYPE_NAMES, DOC_TYPE_NAMES
from fixtures.generate import generate_package
from intake import i18n
from intake.i18n_extract import checklist_titles, messages, refresh, rule_messages
from intake.pipeline import check
from intake.render_html import render_html
from intake.render_text import render_text
from intake.service.app import create_app
from models.package import PackageRequest
from models.report import Report
from tests.review_support import make_settings

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(([a-z_0-9]+)(?:\.[a-z]+)?\)s|(%%)")
"""A placeholder by its name (`%(doc.abl)s`: the Kazakh case asked of `doc` is the language's own)."""
SAME_IN_BOTH = {"%(kb)s КБ", "Файл", "Лимит", "Лимит, ₸", "Валюта", "оператор", "кран"}
"""Messages whose Kazakh is spelled as the Russian."""


def _catalog(lang: str) -> dict[str, str]:
    with (ROOT / "intake" / i18n.po_path(lang)).open("rb") as f:  # type: ignore[arg-type]
        return {m.id: m.string for m in read_po(f, locale=lang) if m.id}


def test_every_message_is_in_both_languages() -> None:
    assert refresh(check=True) == []
    wanted = set(messages())
    assert len(wanted) > 250
    ru, kk = _catalog("ru"), _catalog("kk")
    assert set(ru) == set(kk) == wanted
    for msgid in wanted:
        assert ru[msgid] == msgid
        assert kk[msgid], msgid
        assert sorted(PLACEHOLDER.findall(kk[msgid])) == sorted(PLACEHOLDER.findall(msgid)), msgid
        assert kk[msgid] != msgid or msgid in SAME_IN_BOTH or not re.search("[А-Яа-я]", msgid), msgid


def test_every_finding_message_is_in_both_languages() -> None:
    found = rule_messages()
    assert len(found) > 100
    ru, kk = _catalog("ru"), _catalog("kk")
    for msgid in found:
        assert ru[msgid] == msgid and kk[msgid], msgid
        assert sorted(PLACEHOLDER.findall(kk[msgid])) == sorted(PLACEHOLDER.findall(msgid)), msgid


def test_kazakh_case_endings() -> None:
    from checklists.wording import kk_case

    assert kk_case("шарт", "abl") == "шарттан"
    assert kk_case("төлем тапсырмасы", "gen") == "төлем тапсырмасының"
    assert kk_case("өтінім (Қағидаларға 1-қосымша)", "dat") == "өтінімге (Қағидаларға 1-қосымша)"
    assert kk_case("шот-фактура", "loc") == "шот-фактурада"
    assert kk_case("қабылдау-беру актісі", "acc") == "қабылдау-беру актісін"


RUSSIAN_ONLY = re.compile(r"отсутствует|платежное поручение|платежного поручения|договор|заявк|"
                          r"документ[аеу]?\b|счет|не найден|Нет документа|Файл «", re.IGNORECASE)
"""Russian words that have no place in a Kazakh finding (names and quotes from documents aside)."""


def test_findings_in_kazakh(report: Report) -> None:
    from intake.report import finding_from_json, finding_json

    assert report.findings and all(f.text is not None for f in report.findings)
    for f in report.findings:
        assert f.text is not None
        assert i18n.finding_message(f, "ru") == i18n.render(f.text, "ru") == f.message
        kk = i18n.finding_message(f, "kk")
        assert kk != f.message and not RUSSIAN_ONLY.search(re.sub(r"«[^»]*»", "", kk)), kk
        stored = finding_json(f)
        assert stored["message"] == f.message and stored["message_kk"] == kk
        assert i18n.finding_message(finding_from_json(json.loads(json.dumps(stored))), "kk") == kk
    text_kk, text_ru = render_text(report, lang="kk"), render_text(report, lang="ru")
    html_kk = render_html(report, lang="kk")
    for f in report.findings:
        assert f.message.rstrip(". ") in text_ru and f.message.rstrip(". ") not in text_kk
        assert i18n.finding_message(f, "kk").rstrip(". ") in text_kk
    missing = next(f for f in report.findings if f.code == "missing_document")
    assert missing.message.startswith("Нет документа: ")
    assert i18n.finding_message(missing, "kk").startswith("Құжат жоқ: ")
    assert "Құжат жоқ" in html_kk and "Нет документа" not in html_kk


def test_checklist_titles_and_names_are_translated() -> None:
    titles = checklist_titles()
    assert len(titles) >= 30
    for text in [*titles, *DOC_TYPE_NAMES.values(), *COST_TYPE_NAMES.values()]:
        kk = i18n.gettext("kk", text)
        assert kk != text and i18n.gettext("ru", text) == text
    assert i18n.gettext("kk", DOC_TYPE_NAMES[next(iter(DOC_TYPE_NAMES))]) == "шарт"


def test_accept_language_negotiation() -> None:
    assert i18n.negotiate("kk-KZ,kk;q=0.9,ru;q=0.8") == "kk"
    assert i18n.negotiate("ru-RU,ru;q=0.9,kk;q=0.8") == "ru"
    assert i18n.negotiate("en-US,ru;q=0.3,kk;q=0.7") == "kk"
    assert i18n.negotiate("kk;q=0,ru") == "ru"
    assert i18n.negotiate("en-US") is None and i18n.negotiate(None) is None
    assert i18n.parse_lang("kz") == "kk" and i18n.parse_lang("ru_RU") == "ru"
    assert i18n.parse_lang("de") is None


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = generate_package(4, "missing_payment_order", "digital_equipment", date(2026, 3, 2),
                              tmp_path_factory.mktemp("gen"), {"*": "born_digital", "photo": "born_digital"},
                              packaging="flat")
    req = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["request"]
    return check(sorted((folder / "files").iterdir()), PackageRequest.model_validate(req))


def test_text_report_in_kazakh(report: Report) -> None:
    kk, ru = render_text(report, lang="kk"), render_text(report, lang="ru")
    assert kk.startswith("Құжаттар топтамасының жинақтылығын тексеру\n")
    assert ru.startswith("Проверка комплектности пакета документов\n")
    assert "Қорытынды: топтама толық жинақталМАҒАН" in kk and "Итог: пакет НЕ комплектен" in ru
    assert i18n.gettext("kk", report.marks[0].title) in kk
    kk_lines, ru_lines = kk.splitlines(), ru.splitlines()
    assert len(kk_lines) == len(ru_lines)
    chrome = [(k, r) for k, r in zip(kk_lines, ru_lines, strict=True) if r and not r.startswith("  ")]
    assert len(chrome) >= 6 and all(k != r for k, r in chrome), chrome


def test_html_and_pdf_reports_in_kazakh(report: Report) -> None:
    html = render_html(report, lang="kk")
    assert '<html lang="kk">' in html and "Құжаттар тізбесі" in html and "Перечень документов" not in html
    for m in report.marks:
        assert i18n.gettext("kk", m.title) in html
    for d in report.documents:
        assert i18n.gettext("kk", DOC_TYPE_NAMES[d.type]) in html
    from intake.render_pdf import render_pdf

    pdf = render_pdf(report, lang="kk")
    assert pdf.startswith(b"%PDF")
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = doc.pages[0].extract_text() or ""
    assert "Құжаттар топтамасының жинақтылығы туралы есеп" in text.replace("\n", " ")


def test_api_errors_follow_accept_language(tmp_path: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path / "var"))) as client:
        bad: dict[str, Any] = {"username": "ann@example.kz", "password": "wrong"}
        kk = client.post("/auth/token", data=bad, headers={"Accept-Language": "kk-KZ"})
        ru = client.post("/auth/token", data=bad, headers={"Accept-Language": "ru-RU"})
        plain = client.post("/auth/token", data=bad)
        assert kk.status_code == ru.status_code == 401
        assert kk.json() == {"code": "unauthorized", "detail": "E-mail немесе құпиясөз дұрыс емес."}
        assert ru.json()["detail"] == plain.json()["detail"] == "Неверный e-mail или пароль."
        anon = client.get("/packages", headers={"Accept-Language": "kk"})
        assert anon.json()["detail"] == "Кіру қажет: токен жоқ немесе оның мерзімі өтті."
        # a message with values is translated, then filled
        ann = {"Authorization": "Bearer " + client.post("/auth/token", data={
            "username": "ann@example.kz", "password": "secret-123"}).json()["access_token"]}
        many = [("files", (f"{i}.pdf", b"%PDF-1.4", "application/pdf")) for i in range(201)]
        form = {"cost_type": "digital_equipment", "application_date": "2026-03-01",
                "applicant_bin": "940140000385"}
        kk_big = client.post("/packages", headers={**ann, "Accept-Language": "kk"}, data=form, files=many)
        ru_big = client.post("/packages", headers=ann, data=form, files=many)
        assert kk_big.status_code == ru_big.status_code == 413
        assert kk_big.json() == {"code": "too_large", "detail": "Топтамада 200 файлдан артық болмауы керек."}
        assert ru_big.json()["detail"] == "Не более 200 файлов в пакете."


def test_cli_lang(report: Report, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from intake.cli import main
    from intake.report import to_json

    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
    kk = CliRunner().invoke(main, ["recheck", str(saved), "--format", "text", "--lang", "kk"])
    ru = CliRunner().invoke(main, ["recheck", str(saved), "--format", "text"])
    assert kk.exit_code == ru.exit_code == 1
    assert kk.output.startswith("Құжаттар топтамасының жинақтылығын тексеру\n")
    assert ru.output.startswith("Проверка комплектности пакета документов\n")
    html = CliRunner().invoke(main, ["recheck", str(saved), "--format", "html", "--lang", "kk"])
    assert '<html lang="kk">' in html.output
    bad = CliRunner().invoke(main, ["recheck", str(saved), "--lang", "en"])
    assert bad.exit_code == 2


def test_decision_letter_cites_findings_in_the_readers_language(report: Report) -> None:
    from datetime import UTC, datetime

    from markupsafe import escape

    from intake.decision_letter import LetterFacts, letter_html
    from intake.report import FindingOut
    from intake.web.views import FindingView

    views = []
    for i, f in enumerate(report.findings):
        out = FindingOut.of(f)
        views.append(FindingView(key=str(i), code=f.code, severity=f.severity.value, message=out.message,
                                 message_kk=out.message_kk, citation=f.citation, evidence=None,
                                 resolution=None, comment=None))
    pkg = report.package
    facts = LetterFacts(package_id="p-1", cost_type=pkg.cost_type.value,
                        application_date=pkg.application_date, applicant_bin=pkg.applicant_bin,
                        company=None, outcome="rejected", amount=None, comment="",
                        decided_at=datetime(2026, 4, 1, tzinfo=UTC), officer=None, findings=views)
    kk, ru = letter_html(facts, "kk"), letter_html(facts, "ru")
    cited = [v for v in views if v.severity == "error"]
    assert cited
    for v in cited:
        assert v.message_kk and str(escape(v.message_kk)) in kk and str(escape(v.message)) not in kk
        assert str(escape(v.message)) in ru and v.text("ru") == v.message and v.text("kk") == v.message_kk


def test_file_errors_with_values_in_kazakh() -> None:
    import io
    import zipfile

    import pypdfium2 as pdfium

    from intake.files import load_blobs
    from intake.findings import file_findings
    from intake.limits import Limits
    from intake.report import InputFileOut
    from models.vocab import CostType

    pdf = pdfium.PdfDocument.new()
    for _ in range(3):
        pdf.new_page(200, 200)
    raw = io.BytesIO()
    pdf.save(raw)

    def zipped(name: str, data: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr(name, data)
        return out.getvalue()

    nested = zipped("inner.zip", zipped("a.pdf", raw.getvalue()))
    files = load_blobs([("big.pdf", raw.getvalue()), ("n.zip", nested)],
                       Limits(max_pages_per_file=2, max_archive_depth=1))
    errors = {f.meta.error.code: f.meta.error for f in files if f.meta.error}
    big, deep = errors["too_large"], errors["archive_bomb"]
    assert big.message == "В файле 3 страниц, допускается не более 2. Разделите файл."
    assert i18n.file_error_message(big, "kk") == "Файлда 3 бет бар, 2 беттен аспауы керек. Файлды бөліңіз."
    assert deep.message == "Архив вложен слишком глубоко (более 1 уровней); он не обработан."
    assert i18n.file_error_message(deep, "kk") == (
        "Архив тым терең салынған (1 деңгейден артық); ол өңделмеді.")
    meta = next(f.meta for f in files if f.meta.error == big)
    stored = InputFileOut.model_validate(json.loads(InputFileOut.of(meta).model_dump_json())).input_file()
    assert stored.error == big
    kk = [i18n.finding_message(f, "kk") for f in file_findings(files, CostType.digital_equipment)]
    assert "«big.pdf» файлы қабылданбады: Файлда 3 бет бар, 2 беттен аспауы керек. Файлды бөліңіз." in kk
