"""Numbers and dates of bad scans and phone photos whose marks OCR damaged. The lines are what Tesseract
made of such pages; the truth is what the papers print."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.dates import find_dates
from extractors.fields import find_date, find_number
from extractors.textindex import DocText
from models.pages import Page, Word
from models.vocab import DocType, PageSource
from tests.extractors.ocr_lines import ocr_page


def test_a_passports_serial_whose_sn_a_bad_scan_read_as_5m() -> None:
    number = find_number(DocText([ocr_page(
        "Haitian international", "ПАСПОРТ", "Термопластавтомат МА 2500/1000", "1. ОБЩИЕ СВЕДЕНИЯ",
        "Модель МА 2500/1000", "Заводской (серийный) номер 5М202594828", "Дата изготовления 23.09.2025")]),
        DocType.technical_passport)
    assert number is not None and number.value == "SN202594828"


def test_a_serial_printed_with_an_sm_prefix_stays_as_printed() -> None:
    number = find_number(DocText([ocr_page(
        "ПАСПОРТ", "Заводской номер SM2024158431", "Дата изготовления 23.09.2025")]),
        DocType.technical_passport)
    assert number is not None and number.value == "SM2024158431"


def test_the_order_cited_in_a_forms_corner_after_a_margins_specks_is_no_number() -> None:
    """The corner's last line opens with specks read as a word; the number is the header table's."""
    number = find_number(DocText([ocr_page(
        "аланы Приложение 26", "к приказу Министра финансов", "Республики Казахстан",
        "ыбымыны от 20 декабря 2012 года № 562",
        "ey Организация (индивидуальный предприниматель) ТОО «ИндустрияСнаб-2» Форма 3-2",
        "ee Чо р документа Дата составления", "735 19 февраля 2026 г.",
        "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА С ОРОНУ")]), DocType.waybill)
    assert number is not None and number.value == "735"


def test_an_iin_whose_first_digits_a_bad_scan_read_as_a_hash_is_no_number() -> None:
    """A contract whose heading the scan lost: the `#` after `ИИН` is the IIN's damaged head, not `№`."""
    number = find_number(DocText([ocr_page(
        "г. Астама", "Поставки оборудования", "«10% mom 2025 г.",
        "Акционерное общество «Есо те Astana». в ug Председателя Правление",
        "Устава, именуемое е aameriiney «Покупатель», с одиюй стороны, и Индивидуальный",
        "предпризюсеатель Исмаилов Домияр Кайратович (<30 Lab Kazakintan>) (ИИН",
        "#0319337097;. действующий из осшжаним узедомясмыин о ночале деятельности &")]), DocType.contract)
    assert number is None or number.value != "0319337097"


def test_a_date_glued_to_its_from_is_read() -> None:
    """`от7 июл 2025г.`: the scan lost the space after `от` and the month's last letter."""
    assert [d.value for d in find_dates("Счет на оплату № 474 от7 июл 2025г.")] == [date(2025, 7, 7)]
    assert find_dates("ответ7 июля 2025") == []


def test_a_days_closing_quote_read_after_the_month() -> None:
    assert [d.value for d in find_dates("Дата «10. ноября» 2026”.")] == [date(2026, 11, 10)]


def test_a_reports_date_whose_label_lost_its_first_word() -> None:
    found = find_date(DocText([ocr_page(
        "Приложение 2", "ОТЧЕТ", "о понесенных затратах ТОО «Көкжиек» (БИН 080140682901)",
        "1 | Договор ДП-2025/45 0707.2025 |ИП «Lean Academy Kazakhstan»",
        "2 Платежное поручение 775 09.07.2025 ИП eLean Academy Kazakhstan»",
        "Руководитель Ахметов К.Б. Главный бухгалтер", "fata составления отчета: 07.04.2026",
        "Нургэлмева С. Е.")]), doc_type=DocType.applicant_report)
    assert found is not None and found.value == date(2026, 4, 7)


def test_an_orders_number_sign_a_photo_read_as_ko() -> None:
    number = find_number(DocText([ocr_page(
        "«Көкжиек Құрылыс Групп» жауапкершілігі шектеулі серіктестігі", "БИН 020940344056", "БҰЙРЫҚ",
        "2024 жылғы 28 тамыз Ко 316-П", "Біліктілікті арттыру мақсатында оқуға жіберілсін:")]), DocType.order)
    assert number is not None and number.value == "316-П"


def test_a_code_cited_at_length_gives_no_number_nor_date_to_a_contract_whose_heading_a_photo_lost() -> None:
    text = DocText([ocr_page(
        "ол", "С «11» мая 2026 г.", "зе ее «Ақын да рить. в лице Председателя Правления Сернковой",
        "| Maparotiing (БИМ. 60940879623), действующего на основании Устава. именуемое в",
        "5.2. Bo өсем, что не предусмотрено Договором, Стороны руководствуются Законом Республики",
        "Казахстан от 26 мюля 2016 года № ИМ 43 платежах и платежных системах»:",
        "Предприяимательсхим кодексом Республики Казахстан от 29 октября 2015 года № 375-У; Законом",
        "‘Республики Қазахстан өт 27 декабря 2021 года № 86-УИ «О промьввленной политике».")])
    number = find_number(text, DocType.contract)
    assert number is None or number.value != "375-У"
    found = find_date(text, number, DocType.contract)
    assert found is not None and found.value == date(2026, 5, 11)


def test_an_annex_cited_in_brackets_with_its_word_damaged_numbers_no_contract() -> None:
    number = find_number(DocText([ocr_page(
        "г. Астама", "Поставки оборудования", "«10% mom 2025 г.",
        "Акционерное общество «Есо те Astana». в ug Председателя Правление",
        "1. ПРЕДМЕТ ДОГОВОРА",
        "12. Нанмемованые, соличестто, техмические характеристньым и стоммость указены в",
        "Сиецификации (Прилююжение № 1), палюомейся поотъемлемий честью Договора.")]), DocType.contract)
    assert number is None or number.value != "1"


def test_the_date_of_the_order_a_forms_corner_cites_over_three_lines_is_no_date_of_the_act() -> None:
    """An act whose header table a photo garbled: the corner's order date is no candidate."""
    found = find_date(DocText([ocr_page(
        "Приложение 50", "к приказу Министра финансов", "Республики Казахстан",
        "от 20 декабря 2012 года № 562",
        "Форма Р-1", "Заказчик Товарищество с ограниченной ответственностью", "Номер _ Дата",
        "АВКУ 6958 с96794269Мя", "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)“")]), doc_type=DocType.act)
    assert found is None or found.value != date(2012, 12, 20)


def test_a_month_whose_stem_and_ending_a_photo_each_damaged_once() -> None:
    """`сентибри`: `сентября` with its `я` twice read as `и` (the stem one letter off, the ending another)."""
    assert [d.value for d in find_dates("| «04» сентибри 2024 г,")] == [date(2024, 9, 4)]
    assert find_dates("«04» сентиментальный 2024 г.") == []


def test_a_speck_by_a_register_extracts_heading_read_as_a_one_digit_number() -> None:
    """`ВЫПИСКА … №4`: the register's labelled number, its value read lines later (the label column read
    before the value column, the value on the label's row of the page), is the extract's."""
    rows = [("eGov, kz | Электронное правительство Республики Казахстан", 0.05, 0.05),
            ("5 4% $ 22%: ВЫПИСКА 3 ¢ awe №4 Ж", 0.07, 0.05),
            ("из реестра казахстанских товаропроизводителей", 0.09, 0.05),
            ("Регистрационный номер записи |", 0.15, 0.05), ("Дата включения в реестр", 0.17, 0.05),
            ("ТП-09/26/017453", 0.15, 0.42), ("13.08.2026", 0.17, 0.42)]
    words = tuple(Word(text=t, bbox=(x + j * 0.06, y, x + j * 0.06 + 0.05, y + 0.01), confidence=0.8, line=i)
                  for i, (line, y, x) in enumerate(rows) for j, t in enumerate(line.split()))
    number = find_number(DocText([Page(file="скан.jpg", page=1, source=PageSource.ocr, words=words)]),
                         DocType.ktp_extract)
    assert number is not None and number.value == "ТП-09/26/017453"


def test_a_short_title_number_stands_where_no_label_gives_another() -> None:
    number = find_number(DocText([ocr_page(
        "ВЫПИСКА № 4", "из реестра казахстанских товаропроизводителей",
        "Дата включения в реестр 13.08.2026")]),
        DocType.ktp_extract)
    assert number is not None and number.value == "4"


def test_a_date_whose_point_after_the_day_a_scan_lost() -> None:
    found = find_dates("ЕЕ АИ с арма Е 08 12.2025, Пп December 2025")
    assert [d.value for d in found][:1] == [date(2025, 12, 8)]
    assert find_dates("сумма 1 12 05.2025") == []


def test_a_certificates_issue_date_whose_label_a_photo_damaged() -> None:
    """`Доға выдачи`: the course's dates further up are no issue date."""
    found = find_date(DocText([ocr_page(
        "СЕРТИФИКАТ", "№ Г®. 13425", "настоюшия сертификол чо", "Омаров Серик Болатович",
        "прошел(ла) обученме по прогромме в объеме 72 скодемических чосое с 06.07 2025", "по 28.07 2025",
        "Доға выдачи: 2025-07-28", "Директор ПоюФдС.")]), doc_type=DocType.training_certificate)
    assert found is not None and found.value == date(2025, 7, 28)


def test_a_days_two_ones_a_photo_read_as_strokes() -> None:
    found = find_dates("Председатель Правления Нургалиева А.К. Дата: || мая 2026 г.")
    assert [d.value for d in found] == [date(2026, 5, 11)]
    assert find_dates("| мая 2026") == []


EXTRACT = ("ВЫПИСКА", "из реестра казахстанских товаропроизводителей")


@pytest.mark.parametrize("value", ["18-2026- 57933", "18 2026 57933", "18-2026-5793З", "18-2О26-57933"])
def test_a_register_number_a_scan_split_or_spelled_with_letters_for_figures(value: str) -> None:
    """Split after its year's hyphen, its hyphens read as spaces, a `3` read as `З`, a `0` as `О`."""
    number = find_number(DocText([ocr_page(*EXTRACT, f"Номер записи в реестре {value}",
                                           "Дата выдачи выписки 12.03.2026")]),
                         DocType.ktp_extract)
    assert number is not None and number.value == "18-2026-57933"


@pytest.mark.parametrize(("heading", "doc_type", "number"), [
    ("АКТ № АВР-О59394", DocType.act, "АВР-059394"),
    ("ДОГОВОР № 0б91/24", DocType.contract, "0691/24"),
    ("ДОГОВОР № 620-0У/2025", DocType.contract, "620-ОУ/2025"),
    ("ДОГОВОР № 12-б", DocType.contract, "12-б"),
])
def test_letters_read_for_figures_inside_a_numbers_figures(heading: str, doc_type: DocType,
                                                           number: str) -> None:
    """A group of figures with a look-alike letter among them is figures; a group of letters stays letters."""
    found = find_number(DocText([ocr_page(heading, "г. Алматы 12.03.2026")]), doc_type)
    assert found is not None and found.value == number


def test_the_contracts_date_an_invoice_cites_is_no_date_of_the_invoice_whatever_its_label_reads() -> None:
    found = find_date(DocText([ocr_page(
        "ГЕ, DAKTYVDA AI, 97979 aw 10 ND DADL", "дат а совершения о JU} uid 10.UL.2UL0 > Қ",
        "Поставщик: Индивидуальный предприниматель Исмаилова Сауле Александровна",
        "Дог овор (контракт) на поставку товаров в (работ: услуг): № 464-ОУ/2025 от 03.02.2025",
        "Условия оплаты по договору (кон тракту): безналичный расчет")]), doc_type=DocType.invoice)
    assert found is None or found.value != date(2025, 2, 3)


def test_a_certificate_dated_at_its_place_under_a_lost_issue_date_label() -> None:
    """`Костанай, 2025 жылғы 22 желтоқсан` closes a certificate whose `Дата выдачи` the scan lost."""
    found = find_date(DocText([ocr_page(
        "СЕРТИФИКАТ", "№ 17465", "Настоящий сертификат подтверждает, что", "Бекмуханав Данияп Епланович",
        "наладчик оборудования, ИИН 831213379820", "по программе « Управление производством и ТРМ»",
        "в соблазна AY area es асов с 13.12.2025 uo 22.12.2025",
        "со UY OCIWIC “TU акаде: мических часов C 13. 14.27.2 а 2.12.22",
        "Костанай, 2025 жылғы 22 желтоқсан", "5", "“ay")]), doc_type=DocType.training_certificate)
    assert found is not None and found.value == date(2025, 12, 22)


def test_a_reports_table_dates_no_report_where_its_own_date_is_lost() -> None:
    """A report carries no number: the date after a cited contract's `№ … от` is the contract's."""
    found = find_date(DocText([ocr_page(
        "к Поовмлом", "ОТЧЕТ", "заявителя по приобретенному цифровому оборудованию",
        "Зоявитель юварищество с ограниченной ответственностью «Шығыс Литье", "Индостри»",
        "Бин 200740819951", "Вид затрат", "Договор", "Приобретение цифрового оборудования",
        "№ 88-0У/2025 ot 07.04.2025", "Контрагент АО «Plotter Centers")]), doc_type=DocType.applicant_report)
    assert found is None or found.value != date(2025, 4, 7)
