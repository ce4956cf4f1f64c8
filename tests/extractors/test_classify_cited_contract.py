"""A paper whose head lists the contract it rests on (`Договор № 954-ОУ/2024 от 11.10.2024`, a row of a
cost report under its heading `ОТЧЕТ`) is that paper, not the contract: a row citing a contract by number
and date under another kind's heading is a requisite. The lines are what Tesseract read from a photo of a
report whose `к Правилам` it damaged."""

from __future__ import annotations

from extractors.classify import classify, title_scores
from models.pages import Page
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

REPORT = ("Приложение 2", "а Прлим лам", "ОТЧЕТ", "Заявитель Акционерное общество *КагРаск Групп»",
          "БИН 160440118516", "Вид затрат Приобретение технологического оборудования",
          "Договор № 954-ОУ/2024 от 11.10.2024", "Контрагент ТОО «ПромТехСнаб Казахстан»",
          "№ Наименование документа Номер Дата Сумма", "1 Счет-фактура СФ-758 22.11.2024 21 909 790,95",
          "Итого затрат 21 909 790,95")
CONTRACT = ("ДОГОВОР № 954-ОУ/2024 от 11.10.2024", "купли-продажи оборудования", "г. Алматы",
            "ТОО «ПромТехСнаб Казахстан», именуемое в дальнейшем «Продавец», и АО «КагРаск Групп»",
            "1. Предмет договора")


def page(lines: tuple[str, ...]) -> Page:
    return ocr_page(*lines, file="Пакет документов.pdf", page=2, confidence=0.89)


def test_a_report_citing_its_contract_under_its_heading_is_the_report() -> None:
    assert DocType.contract not in title_scores(page(REPORT))
    assert classify([page(REPORT)])[0] == DocType.applicant_report


def test_a_contract_headed_by_its_number_and_date_is_a_contract() -> None:
    assert classify([page(CONTRACT)])[0] == DocType.contract
