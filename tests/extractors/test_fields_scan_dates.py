"""Dates of bad scans: a speck read as a point inside the day's quotes, a speck read as a letter before
the signing date alone on its line. The lines are what Tesseract made of 200 dpi bad scans."""

from __future__ import annotations

from datetime import date

from extractors.dates import find_dates
from extractors.fields import find_date
from extractors.textindex import DocText
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_doc


def doc(*lines: str) -> DocText:
    return ocr_doc(*lines, file="scan.pdf")


def test_a_point_inside_the_days_quotes() -> None:
    found = find_dates("г. Павлодар «31.» марта 2026 г.")
    assert [d.value for d in found] == [date(2026, 3, 31)]


def test_a_point_without_quotes_after_a_paragraph_number_is_no_day() -> None:
    assert find_dates("согласно п. 5. марта 2026") == []


def test_the_act_dated_with_a_point_inside_the_quotes() -> None:
    d = find_date(doc("АКТ ПРИЕМА-ПЕРЕДАЧИ ОБОРУДОВАНИЯ № АПП-839", "г. Павлодар «31.» марта 2026 г.",
                      "ТОО «Альфа» передает, а АО «Бета» принимает оборудование"), doc_type=DocType.act)
    assert d is not None and d.value == date(2026, 3, 31)


ROWS = tuple(f"{i} | Сведения о заявителе, строка {i} | АО «Бета»" for i in range(1, 15))
SIGNED = (*ROWS, "Прошу возместить часть затрат на приобретение оборудования согласно документам.",
          "Заявитель подтверждает достоверность представленных сведений и документов.",
          "Директор Касымов Р.Е.", "М.П. (при наличии)")


def test_a_speck_before_the_signing_date_alone_on_its_line() -> None:
    d = find_date(doc(*SIGNED, "е «10» августа 2026 года", "ЫЗ"), doc_type=DocType.other)
    assert d is not None and d.value == date(2026, 8, 10)


def test_a_period_start_alone_on_its_line_is_no_signing_date() -> None:
    assert find_date(doc(*SIGNED, "с 10.08.2026"), doc_type=DocType.other) is None


def test_the_law_an_egov_printouts_footer_cites_never_dates_it() -> None:
    """`… согласно пункту 1 статьи 7 ЗРК от 7 января 2003 года «Об электронном документе и электронной
    цифровой подписи»`: the law is cited by its abbreviation; the extract is dated in its head."""
    d = find_date(doc("eGov.kz | Электронное правительство Республики Казахстан 2026 жылғы 24 шілде",
                      "ВЫПИСКА", "из реестра казахстанских товаропроизводителей",
                      "Регистрационный номер записи | |", "Дата включения в реестр",
                      "Срок действия до 23.07.2027",
                      "Наименование товаропроизводителя | ТОО «Альфа»",
                      "БИН/ИИН 161140610934", *ROWS,
                      "Данный документ согласно пункту 1 статьи 7 ЗРК от 7 января 2003 года «Об электронном "
                      "документе и электронной цифровой подписи»",
                      "равнозначен документу на бумажном носителе."),
                  doc_type=DocType.ktp_extract)
    assert d is not None and d.value == date(2026, 7, 24)
