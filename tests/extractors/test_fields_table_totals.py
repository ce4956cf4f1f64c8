"""Totals of documents whose amounts stand in tables: a row's number is never an amount, a net row
yields to the grand total. Born-digital pages rendered here (truth known by construction)."""

from __future__ import annotations

from decimal import Decimal

from models.vocab import DocType
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

ALFA = make_bin("18044094207")
BETA = make_bin("20084046735")
GAMMA = make_bin("15034012345")


def test_a_reports_total_is_its_total_row_not_the_row_number_under_the_amount_column() -> None:
    """A landscape report of costs: the `Сумма затрат, тенге` column header over numbered rows."""
    pdf = render([
        (200, 40, "ОТЧЕТ ЗАЯВИТЕЛЯ о понесенных затратах"),
        (40, 60, "ТОО «Альфа» (БИН " + ALFA + ") · составлен 26.03.2026"),
        *lines_at(40, 90, [
            "№   Исполнитель (поставщик)   БИН/ИИН         Договор            Сумма затрат, тенге",
            "1   ТОО «Бета»                " + BETA + "    № 748 от 18.02.2025   1 200 000,00",
            "2   ТОО «Гамма»               " + GAMMA + "    № 15 от 01.03.2025    300 500,50",
            "    Итого затрат                                                 1 500 500,50",
        ], step=14),
        *lines_at(40, 170, [
            "№ п/п   Платежное поручение   Дата          Сумма, тенге",
            "1       № 1327                07.05.2025    1 200 000,00",
        ], step=14),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.applicant_report, applicant_bin=ALFA)
    assert fields.total is not None and fields.total.amount == Decimal("1500500.50")


def test_an_acts_net_row_yields_to_the_total_with_vat_below_it() -> None:
    """Form Р-1: `Итого без НДС`, then `Итого` with VAT, then `в том числе НДС`."""
    pdf = render([
        (200, 40, "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)"),
        (40, 60, "Заказчик ТОО «Альфа», БИН/ИИН " + ALFA),
        (40, 74, "Исполнитель ТОО «Бета», БИН/ИИН " + BETA),
        *lines_at(40, 100, [
            "№ п/п   Наименование работ (услуг)     Ед. изм.   Кол-во   Цена за единицу   Стоимость",
            "1       Обучение персонала              чел.       5        355 120.00        1 775 600.00",
            "Итого без НДС                                                                 1 775 600.00",
            "Итого                                  x          x        x                 1 988 672.00",
            "в том числе НДС 12%:                                                          213 072.00",
        ], step=14),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.act, applicant_bin=ALFA)
    assert fields.total is not None and fields.total.amount == Decimal("1988672.00")


def test_a_net_row_is_the_total_when_the_paper_prints_no_other() -> None:
    pdf = render([
        (200, 40, "АКТ ОКАЗАННЫХ УСЛУГ № 12 от 03.04.2025"),
        (40, 60, "Исполнитель ИП «Бета», ИИН/БИН " + BETA),
        *lines_at(40, 90, [
            "№   Наименование услуг        Кол-во   Цена         Сумма",
            "1   Консультации               2        150 000,00   300 000,00",
            "Итого без НДС:                                       300 000,00",
        ], step=14),
        (40, 150, "Исполнитель не является плательщиком НДС."),
    ])
    fields = fields_of([read(pdf)], DocType.act)
    assert fields.total is not None and fields.total.amount == Decimal("300000.00")


def test_a_contract_price_wrapped_in_a_two_column_page_is_not_cut_at_the_line_end() -> None:
    """A bilingual contract in two columns: the Russian price `55 060` / `966.28` wraps mid-number."""
    pdf = render([
        (40, 60, "ШАРТ № 748"), (320, 60, "ДОГОВОР № 748"),
        *lines_at(40, 90, [
            "2.1. Шарттың жалпы құны 55 060 966.28 теңге, оның",
            "ішінде ҚҚС 12%.",
        ], step=14),
        *lines_at(320, 90, [
            "2.1. Общая стоимость Договора составляет 55 060",
            "966.28 (пятьдесят пять миллионов шестьдесят тысяч",
            "девятьсот шестьдесят шесть) тенге, в том числе НДС",
        ], step=14),
    ], size=8)
    fields = fields_of([read(pdf)], DocType.contract)
    assert fields.total is not None and fields.total.amount == Decimal("55060966.28")


def test_a_reports_total_is_kept_though_a_row_glues_an_invoice_number_before_its_amount() -> None:
    """`… № СФ-906 315 387,76`, `… № 341 663 116,74`: the invoice numbers of the row with the amount after
    them read as one larger number; the total is still no fragment of it."""
    for invoice, amount in (("№ СФ-906", "315 387,76"), ("№ 341", "663 116,74")):
        pdf = render([
            (200, 40, "ОТЧЕТ ЗАЯВИТЕЛЯ о понесенных затратах"),
            *lines_at(40, 70, [
                "№   Исполнитель (поставщик)   БИН/ИИН         Договор    Счет-фактура   Сумма затрат, тенге",
                f"1   ТОО «Бета»                {BETA}    № 945      {invoice} {amount}",
                f"    Итого затрат                                                        {amount}",
            ], step=14),
        ], landscape=True)
        fields = fields_of([read(pdf)], DocType.applicant_report, applicant_bin=ALFA)
        expected = Decimal(amount.replace(" ", "").replace(",", "."))
        assert fields.total is not None and fields.total.amount == expected, invoice


def test_a_payments_amount_in_damaged_digits_is_the_one_its_words_spell() -> None:
    """OCR split the head off (`1372 705,68`) or lost the decimal point (`477701578`) of `Сумма цифрами`;
    `Сумма прописью` spells the amount out."""
    for digits, words, expected in (
        ("1372 705,68 KZT", "Один миллион триста семьдесят две тысячи семьсот пять тенге 68 тиын",
         Decimal("1372705.68")),
        ("477701578", "Четыре миллиона семьсот семьдесят семь тысяч пятнадцать тенге 78 тиын",
         Decimal("4777015.78")),
    ):
        pdf = render([
            (200, 40, "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2073"),
            *lines_at(40, 70, [
                "Отправитель денег ТОО «Альфа» ИИН/БИН " + ALFA,
                "Бенефициар ТОО «Бета» ИИН/БИН " + BETA,
                "Сумма цифрами " + digits,
                "Сумма прописью: " + words,
                "КНП 859   Дата валютирования 28.05.2025",
            ], step=14),
        ])
        fields = fields_of([read(pdf)], DocType.payment_order, applicant_bin=ALFA)
        assert fields.total is not None and fields.total.amount == expected, digits


def test_a_net_row_whose_amount_ocr_split_in_two_still_yields_to_the_grand_total() -> None:
    """`Итого без НДС 3522 834.00` reads as two amounts on the line: still the net row."""
    pdf = render([
        (200, 40, "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)"),
        *lines_at(40, 70, [
            "1       Обучение персонала              чел.       6        587 139.00        3522 834.00",
            "Итого без НДС                                                                 3522 834.00",
            "Итого                                  х          х        х                 3945 574.08",
            "в том числе НДС 12%:                                                          422 740.08",
        ], step=14),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.act)
    assert fields.total is not None and fields.total.amount == Decimal("3945574.08")


def test_a_whole_total_at_a_line_end_stays_though_a_larger_amount_begins_with_its_digits() -> None:
    pdf = render([
        (200, 40, "АКТ ОКАЗАННЫХ УСЛУГ № 7 от 03.04.2025"),
        *lines_at(40, 70, [
            "Лимит ответственности исполнителя 1 200 000,00 тенге.",
            "Итого к оплате: 12 000",
            "Подписи сторон",
        ], step=14),
    ])
    fields = fields_of([read(pdf)], DocType.act)
    assert fields.total is not None and fields.total.amount == Decimal("12000")


def test_a_small_price_wrapped_onto_its_own_line_is_still_the_total() -> None:
    pdf = render([
        (200, 40, "ДОГОВОР № 7 от 03.04.2025"),
        *lines_at(40, 70, [
            "2.1. Общая стоимость Договора составляет",
            "500 тенге за весь объем услуг.",
        ], step=14),
    ])
    fields = fields_of([read(pdf)], DocType.contract)
    assert fields.total is not None and fields.total.amount == Decimal("500")


def test_a_row_number_between_table_borders_read_as_bars_is_no_total() -> None:
    """OCR reads a table's cell borders as `|`: `| 1 | ТОО «Бета» | … | 1 200 000,00`."""
    pdf = render([
        (200, 40, "ОТЧЕТ ЗАЯВИТЕЛЯ о понесенных затратах"),
        *lines_at(40, 70, [
            "| № | Исполнитель (поставщик) | БИН/ИИН | Договор | Сумма затрат, тенге",
            f"|1 | ТОО «Бета» | {BETA} | № 748 от 18.02.2025 | 1 200 000,00",
            f"| 2| ТОО «Гамма» | {GAMMA} | № 15 от 01.03.2025 | 300 500,50",
            "| Итого затрат | 1 500 500,50",
        ], step=14),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.applicant_report, applicant_bin=ALFA)
    assert fields.total is not None and fields.total.amount == Decimal("1500500.50")
