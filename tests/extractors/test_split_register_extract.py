"""A register extract whose heading a phone photo lost, photographed after the cost report in one file:
the record's own rows tell it (`Наименование товаропроизводителя`, `Дата включения в реестр` whose first
word the photo damaged), and it opens a paper of its own. The lines are what Tesseract read."""

from __future__ import annotations

from extractors.classify import classify
from extractors.split import split_file
from models.pages import Page
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

REPORT = ("Приложение 2", "ОТЧЕТ", "о понесенных затратах ТОО «EcoLine Astana-2» (БИН 091140725527)",
          "№ Документ Номер Дата Контрагент Сумма, тенге",
          "1 | Договор KZ-2026- 14.07.2026 | AO «Kaizen Management",
          "7740 Казахстан»", "6 452 396,71", "ИТОГО затрат 6 452 396,71",
          "Сумма к возмещению (40 %): 2 580 958,68 тенге.", "Руководитель Исмаилов К. Е.",
          "Дата составления отчета: 01.11.2026")
EXTRACT = ("№ К2-2026-55325", "г. Астана 07.10.2026", "\"Наименование | оварищество с ограниченной",
           "1 товаропроизводителя oe ответственностью «EcoLine Astana-2»", "_ TBI | — 1691146725527",
           "\"Юридический адрес |! 090340, Западно-Казахстанская обл. г.",
           "| | | Уральск, пр. Республики, д. 290",
           "‚ Руководитель", "Код OKSA", "| Вид деятельности", "“Исмаилов Канат Ерланович", "720166",
           "| Производство (обрабатывающая", "промышленность}", "ЕДІ включения в реестр 04.09.2025",
           "( Статус Действующий", "Директор ТОО «EcoLine Astana-2» Исмаилов К. Е.", "Страница 1 из 1")


def page(lines: tuple[str, ...], number: int) -> Page:
    return ocr_page(*lines, file="Заявка на возмещение и др.pdf", page=number, confidence=0.77)


def test_a_register_extract_without_its_heading_after_the_report_is_a_paper_of_its_own() -> None:
    groups = split_file([page(REPORT, 1), page(EXTRACT, 2)])
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert classify(groups[1])[0] == DocType.ktp_extract


def test_a_row_naming_another_date_of_the_register_is_no_such_label() -> None:
    # only a short damaged word before `включения`: a sentence about inclusion reads nothing of it
    text = ("Поставщик обязуется подать заявление для включения в реестр до 01.09.2025",)
    assert classify([page(text, 1)])[0] != DocType.ktp_extract
