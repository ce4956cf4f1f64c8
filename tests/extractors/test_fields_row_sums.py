"""Totals of scanned and photographed tables whose total label OCR lost, and currencies from reliable
marks only. The page texts are what Tesseract made of Р-1 acts and ЭСФ print forms on scans and phone
photos (a seal over `Итого`, the label read as `oro` / `yore`, row numbers lost at a photo's edge)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.fields import find_total
from extractors.money import currency_marks, detect_currency
from extractors.textindex import DocText
from models.pages import Page
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page as lines_page


def ocr_page(*lines: str) -> Page:
    return lines_page(*lines, file="04 Акт Р-1.pdf")


R1_HEAD = ("Приложение 50 к приказу Министра финансов РК от 20 декабря 2012 года № 562", "Форма Р-1",
           "Номер документа Дата составления", "997 28.10.2025",
           "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)", "Договор (контракт): № 291-ОУ/2025 от 25.09.2025",
           "№ Наименование работ (услуг) Дата выполнения Ед. изм. Кол-во Цена за ед. Стоимость")


def total_of(*lines: str, doc_type: DocType = DocType.act) -> tuple[Decimal, str] | None:
    t = find_total(DocText([ocr_page(*lines)]), doc_type)
    return None if t is None else (t.amount, t.currency)


def test_a_seal_over_the_total_label_leaves_the_sum_of_the_rows() -> None:
    """The «Итого» cell under a seal: its amount read on a line of its own after the signatures."""
    assert total_of(
        *R1_HEAD,
        "1 Внедрение инструментов Six Sigma (DMAIC) на линии розлива 28.10.2025 усл. 1 3 183 918,94 "
        "3183 918,94",
        "2 Консультационные услуги по внедрению системы 55 на производств 28.10.2025 усл. 1 5 581 184,60 "
        "5 581 184,60",
        "3 Картирование потока создания ценности (VSM) 28.10.2025 усл. 1 / түз 1,18 1436 351,18",
        "в том числе НДС: 1 093 013,00", "Сдал (Исполнитель)", "Жумабекова Д. Е.", "Принял (Заказчик)",
        "го", "ім", "10 201 454,72",
    ) == (Decimal("10201454.72"), "KZT")


def test_a_single_row_act_whose_label_reads_oro() -> None:
    assert total_of(
        *R1_HEAD,
        "1 Тепловизионное обследование ограждающих конструкций зданий 12.01.2026 объект 1 SRB 352 378,38",
        "oro 352 378,38", "в том числе НДС: 37 754,83", "Сдал (Исполнитель)",
    ) == (Decimal("352378.38"), "KZT")


def test_rows_whose_numbers_a_photo_cut_off_still_add_up() -> None:
    assert total_of(
        *R1_HEAD,
        "мосрутудамм \\ 71.07 2025 | сессия | 8 | 389,083.27 3,112,666.16",
        "сым састемь SS Wa TPOMIROACTR \\ 21.07 20925 \\ усл. \\ 1 | их er 56.13 5,518,856.13",
        "tn оқты. го 8,631,522.29", "в TOM числе НДС: 0.00",
    ) == (Decimal("8631522.29"), "KZT")


def test_an_amount_that_is_no_sum_of_rows_is_not_a_total() -> None:
    """Without a label or a sum, no amount below the rows is taken for the total."""
    assert total_of(
        *R1_HEAD,
        "1 Внедрение инструментов 28.10.2025 усл. 1 3 183 918,94 3 183 918,94",
        "2 Консультационные услуги 28.10.2025 усл. 1 5 581 184,60 5 581 184,60",
        "в том числе НДС: 1 093 013,00", "Сдал (Исполнитель)", "7 000 000,00",
    ) is None


def test_the_labelled_total_outranks_the_sum_of_rows() -> None:
    """Rows net of VAT: the sum of the rows is the net; the label's amount (with VAT) is the total."""
    assert total_of(
        *R1_HEAD,
        "1 Внедрение инструментов 28.10.2025 усл. 1 1 000 000,00 1 000 000,00",
        "2 Консультационные услуги 28.10.2025 усл. 1 2 000 000,00 2 000 000,00",
        "3 000 000,00", "Итого с НДС: 3 360 000,00",
    ) == (Decimal("3360000.00"), "KZT")


ESF = ("СЧЕТ-ФАКТУРА", "(электронный счет-фактура, печатная форма)",
       "Регистрационный номер Номер документа Дата выписки", "ESF-990912450005-42719 852 28.10.2025",
       "Раздел В. Реквизиты поставщика", "Раздел С. Реквизиты получателя",
       "№ Наименование товаров, работ, услуг Ед. Кол-во Цена без НДС Стоимость без НДС Ставка НДС Сумма НДС",
       "2 Консультационные услуги по внедрению системы 55$ на п усл. 1 4 983 200,54 4 983 200,54 12% "
       "597 984,06 5 581 184,60")


def test_an_ocr_dollar_glyph_in_running_text_does_not_make_the_invoice_dollars() -> None:
    """`5S` read `55$` in an item's name is no currency mark; the form states none, so tenge."""
    assert total_of(*ESF, "Всего по счету: 597 984,06 5 581 184,60", doc_type=DocType.invoice) == (
        Decimal("5581184.60"), "KZT")


def test_a_forms_currency_field_sets_the_currency() -> None:
    assert total_of(*ESF, "Валюта: USD", "Всего по счету: 597 984,06 5 581 184,60",
                    doc_type=DocType.invoice) == (Decimal("5581184.60"), "USD")


@pytest.mark.parametrize(("text", "code"), [
    ("Итого: 12 500,00 $", "USD"),
    ("Total $1 200", "USD"),
    ("Сумма 1 500,00 € к оплате", "EUR"),
    ("системы 55$ на производстве", None),
    ("Six Sigma и 5$ на производстве", None),
    ("оплата в долларах США", "USD"),
])
def test_a_lone_symbol_counts_only_beside_an_amount(text: str, code: str | None) -> None:
    assert detect_currency(text) == code
    assert currency_marks(text) == ({code: 1} if code else {})


def test_rows_the_reading_order_split_from_their_names_still_add_up() -> None:
    """The reading order put the item names in one block and the cells in another: the second row's cells
    hold one amount only, and the total stands alone below them."""
    assert total_of(
        *R1_HEAD[:6], "№ Наименование работ (услуг)",
        "1 Внедрение системы всеобщего обслуживания оборудования (ТРМ)",
        "2 Картирование потока создания ценности (VSM) и проект будущего",
        "в том числе НДС: 963 384,33", "Сдал (Исполнитель) Абдрахманова Е. А.",
        "Дата выполнения Ед. изм. Кол-во Цена за ед. Стоимость",
        "16.12.2024 усл. 1 7477 240,52 7 477 240,52", "Ш .", "16.12.2024 | усл. 1 ИХ R651 1514 346,61",
        "8991 587,13", "Принял (Заказчик) Ахметова А. К.",
    ) == (Decimal("8991587.13"), "KZT")


def test_the_vat_cell_read_first_gives_way_to_the_total_it_is_included_in() -> None:
    """`Всего по счету:` with its two cells (VAT, total with VAT) read onto lines of their own."""
    assert total_of(*ESF, "Всего по счету:", "963 384,33", "8991 587,13",
                    "Выписал(а): бухгалтер Нургалиев Р. А.", doc_type=DocType.invoice) == (
        Decimal("8991587.13"), "KZT")


def test_net_and_vat_read_with_the_gross_cell_misread_add_up_to_the_total() -> None:
    """`Всего по счету:` with net, VAT and a gross cell OCR spoiled (`651.601`, a digit added): the net
    is followed by 12 % of it and nothing reads as their sum, so the sum is the total — never the net."""
    head = ("СЧЕТ-ФАКТУРА № 718 от 10.11.2025", "Поставщик: ТОО «Альфа»",
            "№ Наименование товаров (работ, услуг) Ед. Кол-во Цена Стоимость без НДС Ставка Сумма НДС Всего")
    assert total_of(*head, "1 | Плоттер шт. 1 5 747 010.36 5 747 010.36| 12% 689 641:24 6436 651:60",
                    "Всего по счету: 5 747 010.36 689 641.24 6436 651.601 \\",
                    "Руководитель организации", doc_type=DocType.invoice) == (Decimal("6436651.60"), "KZT")
    # a second amount that is no VAT of the first (a quantity, a price): the largest cell stays the total
    assert total_of(*head, "Всего по счету: 5 747 010.36 410 500.00", "Руководитель организации",
                    doc_type=DocType.invoice) == (Decimal("5747010.36"), "KZT")


def test_a_vat_cell_whose_head_ocr_split_off_still_leads_from_the_net_to_the_gross() -> None:
    """`Итого 9059 494.33` / `в том числе НДС 1087 139.32` / `Всего с НДС 10 146 633.65`: the VAT read as
    `1087 139.32` counts whole, so the net gives way to the total with VAT."""
    assert total_of(*R1_HEAD, "1 Проведение энергоаудита 24.02.2025 отчет усл. 1 9 059 494.33 9 059 494.33",
                    "Итого | x x 9059 494.33", "в том числе НДС 1087 139.32", "Всего c НДС 10 146 633.65",
                    "Сдал (Исполнитель):") == (Decimal("10146633.65"), "KZT")
