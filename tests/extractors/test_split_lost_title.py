"""A paper whose title a bad scan lost, merged after a paper of another kind in one file: its own wording
tells its kind (a technical passport's factory number, date of manufacture and technical characteristics
after a waybill), and it opens a paper of its own. A tax statement whose heading was cut off is told by
its table's `Уплачено налогов и платежей в бюджет`."""

from __future__ import annotations

from extractors.classify import classify
from extractors.split import split_file
from models.pages import Page, Word
from models.vocab import DocType, PageSource

WAYBILL = ("НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ",
           "Номер документа РН-00094313 Дата составления 24.03.2026",
           "Организация (индивидуальный предприниматель) - отправитель ТОО «Аддитивные технологии»",
           "Организация - получатель ТОО «Тау Кен Сервис»", "Отпустил Получил", "Итого 10 923 853,25")
PASSPORT = ("` Seiko Epson Corp. |", "Широкоформатный плоттер-принтер со сканированием",
            "Заводской номер 268355050", "Дата изготовления 17.10.2025 ЕЕ; қ", "Страна производства Япония",
            "1. Основные технические характеристики", "Разрешение печати 2400 x 1200 dpi",
            "2.Гарантийные обязательства", "Изготовитель гарантирует соответствие изделия требованиям "
            "технической документации в течение 24 месяцев с ввода в эксплуатацию.",
            "3. Свидетельство о приемке ¥ wa 5", "Изделие Широкоформатный плоттер-принтер со сканированием и "
            "копированием, заводской № 268355050, изготовлено и принято в соответствии с техническими "
            "условиями и признано годным для эксплуатации.", "Дата Sis OTK мп")
TAX = ("11.07.2026", "Выдана: Индивидуальный предприниматель Тлеубаев К. С., ИИН 950122397132",
       "Год |Уплачено налогов и платежей в бюджет, тенге", "2023 28 173 976,45", "2024 58 985 743,11",
       "Итого 87 159 719,56", "Код документа: 260727025059 Дата получения: 11.07.2026")


def page(lines: tuple[str, ...], number: int, file: str = "Scan_3455.tif") -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.8, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file=file, page=number, source=PageSource.ocr, words=tuple(words))


def test_a_technical_passport_without_its_title_after_a_waybill_is_a_paper_of_its_own() -> None:
    groups = split_file([page(WAYBILL, 1), page(PASSPORT, 2)])
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert classify(groups[1])[0] == DocType.technical_passport


def test_a_page_with_the_running_kinds_wording_or_too_little_wording_opens_nothing() -> None:
    # the waybill's own second page: its wording is the running kind's
    rest = ("Организация - получатель ТОО «Тау Кен Сервис»", "Отпустил Получил", "Итого 10 923 853,25",
            "Заводской номер 268355050", "Дата изготовления 17.10.2025")
    assert [[p.page for p in g] for g in split_file([page(WAYBILL, 1), page(rest, 2)])] == [[1, 2]]
    # a page that reads a kind too weakly to tell it (one label of a passport)
    thin = ("Заводской номер 268355050", "Подпись")
    assert [[p.page for p in g] for g in split_file([page(WAYBILL, 1), page(thin, 2)])] == [[1, 2]]


def test_a_tax_statement_whose_heading_was_cut_off_reads_as_one() -> None:
    assert classify([page(TAX, 1, "Справка.jpg")])[0] == DocType.tax_statement
